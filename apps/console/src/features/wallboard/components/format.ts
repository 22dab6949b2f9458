/** Seconds as 0:07, 12:05 or 1:02:03 (a wall screen reads digits faster than words). */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** An average in seconds (null: no call to average) → 1:05 or —. */
export function formatAverage(seconds: number | null): string {
  return seconds === null ? '—' : formatDuration(Math.round(seconds));
}

/** A share 0..1 (null: no call) → 83.3% or —. */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}
