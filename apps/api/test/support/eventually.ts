/**
 * Waiting in tests without fixed sleeps: poll until a condition holds, and fail with what was last
 * seen when it does not within the time. (Showing that something did NOT happen is `drainQueues`'s
 * job, see drain.ts: let the work finish, then assert.)
 */

export interface EventuallyOptions {
  /** default 10 s: generous, a passing test returns as soon as the condition holds */
  timeoutMs?: number;
  /** pause between reads; default 50 ms */
  intervalMs?: number;
  /** what is awaited, for the timeout's message */
  what?: string;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describeValue(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 500 ? `${text.slice(0, 500)}…` : text;
  } catch {
    return String(value);
  }
}

/** Reads until `accept` holds for the value read, and answers that value. */
export async function eventually<T>(
  read: () => T | Promise<T>,
  accept: (value: T) => boolean,
  options: EventuallyOptions | number = {},
): Promise<T> {
  const {
    timeoutMs = 10_000,
    intervalMs = 50,
    what,
  } = typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() >= deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms${what ? ` waiting for ${what}` : ''}; last value: ${describeValue(value)}`,
      );
    }
    await pause(intervalMs);
  }
}

/** Waits until `check` answers true. */
export async function until(
  check: () => boolean | Promise<boolean>,
  options: EventuallyOptions | number = {},
): Promise<void> {
  await eventually(check, (ok) => ok, options);
}
