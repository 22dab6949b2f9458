import { useEffect } from 'react';

const TONE_MS = 400;
const PERIOD_MS = 2_000;

/**
 * A short repeating two-tone ring while `ringing` (Web Audio; nothing where it is missing, as in
 * tests). Browsers may keep audio suspended until the page had a click or a key press.
 */
export function useRingtone(ringing: boolean): void {
  useEffect(() => {
    if (!ringing) return;
    const Context =
      typeof window === 'undefined'
        ? undefined
        : (window.AudioContext ??
          (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext);
    if (!Context) return;
    let context: AudioContext;
    try {
      context = new Context();
    } catch {
      return;
    }
    const ring = () => {
      const start = context.currentTime;
      for (const [i, frequency] of [880, 660].entries()) {
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, start + (i * TONE_MS) / 2000);
        gain.gain.exponentialRampToValueAtTime(0.2, start + (i * TONE_MS) / 2000 + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + ((i + 1) * TONE_MS) / 2000);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(start + (i * TONE_MS) / 2000);
        oscillator.stop(start + ((i + 1) * TONE_MS) / 2000 + 0.05);
      }
    };
    ring();
    const timer = setInterval(ring, PERIOD_MS);
    return () => {
      clearInterval(timer);
      void context.close().catch(() => undefined);
    };
  }, [ringing]);
}
