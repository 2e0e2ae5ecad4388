import { counter, gauge } from "@intl/metrics";
import type { AnyModel } from "@intl/mongo";
import type { KitLogger } from "./logger.ts";
import type { OutboxEntry } from "./outbox.ts";
import { pendingOutboxFilter } from "./outbox.ts";

/** What a started relay lets a scrape measure. */
export interface MeasuredOutbox {
  models: readonly AnyModel[];
  logger: KitLogger;
}

/** A scrape waits this long at most for the store; past it the last values stay. */
const MEASURE_TIMEOUT_MS = 2000;
/** Pending documents read for the oldest entry: a bounded read even when the relay is far behind. */
const OLDEST_SAMPLE = 100;

const relays = new Set<MeasuredOutbox>();

const published = counter({
  name: "intl_outbox_events_published_total",
  help: "Events the outbox relay published to Kafka (acks=all), by topic",
  labelNames: ["topic"],
});

let measuring: Promise<void> | null = null;
/** Both gauges are read in one scrape: they share one measurement. */
const measureOnce = (): Promise<void> => {
  measuring ??= measureAll().finally(() => {
    measuring = null;
  });
  return measuring;
};

const pending = gauge({
  name: "intl_outbox_pending",
  help: "Documents whose outbox holds events not yet published (the indexed pending marker), measured at scrape time",
  labelNames: ["database", "model"],
  collect: measureOnce,
});

const oldestAge = gauge({
  name: "intl_outbox_oldest_pending_age_seconds",
  help: `Age of the oldest event waiting in an outbox (among the first ${OLDEST_SAMPLE} pending documents read), 0 when none is pending`,
  labelNames: ["database", "model"],
  collect: measureOnce,
});

const labelsOf = (model: AnyModel) => ({ database: model.db.name, model: model.modelName });

async function measureModel(model: AnyModel): Promise<void> {
  const [count, heads] = (await Promise.all([
    model.countDocuments(pendingOutboxFilter).maxTimeMS(MEASURE_TIMEOUT_MS).exec(),
    model
      .find(pendingOutboxFilter, { _outbox: 1 })
      .limit(OLDEST_SAMPLE)
      .maxTimeMS(MEASURE_TIMEOUT_MS)
      .lean()
      .exec(),
  ])) as [number, { _outbox?: OutboxEntry[] }[]];
  // Entries are only ever appended: a document's first entry is its oldest. One clock reading:
  // two could differ by a millisecond and show an age where nothing is pending.
  const now = Date.now();
  const oldest = Math.min(
    ...heads.map((document) => new Date(document._outbox?.[0]?.createdAt ?? now).getTime()),
    now,
  );
  pending.set(labelsOf(model), count);
  oldestAge.set(labelsOf(model), Math.max(0, (now - oldest) / 1000));
}

async function measureAll(): Promise<void> {
  const work = [...relays].flatMap((relay) =>
    relay.models.map((model) =>
      withTimeout(measureModel(model), MEASURE_TIMEOUT_MS).catch((error: unknown) =>
        relay.logger.warn(
          { err: error, model: model.modelName },
          "could not measure the outbox for /metrics; its last values stay",
        ),
      ),
    ),
  );
  await Promise.all(work);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the store within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A started relay's outboxes are measured at each scrape until `forgetOutbox`. */
export function measureOutbox(relay: MeasuredOutbox): void {
  relays.add(relay);
}

/** The relay stopped: its series go away. */
export function forgetOutbox(relay: MeasuredOutbox): void {
  if (!relays.delete(relay)) return;
  for (const model of relay.models) {
    pending.remove(labelsOf(model));
    oldestAge.remove(labelsOf(model));
  }
}

/** Counts events the relay has just published. */
export function countPublished(topic: string, events = 1): void {
  published.inc({ topic }, events);
}
