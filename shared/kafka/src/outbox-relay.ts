import { toKafkaMessage } from "@intl/events";
import { SpanKind, contextFrom, currentTraceContext, recordFailure, trace, tracer } from "@intl/telemetry";
import type { Span } from "@intl/telemetry";
import type { Kafka, Message, Producer } from "kafkajs";
import type { Model } from "mongoose";
import { childLogger, silentLogger } from "./logger.ts";
import type { KitLogger } from "./logger.ts";
import type { OutboxEntry } from "./outbox.ts";
import { countPublished, forgetOutbox, measureOutbox } from "./outbox-metrics.ts";
import type { MeasuredOutbox } from "./outbox-metrics.ts";
import { OUTBOX_PENDING, pendingOutboxFilter, unmarkedOutboxFilter } from "./outbox.ts";
import { ACKS_ALL, createIdempotentProducer } from "./producer.ts";
import { prefixedTopic } from "./topics.ts";

export interface OutboxRelayOptions {
  kafka: Kafka;
  /** Every model whose schema uses `outboxPlugin`. */
  models: readonly AnyModel[];
  /** Deployment prefix of the topics (see `prefixedTopic`). Default: none. */
  topicPrefix?: string;
  logger?: KitLogger;
  /**
   * Delay between two safety-net scans of the pending markers, for events no
   * nudge announced: a process that died between its write and its nudge, a
   * write by another process, a publish that failed. Default 15 000 ms.
   */
  scanIntervalMs?: number;
  /** Documents read per model and scan. Default 100. */
  batchSize?: number;
  /**
   * The service's write queue (`createWriteQueue` of @intl/mongo): removing published
   * entries then waits for the service's own writes to the same document, which the
   * embedded store (FerretDB) does not isolate from each other. Keyed by `documentKey`.
   */
  writeQueue?: WriteQueueLike;
}

/** Structural type of @intl/mongo's `WriteQueue`. */
export interface WriteQueueLike {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/** What a write that queued events tells the relay: the model it wrote with and the document's `_id`. */
export interface QueuedEvents {
  model: { readonly modelName: string };
  id: unknown;
}

/** The callback the application calls after each write that queued events (see `OutboxRelay.nudge`). */
export type EventsQueued = (written: QueuedEvents) => void;

const unqueued: WriteQueueLike = { run: (_key, work) => work() };

/** Any mongoose model, whatever its schema's inferred virtuals, methods and query helpers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any, any, any, any, any, any, any>;

interface PendingDocument {
  _id: unknown;
  _outbox?: OutboxEntry[];
  [OUTBOX_PENDING]?: boolean;
}

/** What a round reads of a document: its outbox and its marker. */
const pendingProjection = { _outbox: 1, [OUTBOX_PENDING]: 1 };

interface Found {
  model: AnyModel;
  document: PendingDocument;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

/**
 * Publishes the events waiting in the outboxes of aggregate documents, then
 * removes exactly what it published and, once an outbox is empty, its pending
 * marker. At-least-once: a crash between publishing and removing publishes again
 * after restart, so consumers deduplicate by event id. Events of one document go
 * out in array order, keyed by subject, so an aggregate's events stay on one
 * partition and in order.
 *
 * Its cost follows the events, not the data: the application calls
 * `nudge({ model, id })` after each write that queued events and the relay
 * publishes that document at once (one read by `_id`); nudges that arrive while
 * it publishes are taken together in the next round. A rare safety-net scan
 * (`scanIntervalMs`) finds, by the indexed marker only, what no nudge announced.
 * One round runs at a time, so no two rounds publish the same outbox at once.
 *
 * `start()` marks the documents written before the marker existed (once), then
 * publishes what is pending; `stop()` publishes everything still pending, then
 * disconnects. Tests and seeds can call `publishPending()`, which throws.
 */
export class OutboxRelay {
  private readonly kafka: Kafka;
  private readonly models: readonly AnyModel[];
  private readonly modelsByName: ReadonlyMap<string, AnyModel>;
  private readonly topicPrefix: string;
  private readonly logger: KitLogger;
  private readonly scanIntervalMs: number;
  private readonly batchSize: number;
  private readonly writeQueue: WriteQueueLike;
  /** What `/metrics` measures of this relay while it runs (pending count, oldest age). */
  private readonly measured: MeasuredOutbox;
  private producer: Producer | null = null;
  private connecting: Promise<Producer> | null = null;
  /** Documents nudged since the current round took its work, by write-queue key. */
  private readonly nudged = new Map<string, { model: AnyModel; id: unknown }>();
  /** A full scan asked for since the current round took its work, shared by every caller who asked. */
  private scanRequest: Deferred<number> | null = null;
  private draining: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private stopping = false;

