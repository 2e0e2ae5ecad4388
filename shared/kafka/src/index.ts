export { createKafka } from "./client.ts";
export type { CreateKafkaOptions, LogLevelName } from "./client.ts";
export { prefixedTopic, dlqTopic, deadLetterTopicName, ensureTopics, replicationFor } from "./topics.ts";
export type { EnsureTopicsOptions, Replication } from "./topics.ts";
export { createIdempotentProducer, ACKS_ALL } from "./producer.ts";
export {
  outboxPlugin,
  outboxEntries,
  withEvents,
  withEventsInDocument,
  pendingOutboxFilter,
  unmarkedOutboxFilter,
  OUTBOX_PENDING,
} from "./outbox.ts";
export { eventFactory } from "./outbox.ts";
export type { EventStamp, OutboxEntry, OutboxEvent } from "./outbox.ts";
export { aggregateOutbox, createOutboxWriter } from "./aggregate-outbox.ts";
export { OutboxRelay } from "./outbox-relay.ts";
export type { EventsQueued, OutboxRelayOptions, QueuedEvents, WriteQueueLike } from "./outbox-relay.ts";
export { startConsumer } from "./consumer.ts";
export type { ConsumedEvent, HandlerContext, RunningConsumer, StartConsumerOptions } from "./consumer.ts";
export { DeadLetterHeader } from "./dead-letter.ts";
export type { DeadLetterReason } from "./dead-letter.ts";
export { ProcessedEvents, PROCESSED_EVENTS_COLLECTION } from "./processed-events.ts";
export type { ProcessedEventRecord } from "./processed-events.ts";
export { retryDelays } from "./backoff.ts";
export type { BackoffOptions } from "./backoff.ts";
export { silentLogger } from "./logger.ts";
export type { KitLogger } from "./logger.ts";
export { createKafkaProbe } from "./readiness.ts";
export type { KafkaProbe } from "./readiness.ts";
