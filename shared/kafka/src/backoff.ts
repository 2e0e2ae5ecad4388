export interface BackoffOptions {
  /** Retries after the first attempt. */
  retries: number;
  /** Wait before the first retry; each next wait doubles. */
  initialMs: number;
  /** Ceiling of any single wait. */
  maxMs: number;
}

/** The waits between attempts: `initialMs`, doubling, capped at `maxMs`; one per retry. */
export function retryDelays({ retries, initialMs, maxMs }: BackoffOptions): number[] {
  return Array.from({ length: Math.max(0, retries) }, (_, attempt) =>
    Math.min(maxMs, initialMs * 2 ** attempt),
  );
}

/** Raised by `sleep` when its signal aborts: the wait was cut short by a shutdown. */
export class SleepAbortedError extends Error {
  constructor() {
    super("wait aborted by shutdown");
    this.name = "SleepAbortedError";
  }
}

/** Waits `ms`, or rejects with `SleepAbortedError` as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SleepAbortedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new SleepAbortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