  constructor(options: OutboxRelayOptions) {
    const withoutOutbox = options.models.filter(
      (model) => !model.schema.path("_outbox") || !model.schema.path(OUTBOX_PENDING),
    );
    if (withoutOutbox.length > 0) {
      const names = withoutOutbox.map((model) => model.modelName).join(", ");
      throw new Error(`OutboxRelay: ${names} must use outboxPlugin (schema.plugin(outboxPlugin))`);
    }
    this.kafka = options.kafka;
    this.models = options.models;
    this.modelsByName = new Map(options.models.map((model) => [model.modelName, model]));
    this.topicPrefix = options.topicPrefix ?? "";
    this.logger = childLogger(options.logger ?? silentLogger, { component: "outbox-relay" });
    this.scanIntervalMs = options.scanIntervalMs ?? 15_000;
    this.batchSize = options.batchSize ?? 100;
    this.writeQueue = options.writeQueue ?? unqueued;
    this.measured = { models: this.models, logger: this.logger };
  }

  /**
   * Connects the producer, marks the outboxes written before the pending marker
   * existed, publishes what is pending and runs the safety-net scan until `stop()`.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.stopping = false;
    await this.connectedProducer();
    await this.markUnmarkedOutboxes();
    this.started = true;
    measureOutbox(this.measured);
    // The first scan is requested at once rather than on a 0 ms timer: the timer could fire after a
    // caller's own publishPending() had scanned, and publish later writes behind its back.
    this.requestScan()
      .catch((error: unknown) =>
        this.logger.error({ err: error }, "outbox publish failed; retrying at the next scan"),
      )
      .finally(() => this.scheduleScan(this.scanIntervalMs));
  }

  /**
   * Stops taking nudges and scanning, waits for the round in flight, publishes
   * everything still pending (a failure is logged: the events stay in their
   * outboxes for the next start), then disconnects.
   */
  async stop(): Promise<void> {
    const wasStarted = this.started;
    this.stopping = true;
    this.started = false;
    forgetOutbox(this.measured);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.draining?.catch(() => undefined);
    if (wasStarted || this.producer) {
      await this.scanAll().catch((error: unknown) =>
        this.logger.error({ err: error }, "could not flush the outbox on stop; it stays for the next start"),
      );
    }
    const producer = this.producer ?? (await this.connecting?.catch(() => null));
    this.producer = null;
    this.connecting = null;
    await producer?.disconnect();
  }

  /**
   * Publishes now what a write just queued, without waiting for a scan (call it
   * after each local write that queued events). Without `written`, scans every
   * pending marker. No-op unless started; failures are logged and left to the
   * safety-net scan.
   */
  nudge(written?: QueuedEvents): void {
    if (!this.started || this.stopping) return;
    const model = written && this.modelsByName.get(written.model.modelName);
    if (written && model) {
      this.nudged.set(this.documentKey(model, written.id), { model, id: written.id });
      this.drain();
    } else {
      if (written)
        this.logger.error(
          { model: written.model.modelName },
          "nudge for a model the relay does not publish; scanning",
        );
      this.requestScan().catch((error: unknown) =>
        this.logger.error({ err: error }, "outbox publish failed"),
      );
    }
  }

  /**
   * Publishes every pending event now and resolves with how many the scan
   * published. Calls made while a round runs share one scan after it, so a
   * write made before the call is never left behind.
   */
  publishPending(): Promise<number> {
    return this.requestScan();
  }

