import { EventValidationError, eventCatalogue, fromKafkaMessage } from "@intl/events";
import type { EventContract, EventOf } from "@intl/events";
import { SpanKind, contextFrom, inSpan } from "@intl/telemetry";
import kafkajs from "kafkajs";
import type { Consumer, EachMessagePayload, Kafka, Producer } from "kafkajs";
import type { Connection } from "mongoose";
import { retryDelays, sleep, SleepAbortedError } from "./backoff.ts";
import { trackConsumer } from "./consumer-metrics.ts";
import type { MessageOutcome } from "./consumer-metrics.ts";
import { sendToDeadLetterTopic } from "./dead-letter.ts";
import type { DeadLetterReason } from "./dead-letter.ts";
import { childLogger, silentLogger } from "./logger.ts";
import type { KitLogger } from "./logger.ts";
import { ProcessedEvents } from "./processed-events.ts";
import { createIdempotentProducer } from "./producer.ts";
import { deadLetterTopicName, dlqTopic, ensureTopics, prefixedTopic } from "./topics.ts";

/**
 * One of the events of `contracts`, as a union discriminated by `type`: in
 * `switch (event.type)` each branch sees its own contract's `data`.
 */
export type ConsumedEvent<C extends EventContract> = C extends EventContract ? EventOf<C> : never;

/** What a handler gets besides the event. */
export interface HandlerContext {
  /** Bound to the event (id, type, subject, topic, partition, offset). */
  logger: KitLogger;
  topic: string;
  partition: number;
  offset: string;
  /** 1 on the first try, then 2, 3... */
  attempt: number;
}

export interface StartConsumerOptions<C extends EventContract> {
  kafka: Kafka;
  /** Consumer group, e.g. `students.partnerships-projection`. The Kafka group id is prefixed like topics. */
  groupId: string;
  /** Deployment prefix of the topics (see `prefixedTopic`). Default: none. */
  topicPrefix?: string;
  /** The events to consume; the consumer subscribes to their topics. Other types on those topics are dead-lettered. */
  contracts: readonly C[];
  /**
   * Applies one event. Must be an idempotent upsert (sequence check or
   * `applyOnce`): the ledger skips redeliveries, but a crash between the effect
   * and the ledger write still redelivers. Throw to retry; a thrown
   * `EventValidationError` is dead-lettered at once.
   */
  handle: (event: ConsumedEvent<C>, context: HandlerContext) => Promise<void>;
  /** The service's own database connection, home of the `processed_events` ledger. */
  connection: Connection;
  /** Retries after a failed handling before dead-lettering. Default 5. */
  retries?: number;
  /** First wait between attempts, doubled each time. Default 100 ms. */
  initialRetryMs?: number;
  /** Longest wait between attempts. Default 30 s. */
  maxRetryMs?: number;
  logger?: KitLogger;
  /** Where a new group starts reading. Default true (a new read model replays history). */
  fromBeginning?: boolean;
  /** How long `startConsumer` waits for the group to be joined. Default 60 s. */
  joinTimeoutMs?: number;
}

export interface RunningConsumer {
  /** The Kafka consumer group id: `groupId` with the topic prefix (`<prefix>.<groupId>`). */
  readonly kafkaGroupId: string;
  /** Topics subscribed to, with prefix. */
  readonly topics: readonly string[];
  /** Where failed messages go: `<prefix>.dlq.<groupId>`. */
  readonly deadLetterTopic: string;
  /**
   * Stops after the message in flight: a handler that is running finishes and
   * is committed; a message waiting between retries is abandoned uncommitted
   * and will be handled by the next consumer of the group.
   */
  stop(): Promise<void>;
}

/**
 * Starts an idempotent consumer and resolves once it joined its group. Per
 * message: validate against `contracts` (invalid → dead-letter topic, no retry);
 * skip if the ledger says this group already processed the event id; run
 * `handle` with retries and exponential backoff; record it in the ledger on
 * success, dead-letter it when retries are exhausted. The offset moves on in
 * every case, so a poison message never blocks its partition. The dead-letter
 * topic is created if missing; the subscribed topics must exist (`ensureTopics`).
 */
