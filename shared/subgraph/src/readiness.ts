/** A readiness probe: resolves when the dependency answers, rejects otherwise. */
export type ReadinessCheck = () => Promise<void>;

export type CheckOutcome = "ok" | "failed" | "timed out";

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckOutcome>;
  /** Why each failed check failed, for the logs (not for the HTTP answer). */
  failures: Record<string, string>;
}

class CheckTimeout extends Error {}

async function withTimeout(check: ReadinessCheck, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CheckTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check at once, each bounded by `timeoutMs`. */
export async function runReadinessChecks(
  checks: Record<string, ReadinessCheck>,
  timeoutMs: number,
): Promise<ReadinessReport> {
  const entries = Object.entries(checks);
  const settled = await Promise.allSettled(entries.map(([, check]) => withTimeout(check, timeoutMs)));
  const report: ReadinessReport = { ready: true, checks: {}, failures: {} };
  settled.forEach((outcome, index) => {
    const name = entries[index]![0];
    if (outcome.status === "fulfilled") {
      report.checks[name] = "ok";
      return;
    }
    report.ready = false;
    report.checks[name] = outcome.reason instanceof CheckTimeout ? "timed out" : "failed";
    report.failures[name] = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
  });
  return report;
}