  private requestScan(): Promise<number> {
    this.scanRequest ??= deferred<number>();
    const { promise } = this.scanRequest;
    this.drain();
    return promise;
  }

  /** Runs rounds, one at a time, until no nudge nor scan request is left. */
  private drain(): void {
    if (this.draining) return;
    this.draining = this.drainRounds().finally(() => {
      this.draining = null;
      // Work that arrived between the last check and this line.
      if (this.scanRequest || this.nudged.size > 0) this.drain();
    });
  }

  private async drainRounds(): Promise<void> {
    while (this.scanRequest || this.nudged.size > 0) {
      const request = this.scanRequest;
      if (request) {
        this.scanRequest = null;
        // Every document nudged so far was written before this scan reads the markers.
        this.nudged.clear();
        await this.scanAll().then(request.resolve, request.reject);
        continue;
      }
      const targets = [...this.nudged.values()];
      this.nudged.clear();
      try {
        const found = await Promise.all(
          targets.map(async ({ model, id }) => ({
            model,
            document: ((await model
              .findById(id, pendingProjection)
              .lean()
              .exec()) as PendingDocument | null) ?? {
              _id: id,
            },
          })),
        );
        await this.publishDocuments(found);
      } catch (error) {
        this.logger.error({ err: error }, "outbox publish failed; the safety-net scan retries it");
      }
    }
  }

  private scheduleScan(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.requestScan()
        .catch((error: unknown) =>
          this.logger.error({ err: error }, "outbox publish failed; retrying at the next scan"),
        )
        .finally(() => this.scheduleScan(this.scanIntervalMs));
    }, delayMs);
  }

  /** Publishes every document whose marker says it has pending events; one indexed query per model and batch. */
  private async scanAll(): Promise<number> {
    let published = 0;
    for (const model of this.models) {
      for (;;) {
        const documents: PendingDocument[] = await model
          .find(pendingOutboxFilter, pendingProjection)
          .limit(this.batchSize)
          .lean()
          .exec();
        const publishedNow = await this.publishDocuments(documents.map((document) => ({ model, document })));
        published += publishedNow;
        // A full batch may hide more documents; a round without events only clears markers.
        if (documents.length < this.batchSize) break;
      }
    }
    return published;
  }

  /**
   * Events written before the pending marker existed (existing data): marks their
   * documents so the scans find them. The old filter on `_outbox` reads every
   * document of every collection, which is why it runs only here, once per start.
   */
  private async markUnmarkedOutboxes(): Promise<void> {
    for (const model of this.models) {
      const unmarked: { _id: unknown }[] = await model.find(unmarkedOutboxFilter, { _id: 1 }).lean().exec();
      for (const { _id } of unmarked) {
        await this.writeQueue.run(this.documentKey(model, _id), () =>
          model.collection.updateOne(
            { _id, "_outbox.0": { $exists: true } } as never,
            { $set: { [OUTBOX_PENDING]: true } } as never,
          ),
        );
      }
      if (unmarked.length > 0)
        this.logger.info(
          { model: model.modelName, documents: unmarked.length },
          "marked outboxes written before the pending marker",
        );
    }
  }

