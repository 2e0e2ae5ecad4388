import type { Kafka, Message, Producer } from "kafkajs";
import type { Model } from "mongoose";
import { childLogger, silentLogger } from "./logger.ts";
import type { KitLogger } from "./logger.ts";
import type { OutboxEntry } from "./outbox.ts";
import { pendingOutboxFilter } from "./outbox.ts";
import { ACKS_ALL, createIdempotentProducer } from "./producer.ts";
import { prefixedTopic } from "./topics.ts";

export interface OutboxRelayOptions {
  kafka: Kafka;
  /** Every model whose schema uses `outboxPlugin`. */
  models: readonly AnyModel[];
  /** Deployment prefix of the topics (see `prefixedTopic`). Default: none. */
  topicPrefix?: string;
  logger?: KitLogger;
  /** Delay between two scans of the outboxes. Default 1000 ms. */
  pollIntervalMs?: number;
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

const unqueued: WriteQueueLike = { run: (_key, work) => work() };

/** Any mongoose model, whatever its schema's inferred virtuals, methods and query helpers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any, any, any, any, any, any, any>;

interface PendingDocument {
  _id: unknown;
  _outbox?: OutboxEntry[];
}

/**
 * Publishes the events waiting in the outboxes of aggregate documents, then
 * removes exactly what it published. At-least-once: a crash between publishing
 * and removing publishes again after restart, so consumers deduplicate by
 * event id. Events of one document go out in array order, keyed by subject, so
 * an aggregate's events stay on one partition and in order.
 *
 * `start()` polls every `pollIntervalMs` (errors are logged and retried at the
 * next tick, never thrown out of the loop); `nudge()` publishes right after a
 * local write; `stop()` lets the in-flight batch finish. Tests can call
 * `publishPending()` directly, which does throw.
 */
export class OutboxRelay {
  private readonly kafka: Kafka;
  private readonly models: readonly AnyModel[];
  private readonly topicPrefix: string;
  private readonly logger: KitLogger;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly writeQueue: WriteQueueLike;
  private producer: Producer | null = null;
  private connecting: Promise<Producer> | null = null;
  private inFlight: Promise<number> | null = null;
  private queued: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private stopping = false;

  constructor(options: OutboxRelayOptions) {
    const withoutOutbox = options.models.filter((model) => !model.schema.path("_outbox"));
    if (withoutOutbox.length > 0) {
      const names = withoutOutbox.map((model) => model.modelName).join(", ");
      throw new Error(`OutboxRelay: ${names} must use outboxPlugin (schema.plugin(outboxPlugin))`);
    }
    this.kafka = options.kafka;
    this.models = options.models;
    this.topicPrefix = options.topicPrefix ?? "";
    this.logger = childLogger(options.logger ?? silentLogger, { component: "outbox-relay" });
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.batchSize = options.batchSize ?? 100;
    this.writeQueue = options.writeQueue ?? unqueued;
  }

  /** Connects the producer, publishes what is pending and keeps polling until `stop()`. */
  async start(): Promise<void> {
    if (this.started) return;
    this.stopping = false;
    await this.connectedProducer();
    this.started = true;
    this.schedule(0);
  }

  /** Stops polling, waits for the batch in flight, disconnects. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([this.inFlight, this.queued]);
    const producer = this.producer ?? (await this.connecting?.catch(() => null));
    this.producer = null;
    this.connecting = null;
    await producer?.disconnect();
  }

  /** Publishes soon without waiting for the next poll (call after a local write). No-op unless started. */
  nudge(): void {
    if (!this.started || this.stopping) return;
    this.publishPending().catch((error: unknown) =>
      this.logger.error({ err: error }, "outbox publish failed"),
    );
  }

  /**
   * Publishes every pending event now and resolves with how many were
   * published. Calls made while a scan runs share one follow-up scan, so a
   * write made during a scan is never left behind.
   */
  publishPending(): Promise<number> {
    if (this.inFlight) {
      this.queued ??= this.inFlight
        .catch(() => 0)
        .then(() => {
          this.queued = null;
          return this.publishPending();
        });
      return this.queued;
    }
    const run = this.scanAll().finally(() => {
      if (this.inFlight === run) this.inFlight = null;
    });
    this.inFlight = run;
    return run;
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.publishPending()
        .catch((error: unknown) =>
          this.logger.error({ err: error }, "outbox publish failed; retrying at next poll"),
        )
        .finally(() => this.schedule(this.pollIntervalMs));
    }, delayMs);
  }

  private async scanAll(): Promise<number> {
    const producer = await this.connectedProducer();
    let published = 0;
    for (const model of this.models) {
      for (;;) {
        const documents: PendingDocument[] = await model
          .find(pendingOutboxFilter, { _outbox: 1 })
          .limit(this.batchSize)
          .lean()
          .exec();
        let publishedNow = 0;
        for (const document of documents)
          publishedNow += await this.publishDocument(producer, model, document);
        published += publishedNow;
        // A full batch may hide more documents; an empty round would only loop on the same ones.
        if (documents.length < this.batchSize || publishedNow === 0 || this.stopping) break;
      }
    }
    return published;
  }

  private async publishDocument(
    producer: Producer,
    model: AnyModel,
    document: PendingDocument,
  ): Promise<number> {
    const entries = document._outbox ?? [];
    if (entries.length === 0) return 0;
    const messagesByTopic = new Map<string, Message[]>();
    for (const entry of entries) {
      const topic = prefixedTopic(this.topicPrefix, entry.topic);
      const messages = messagesByTopic.get(topic) ?? [];
      messages.push({
        key: entry.key,
        value: JSON.stringify(entry.envelope),
        headers: {
          "ce-id": entry.envelope.id,
          "ce-type": entry.envelope.type,
          "content-type": "application/json",
        },
      });
      messagesByTopic.set(topic, messages);
    }
    await producer.sendBatch({
      acks: ACKS_ALL,
      topicMessages: [...messagesByTopic].map(([topic, messages]) => ({ topic, messages })),
    });
    // Same key as @intl/mongo's documentKey(collection, id).
    await this.writeQueue.run(`${model.collection.collectionName}/${String(document._id)}`, () =>
      removePublishedPrefix(model, document._id, entries),
    );
    for (const entry of entries) {
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
    return entries.length;
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
 * Removes the published entries, which are the head of the outbox (entries are
 * only ever appended), one `$pop` each, and only while the head is still the
 * entry we published: events appended meanwhile stay for the next scan. (Not
 * `$pull` by id: FerretDB's `$pull` matches whole values only.)
 */
async function removePublishedPrefix(
  model: AnyModel,
  documentId: unknown,
  published: readonly OutboxEntry[],
): Promise<void> {
  for (const entry of published) {
    const result = await model.collection.updateOne(
      { _id: documentId, "_outbox.0._id": entry._id } as never,
      { $pop: { _outbox: -1 } } as never,
    );
    // Someone else (another relay replica) already removed it: nothing more of ours is at the head.
    if (result.modifiedCount === 0) return;
  }
}
