import type { KitLogger, OutboxRelay } from "@intl/kafka";
import type { Exclusive } from "../models/storeWriteLock.ts";

/**
 * Drives the kit's outbox relay: scans every `pollMs`, and soon after a write
 * that queued events, always under the store write lock (the relay removes
 * what it published from the same documents the service writes; see
 * `storeWriteLock.ts`). The relay itself publishes and removes, as the kit defines.
 */
export function outboxPublishing(
  relay: OutboxRelay,
  exclusive: Exclusive,
  pollMs: number,
  logger: KitLogger,
) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let nudged = false;
  let stopped = true;

  const publish = (): Promise<number> => exclusive(() => relay.publishPending());

  function schedule(delayMs: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      nudged = false;
      running = publish()
        .catch((error: unknown) =>
          logger.error({ err: error }, "outbox publish failed; retrying at next poll"),
        )
        .finally(() => {
          running = null;
          if (!timer) schedule(pollMs);
        });
    }, delayMs);
  }

  return {
    publish,
    start(): void {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    /** Publishes soon after a write that queued events. */
    nudge(): void {
      if (stopped || nudged) return;
      nudged = true;
      if (!running) schedule(0);
      else void running.then(() => schedule(0));
    },
    /** Stops polling, publishes what is left, disconnects the relay's producer. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      await publish().catch((error: unknown) =>
        logger.error({ err: error }, "could not flush the outbox on stop"),
      );
      await relay.stop();
    },
  };
}