export async function startConsumer<C extends EventContract>(
  options: StartConsumerOptions<C>,
): Promise<RunningConsumer> {
  const { kafka, groupId, contracts, handle, connection } = options;
  const prefix = options.topicPrefix ?? "";
  const logger = childLogger(options.logger ?? silentLogger, { component: "consumer", groupId });
  const delays = retryDelays({
    retries: options.retries ?? 5,
    initialMs: options.initialRetryMs ?? 100,
    maxMs: options.maxRetryMs ?? 30_000,
  });
  const topics = [...new Set(contracts.map((contract) => prefixedTopic(prefix, contract.topic)))];
  // A topic carries every event of its aggregate; a consumer handles some of them. The others,
  // when they are valid events of the catalogue, are skipped, not dead-lettered: only messages
  // that are not valid events are poison.
  const handledTypes = new Set<string>(contracts.map((contract) => contract.type));
  const knownContracts: readonly EventContract[] = [
    ...contracts,
    ...Object.values(eventCatalogue)
      .flat()
      .filter((contract) => !handledTypes.has(contract.type)),
  ];
  const deadLetterTopic = dlqTopic(prefix, groupId);
  const ledger = new ProcessedEvents(connection, groupId);
  const shutdown = new AbortController();
  const kafkaGroupId = prefixedTopic(prefix, groupId);

  await ensureTopics(kafka, [deadLetterTopicName(groupId)], { prefix });
  const producer = createIdempotentProducer(kafka);
  const consumer = kafka.consumer({
    groupId: kafkaGroupId,
    allowAutoTopicCreation: false,
    // Short fetch waits keep `stop()` quick; data still arrives as soon as it is written.
    maxWaitTimeInMs: 1000,
  });
  const metrics = trackConsumer(consumer, kafkaGroupId);

  const deadLetter = async (
    payload: EachMessagePayload,
    reason: DeadLetterReason,
    error: unknown,
    attempts: number,
    messageLogger: KitLogger,
  ) => {
    await sendToDeadLetterTopic(producer, deadLetterTopic, {
      topic: payload.topic,
      partition: payload.partition,
      message: payload.message,
      groupId,
      reason,
      error,
      attempts,
      failedAt: new Date(),
    });
    metrics.deadLettered(reason);
    messageLogger.error(
      { err: error, reason, attempts, deadLetterTopic },
      "message sent to the dead-letter topic",
    );
  };

  const eachMessage = async (payload: EachMessagePayload): Promise<MessageOutcome> => {
    const { topic, partition, message, heartbeat } = payload;
    const where = { topic, partition, offset: message.offset };
    let event: ConsumedEvent<C>;
    try {
      const parsed = fromKafkaMessage(message, knownContracts);
      if (!handledTypes.has(parsed.type)) {
        childLogger(logger, where).debug({ type: parsed.type }, "event not handled by this group; skipped");
        return "not_handled";
      }
      event = parsed as ConsumedEvent<C>;
    } catch (error) {
      await deadLetter(payload, "invalid-event", error, 0, childLogger(logger, where));
      return "dead_lettered";
    }
    const eventLogger = childLogger(logger, {
      ...where,
      eventId: event.id,
      type: event.type,
      subject: event.subject,
    });
    if (await ledger.has(event.id)) {
      eventLogger.debug({}, "event already processed; skipped");
      return "duplicate";
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await inSpan(
          "@intl/kafka",
          `handle ${event.type}`,
          { attributes: { "intl.handler.attempt": attempt, "cloudevents.event_id": event.id } },
          () => handle(event, { logger: eventLogger, topic, partition, offset: message.offset, attempt }),
        );
        break;
      } catch (error) {
        const delay = delays[attempt - 1];
        if (error instanceof EventValidationError || delay === undefined) {
          await deadLetter(
            payload,
            error instanceof EventValidationError ? "invalid-event" : "handler-failed",
            error,
            attempt,
            eventLogger,
          );
          return "dead_lettered";
        }
        eventLogger.warn({ err: error, attempt, retryInMs: delay }, "handler failed; retrying");
        // Throws SleepAbortedError on shutdown: the message stays uncommitted for the next consumer.
        await sleep(delay, shutdown.signal);
        await heartbeat();
      }
    }
    await ledger.record({ eventId: event.id, type: event.type, topic, partition, offset: message.offset });
    // One line per handled event (as the relay logs each publication), with the time since the
    // event happened: what an operator follows, and what `npm run bench` measures propagation by.
    eventLogger.info({ lagMs: Date.now() - Date.parse(event.time) }, "event processed");
    return "handled";
  };

  // One CONSUMER span per message, the child of the publication named by its `traceparent`
  // header: the handler's work (store writes, the events it queues) joins the trace of the
  // request that caused the event, in whichever service published it.
  const tracedMessage = (payload: EachMessagePayload): Promise<MessageOutcome> =>
    inSpan(
      "@intl/kafka",
      `process ${payload.topic}`,
      {
        kind: SpanKind.CONSUMER,
        parent: contextFrom(payload.message.headers),
        attributes: {
          "messaging.system": "kafka",
          "messaging.operation.type": "process",
          "messaging.destination.name": payload.topic,
          "messaging.destination.partition.id": String(payload.partition),
          "messaging.kafka.offset": Number(payload.message.offset),
          "messaging.consumer.group.name": kafkaGroupId,
        },
      },
      async (span) => {
        const outcome = await eachMessage(payload);
        span.setAttribute("intl.message.outcome", outcome);
        return outcome;
      },
    );

  const joined = waitForGroupJoin(consumer, options.joinTimeoutMs ?? 60_000);
  try {
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: true,
      eachMessage: async (payload) => {
        try {
          metrics.finished(payload, await tracedMessage(payload));
        } catch (error) {
          // kafkajs does not resolve the offset of a failed message: it is redelivered, never skipped.
          if (!(error instanceof SleepAbortedError)) throw error;
          logger.info(
            { topic: payload.topic, partition: payload.partition, offset: payload.message.offset },
            "shutdown: message left uncommitted",
          );
          // A kafkajs error, so kafkajs does not log an expected shutdown as a handler failure.
          throw new kafkajs.KafkaJSError("consumer stopping: message left uncommitted", { retriable: true });
        }
      },
    });
    await joined.promise;
  } catch (error) {
    joined.cancel();
    metrics.stop();
    await disconnectQuietly(consumer, producer);
    throw error;
  }
  logger.info({ topics, deadLetterTopic }, "consumer joined its group");

  let stopping: Promise<void> | null = null;
  return {
    kafkaGroupId,
    topics,
    deadLetterTopic,
    stop() {
      stopping ??= (async () => {
        shutdown.abort();
        await consumer.disconnect();
        metrics.stop();
        await producer.disconnect();
        logger.info({}, "consumer stopped");
      })();
      return stopping;
    },
  };
}

function waitForGroupJoin(consumer: Consumer, timeoutMs: number) {
  let cancel = () => {};
  const promise = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cancel();
      reject(new Error(`consumer did not join its group within ${timeoutMs} ms`));
    }, timeoutMs);
    const removeJoin = consumer.on(consumer.events.GROUP_JOIN, () => {
      cancel();
      resolve();
    });
    const removeCrash = consumer.on(consumer.events.CRASH, (event) => {
      cancel();
      reject(event.payload.error);
    });
    cancel = () => {
      clearTimeout(timer);
      removeJoin();
      removeCrash();
    };
  });
  return { promise, cancel: () => cancel() };
}

async function disconnectQuietly(consumer: Consumer, producer: Producer): Promise<void> {
  await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
}
