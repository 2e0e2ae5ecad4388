import { describe, expect, it } from "vitest";
import { retryDelays, sleep, SleepAbortedError } from "./backoff.ts";

describe("retry backoff schedule", () => {
  it("waits 100 ms before the first retry and doubles after each failure", () => {
    expect(retryDelays({ retries: 5, initialMs: 100, maxMs: 30_000 })).toEqual([100, 200, 400, 800, 1600]);
  });

  it("never waits longer than the ceiling", () => {
    expect(retryDelays({ retries: 6, initialMs: 500, maxMs: 3000 })).toEqual([
      500, 1000, 2000, 3000, 3000, 3000,
    ]);
  });

  it("has no wait at all when retries are disabled", () => {
    expect(retryDelays({ retries: 0, initialMs: 100, maxMs: 1000 })).toEqual([]);
  });
});

describe("an abortable wait", () => {
  it("is cut short when shutdown aborts it", async () => {
    const shutdown = new AbortController();
    const waiting = sleep(60_000, shutdown.signal);
    shutdown.abort();
    await expect(waiting).rejects.toBeInstanceOf(SleepAbortedError);
  });

  it("refuses to start after shutdown", async () => {
    await expect(sleep(1, AbortSignal.abort())).rejects.toBeInstanceOf(SleepAbortedError);
  });
});
