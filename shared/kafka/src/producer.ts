import { Partitioners } from "kafkajs";
import type { Kafka, Producer } from "kafkajs";

/**
 * The kit's producer: idempotent (a retried send is not written twice), one
 * request in flight (retries cannot reorder), the default murmur2 partitioner
 * (an aggregate's key always lands on the same partition), and it never asks
 * the brokers to create topics. Send with `acks: -1`.
 */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { initialRetryTime: 100, retries: 8 },
  });
}

/** Every send of the kit waits for all in-sync replicas. */
export const ACKS_ALL = -1;
