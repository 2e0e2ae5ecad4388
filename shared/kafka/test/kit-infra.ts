import { afterAll, beforeAll, inject } from "vitest";
import type { Kafka } from "kafkajs";
import type { Connection } from "mongoose";
import { connectMongo } from "@intl/mongo";
import { uniqueName } from "@intl/testing";
import { createKafka, ensureTopics } from "../src/index.ts";
import { noteWritten } from "./note-events.ts";

export interface KitInfra {
  topicPrefix: string;
  kafka: Kafka;
  connection: Connection;
  /** Collection where test handlers record each effect, one document per handling. */
  effects(): ReturnType<Connection["collection"]>;
}

/**
 * Per test file: a random topic prefix with the note topic created (3 partitions),
 * a fresh database, and cleanup of both connections.
 */
export function useKitInfra(): KitInfra {
  const infra = { topicPrefix: uniqueName("kit") } as KitInfra;
  infra.effects = () => infra.connection.collection("effects");
  beforeAll(async () => {
    infra.kafka = createKafka({ clientId: infra.topicPrefix, brokers: inject("kafkaBrokers") });
    infra.connection = await connectMongo(inject("mongoUri"), uniqueName("db"));
    await ensureTopics(infra.kafka, [noteWritten.topic], { prefix: infra.topicPrefix, numPartitions: 3 });
  });
  afterAll(async () => {
    await infra.connection?.dropDatabase();
    await infra.connection?.close();
  });
  return infra;
}
