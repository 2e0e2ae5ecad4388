import type { KitLogger } from "@intl/kafka";
import { academicYearAt } from "../domain/academicYear.ts";

export interface ScheduledExpiryOptions {
  intervalMs: number;
  clock: () => Date;
  expireDueAgreements: (now: Date) => Promise<string[]>;
  refreshAllStandings: () => Promise<number>;
  logger: KitLogger;
}

/**
 * Expiry "by itself": every `intervalMs`, expires the active agreements whose
 * last academic year is over. On its first run and whenever a new academic
 * year starts, it also reassesses every partnership, since student flows and
 * office records age out of the three-year window with time (and a crash
 * between an agreement change and its reassessment is repaired then).
 */
export function scheduledExpiry(options: ScheduledExpiryOptions) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  let reassessedFor: string | null = null;

  async function tick(): Promise<void> {
    const now = options.clock();
    const expired = await options.expireDueAgreements(now);
    if (expired.length > 0) options.logger.info({ expired }, "agreements expired");
    const year = academicYearAt(now);
    if (reassessedFor !== year) {
      const count = await options.refreshAllStandings();
      reassessedFor = year;
      options.logger.info({ institutions: count, academicYear: year }, "partnerships reassessed");
    }
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) =>
          options.logger.error({ err: error }, "scheduled expiry failed; retrying at next tick"),
        )
        .finally(() => {
          running = null;
          schedule(options.intervalMs);
        });
    }, delayMs);
  }

  return {
    start(): void {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    /** Stops scheduling and waits for a run in progress. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
