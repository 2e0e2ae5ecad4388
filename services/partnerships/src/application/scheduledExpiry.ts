import type { KitLogger } from "@intl/kafka";
import { periodicJob } from "@intl/subgraph";
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
  let reassessedFor: string | null = null;
  return periodicJob({
    name: "agreement-expiry",
    intervalMs: options.intervalMs,
    logger: options.logger,
    async run() {
      const now = options.clock();
      const expired = await options.expireDueAgreements(now);
      if (expired.length > 0) options.logger.info({ expired }, "agreements expired");
      const year = academicYearAt(now);
      if (reassessedFor !== year) {
        const count = await options.refreshAllStandings();
        reassessedFor = year;
        options.logger.info({ institutions: count, academicYear: year }, "partnerships reassessed");
      }
      return expired.length;
    },
  });
}
