import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { Kafka, logLevel, Partitioners } from "kafkajs";
import type { KafkaMessage } from "kafkajs";
import mongoose from "mongoose";
import { describe, expect, inject, it } from "vitest";
import { expectEventually, findRepoRoot, freshMongoUri, uniqueName } from "./index.ts";

const kafkaBrokers = inject("kafkaBrokers");
const mongoUri = inject("mongoUri");

function kafkaClient(): Kafka {
  return new Kafka({ clientId: uniqueName("infra-smoke"), brokers: kafkaBrokers, logLevel: logLevel.ERROR });
}

describe("test infrastructure", () => {
  it("provides the Kafka brokers and the MongoDB URI to tests", () => {
    expect(kafkaBrokers.length).toBeGreaterThan(0);
    for (const broker of kafkaBrokers) expect(broker).toMatch(/^[\w.-]+:\d+$/);
    expect(mongoUri).toMatch(/^mongodb(\+srv)?:\/\//);
  });

  it("delivers a message produced to an explicitly created topic to a consumer", async () => {
    const kafka = kafkaClient();
    const topic = uniqueName("smoke");
    const admin = kafka.admin();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    // A short fetch long-poll: disconnect() waits for the fetch in flight (default up to 5s).
    const consumer = kafka.consumer({ groupId: uniqueName("smoke-group"), maxWaitTimeInMs: 200 });
    try {
      await admin.connect();
      await admin.createTopics({
        topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
        waitForLeaders: true,
      });

      const received: KafkaMessage[] = [];
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          received.push(message);
        },
      });

      await producer.connect();
      await producer.send({ topic, messages: [{ key: "k1", value: JSON.stringify({ hello: "kafka" }) }] });

      await expectEventually(() => {
        expect(received).toHaveLength(1);
      });
      expect(received[0]?.key?.toString()).toBe("k1");
      expect(JSON.parse(received[0]?.value?.toString() ?? "null")).toEqual({ hello: "kafka" });
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => {});
      await admin.disconnect();
    }
  });

  it("does not create topics automatically: producing to an unknown topic fails", async () => {
    // kafkajs asks the broker to auto-create unknown topics; the broker must refuse.
    const kafka = new Kafka({
      clientId: uniqueName("infra-smoke"),
      brokers: kafkaBrokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 500 },
    });
    const topic = uniqueName("never-created");
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    const admin = kafka.admin();
    try {
      await producer.connect();
      await expect(producer.send({ topic, messages: [{ value: "lost" }] })).rejects.toThrow(
        /does not host this topic-partition/,
      );
      await admin.connect();
      expect(await admin.listTopics()).not.toContain(topic);
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
  });

  it("stores and reads back a document through mongoose", async () => {
    const dbName = uniqueName("smoke");
    const connection = await mongoose.createConnection(freshMongoUri(mongoUri, dbName)).asPromise();
    try {
      const Note = connection.model("Note", new mongoose.Schema({ title: String, tags: [String] }));
      const created = await Note.create({ title: "hello", tags: ["a", "b"] });
      const found = await Note.findById(created._id).lean();
      expect(found).toMatchObject({ title: "hello", tags: ["a", "b"] });
      expect(connection.db?.databaseName).toBe(dbName);
    } finally {
      await connection.dropDatabase();
      await connection.close();
    }
  });
});

describe("infra/install.sh", () => {
  const script = join(findRepoRoot(), "infra", "install.sh");
  // The default embedded store is what is verified, even when this run uses another store.
  const { MONGODB_URI: _uri, INFRA_SKIP_FERRETDB: _skip, FERRETDB_HANDLER: _handler, ...env } = process.env;

  // Issue 16: `ferretdb --version | grep -qx …` under pipefail failed about 1 run in 10 when grep
  // closed the pipe before FerretDB had written its last line (SIGPIPE). Twenty runs in a row of
  // the real checks against the real binaries must all pass.
  it("verifies the installed binaries 20 times in a row without a failure", async () => {
    for (let run = 1; run <= 20; run++) {
      const { stderr } = await promisify(execFile)("bash", [script, "--verify"], { env }).catch(
        (error: Error & { stderr?: string }) => {
          throw new Error(
            `run ${run} of install.sh --verify failed: ${error.message}\n${error.stderr ?? ""}`,
          );
        },
      );
      expect(stderr).toMatch(/^✓ FerretDB v\d+\.\d+\.\d+ /m);
      expect(stderr).toMatch(/^✓ PostgreSQL \d+/m);
    }
  }, 120_000);
});