  /** Sends the documents' events in one batch, then removes them from each document. */
  private async publishDocuments(found: readonly Found[]): Promise<number> {
    const messagesByTopic = new Map<string, Message[]>();
    const spans: Span[] = [];
    for (const { document } of found) {
      for (const entry of document._outbox ?? []) {
        const topic = prefixedTopic(this.topicPrefix, entry.topic);
        const messages = messagesByTopic.get(topic) ?? [];
        const { span, traceHeaders } = publishSpan(entry, topic);
        spans.push(span);
        // CloudEvents Kafka binding, structured mode: readable by any conforming consumer.
        messages.push({ ...toKafkaMessage(entry.envelope, traceHeaders), key: entry.key });
        messagesByTopic.set(topic, messages);
      }
    }
    if (messagesByTopic.size > 0) {
      try {
        const producer = await this.connectedProducer();
        await producer.sendBatch({
          acks: ACKS_ALL,
          topicMessages: [...messagesByTopic].map(([topic, messages]) => ({ topic, messages })),
        });
      } catch (error) {
        for (const span of spans) recordFailure(span, error);
        throw error;
      } finally {
        for (const span of spans) span.end();
      }
    }
    // One document after the other: the embedded store (FerretDB on SQLite) refuses concurrent writes
    // when it is busy (SQLITE_BUSY), and a round holds only the few documents written meanwhile.
    for (const { model, document } of found) {
      if (!document[OUTBOX_PENDING] && (document._outbox ?? []).length === 0) continue;
      await this.writeQueue.run(this.documentKey(model, document._id), () =>
        removePublishedPrefix(model, document._id, document._outbox ?? []),
      );
    }
    let published = 0;
    for (const { document } of found) {
      for (const entry of document._outbox ?? []) {
        published += 1;
        countPublished(prefixedTopic(this.topicPrefix, entry.topic));
        this.logger.info(
          {
            eventId: entry._id,
            type: entry.envelope.type,
            topic: prefixedTopic(this.topicPrefix, entry.topic),
            subject: entry.key,
            sequence: entry.envelope.sequence,
          },
          "event published",
        );
      }
    }
    return published;
  }

  /** Same key as @intl/mongo's documentKey(collection, id). */
  private documentKey(model: AnyModel, id: unknown): string {
    return `${model.collection.collectionName}/${String(id)}`;
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    this.connecting ??= (async () => {
      const producer = createIdempotentProducer(this.kafka);
      await producer.connect();
      this.producer = producer;
      return producer;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }
}

/**
 * The PRODUCER span of one event's publication, in the trace of the write that
 * queued it (stored with the entry, so a relay publishing after a restart, or in
 * another process, continues it), and the W3C headers that make the consumer's
 * span its child. Never a child of whatever the relay runs in: a nudge arrives in
 * the context of the request that wrote, a scan in none.
 */
function publishSpan(
  entry: OutboxEntry,
  topic: string,
): { span: Span; traceHeaders: Record<string, string> } {
  const parent = contextFrom(entry.traceContext);
  const span = tracer("@intl/kafka").startSpan(
    `send ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        "messaging.system": "kafka",
        "messaging.operation.type": "send",
        "messaging.destination.name": topic,
        "messaging.message.id": entry._id,
        "messaging.kafka.message.key": entry.key,
        "cloudevents.event_id": entry._id,
        "cloudevents.event_type": entry.envelope.type,
      },
    },
    parent,
  );
  const sent = currentTraceContext(trace.setSpan(parent, span));
  return { span, traceHeaders: sent ? { ...sent } : {} };
}

/**
 * Removes the published entries, which are the head of the outbox (entries are
 * only ever appended), one `$pop` each, and only while the head is still the
 * entry we published: events appended meanwhile stay for the next round. The
 * pending marker goes with the last entry, in the same update, and only when the
 * outbox holds nothing else: an event appended meanwhile keeps its document
 * marked. (Not `$pull` by id: FerretDB's `$pull` matches whole values only.)
 * Runs in the document's write queue, after the service's own writes to it.
 */
async function removePublishedPrefix(
  model: AnyModel,
  documentId: unknown,
  published: readonly OutboxEntry[],
): Promise<void> {
  for (const [index, entry] of published.entries()) {
    const atHead = { _id: documentId, "_outbox.0._id": entry._id };
    if (index === published.length - 1) {
      // The usual case in one update: the last published entry is the only one left.
      const emptied = await model.collection.updateOne(
        { ...atHead, "_outbox.1": { $exists: false } } as never,
        { $pop: { _outbox: -1 }, $unset: { [OUTBOX_PENDING]: "" } } as never,
      );
      if (emptied.modifiedCount > 0) return;
    }
    const result = await model.collection.updateOne(atHead as never, { $pop: { _outbox: -1 } } as never);
    // Someone else (another relay replica) already removed it: nothing more of ours is at the head.
    if (result.modifiedCount === 0) break;
  }
  await model.collection.updateOne(
    { _id: documentId, [OUTBOX_PENDING]: true, "_outbox.0": { $exists: false } } as never,
    { $unset: { [OUTBOX_PENDING]: "" } } as never,
  );
}
