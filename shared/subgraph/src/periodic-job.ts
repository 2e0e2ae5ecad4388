import type { KitLogger } from "@intl/kafka";
import { counter } from "@intl/metrics";
import type { ScheduledJob } from "./service-definition.ts";

const handled = counter({
  name: "intl_scheduled_job_items_total",
  help: "Items a service's scheduled job handled (e.g. dossiers whose documents retention removed), by job",
  labelNames: ["job"],
});

export interface PeriodicJobOptions {
  /** Names the job in logs and in the metric's `job` label. */
  name: string;
  /** Between the end of one run and the start of the next; the first run starts at once. */
  intervalMs: number;
  /** One run: does what is due and says how many items it handled (idempotent: a run may be repeated). */
  run: () => Promise<number>;
  logger: KitLogger;
}

/**
 * A service's periodic job: one run at a time, the next `intervalMs` after the previous ended; a
 * failed run is logged and retried at the next tick; `stop` waits for a run in progress. Each run
 * that handled something logs how many and adds them to `intl_scheduled_job_items_total{job}`.
 */
export function periodicJob(options: PeriodicJobOptions): ScheduledJob & { runOnce(): Promise<number> } {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = true;

  async function runOnce(): Promise<number> {
    const count = await options.run();
    if (count > 0) {
      handled.inc({ job: options.name }, count);
      options.logger.info({ job: options.name, count }, "scheduled job handled items");
    }
    return count;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((error: unknown) =>
          options.logger.error(
            { err: error, job: options.name },
            "scheduled job failed; retrying at the next tick",
          ),
        )
        .finally(() => {
          running = null;
          schedule(options.intervalMs);
        });
    }, delayMs);
  }

  return {
    runOnce,
    start(): void {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
