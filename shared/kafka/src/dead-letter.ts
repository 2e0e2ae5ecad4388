import type { IHeaders, KafkaMessage, Producer } from "kafkajs";
import { ACKS_ALL } from "./producer.ts";

/** Headers the kit adds to a dead-lettered message; the original key, value and headers are kept as they were. */
export const DeadLetterHeader = {
  ORIGINAL_TOPIC: "dlq-original-topic",
  ORIGINAL_PARTITION: "dlq-original-partition",
  ORIGINAL_OFFSET: "dlq-original-offset",
  CONSUMER_GROUP: "dlq-consumer-group",
  /** `invalid-event` (failed its contract: never retried) or `handler-failed` (retries exhausted). */
  REASON: "dlq-reason",
  /** The error message. */
  ERROR: "dlq-error",
  /** How many times the handler ran (0 for an invalid event). */
  ATTEMPTS: "dlq-attempts",
  FAILED_AT: "dlq-failed-at",
} as const;

export type DeadLetterReason = "invalid-event" | "handler-failed";

export interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  groupId: string;
  reason: DeadLetterReason;
  error: unknown;
  attempts: number;
  failedAt: Date;
}

const MAX_ERROR_LENGTH = 2000;

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH)}…` : message;
}

/** Sends the original message, unchanged, to the dead-letter topic with headers saying where it came from and why. */
export async function sendToDeadLetterTopic(
  producer: Producer,
  deadLetterTopic: string,
  letter: DeadLetter,
): Promise<void> {
  const headers: IHeaders = {
    ...letter.message.headers,
    [DeadLetterHeader.ORIGINAL_TOPIC]: letter.topic,
    [DeadLetterHeader.ORIGINAL_PARTITION]: String(letter.partition),
    [DeadLetterHeader.ORIGINAL_OFFSET]: letter.message.offset,
    [DeadLetterHeader.CONSUMER_GROUP]: letter.groupId,
    [DeadLetterHeader.REASON]: letter.reason,
    [DeadLetterHeader.ERROR]: errorMessage(letter.error),
    [DeadLetterHeader.ATTEMPTS]: String(letter.attempts),
    [DeadLetterHeader.FAILED_AT]: letter.failedAt.toISOString(),
  };
  await producer.send({
    topic: deadLetterTopic,
    acks: ACKS_ALL,
    messages: [{ key: letter.message.key, value: letter.message.value, headers }],
  });
}
