import { counter, gauge } from "@intl/metrics";
import type { Consumer, EachMessagePayload } from "kafkajs";
import type { DeadLetterReason } from "./dead-letter.ts";

/** What became of a message the consumer is done with (its offset moves on). */
export type MessageOutcome = "handled" | "duplicate" | "not_handled" | "dead_lettered";

const lag = gauge({
  name: "intl_kafka_consumer_lag",
  help: "Messages of a partition this process's consumer group has not finished yet (high watermark of the last fetched batch minus the next offset to process)",
  labelNames: ["group", "topic", "partition"],
});

const consumed = counter({
  name: "intl_kafka_events_processed_total",
  help: "Messages a consumer group finished with, by outcome: handled, duplicate (already in the ledger), not_handled (a valid event of a type the group ignores), dead_lettered",
  labelNames: ["group", "outcome"],
});

const deadLettered = counter({
  name: "intl_kafka_dead_lettered_total",
  help: "Messages a consumer group sent to its dead-letter topic, by reason (invalid-event, handler-failed)",
  labelNames: ["group", "reason"],
});

export interface ConsumerMetrics {
  /** After a message was dealt with: counts its outcome and moves its partition's lag. */
  finished(payload: EachMessagePayload, outcome: MessageOutcome): void;
  deadLettered(reason: DeadLetterReason): void;
  /** The consumer stopped: its partitions' lag series are removed. */
  stop(): void;
}

/**
 * Follows one consumer's lag per partition from kafkajs's own batch events, at no
 * request cost: each fetched batch tells the partition's high watermark, and each
 * message finished moves the lag to `highWatermark - offset - 1`. A partition
 * that receives nothing keeps its last value (0 once caught up). Partitions
 * revoked by a rebalance lose their series.
 */
export function trackConsumer(consumer: Consumer, group: string): ConsumerMetrics {
  const highWatermarks = new Map<string, number>();
  const labelsOf = (topic: string, partition: number) => ({ group, topic, partition: String(partition) });
  const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;
  const tracked = new Map<string, { topic: string; partition: number }>();
  const setLag = (topic: string, partition: number, value: number) => {
    if (!Number.isFinite(value)) return;
    tracked.set(key(topic, partition), { topic, partition });
    lag.set(labelsOf(topic, partition), Math.max(0, value));
  };
  const forget = (entry: { topic: string; partition: number }) => {
    const id = key(entry.topic, entry.partition);
    tracked.delete(id);
    highWatermarks.delete(id);
    lag.remove(labelsOf(entry.topic, entry.partition));
  };

  const removeBatch = consumer.on(consumer.events.START_BATCH_PROCESS, ({ payload }) => {
    const highWatermark = Number(payload.highWatermark);
    highWatermarks.set(key(payload.topic, payload.partition), highWatermark);
    // A batch of control records only (batchSize 0) is resolved whole by kafkajs.
    setLag(
      payload.topic,
      payload.partition,
      payload.batchSize > 0 ? highWatermark - Number(payload.firstOffset) : Number(payload.offsetLag),
    );
  });
  const removeJoin = consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const assigned = payload.memberAssignment;
    for (const entry of [...tracked.values()]) {
      if (!assigned[entry.topic]?.includes(entry.partition)) forget(entry);
    }
  });

  return {
    finished({ topic, partition, message }, outcome) {
      consumed.inc({ group, outcome });
      const highWatermark = highWatermarks.get(key(topic, partition));
      if (highWatermark !== undefined) setLag(topic, partition, highWatermark - Number(message.offset) - 1);
    },
    deadLettered(reason) {
      deadLettered.inc({ group, reason });
    },
    stop() {
      removeBatch();
      removeJoin();
      for (const entry of [...tracked.values()]) forget(entry);
    },
  };
}
