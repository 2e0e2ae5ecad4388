import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createTokenVerifier } from "@intl/auth";
import { institutionCreated, parseEvent, toKafkaMessage } from "@intl/events";
import { createIdempotentProducer, prefixedTopic } from "@intl/kafka";
import { connectMongo } from "@intl/mongo";
import { buildService as buildPartnerships } from "@intl/partnerships/subgraph";
import { createLogger } from "@intl/subgraph";
import { expectEventually, uniqueName } from "@intl/testing";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from "vitest";
import { startSystem, type System } from "./system.ts";
import { office } from "./viewers.ts";

const writer = fileURLToPath(new URL("./crash-writer.ts", import.meta.url));

/** Runs the crash writer against `database` and resolves with the signal that ended it. */
function runKilledWriter(
  env: Record<string, string>,
): Promise<{ signal: NodeJS.Signals | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", writer], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      signal ? resolve({ signal, stdout }) : reject(new Error(`writer exited ${code}: ${stderr}`)),
    );
  });
}

let system: System;

beforeAll(async () => {
  system = await startSystem({ kafkaBrokers: inject("kafkaBrokers"), mongoUri: inject("mongoUri") });
});
afterAll(async () => system?.stop());

describe("an event is never lost", () => {
  it("publishes on restart what a killed process had written, and a replay changes nothing", async () => {
    const institutionId = "inst-kill-test";
    const topicPrefix = system.topicPrefix;
    // The killed process and its restart use a database of their own, which no running relay watches.
    const partnershipsDb = await connectMongo(inject("mongoUri"), uniqueName("e2e-crash"));

    // A separate process writes the institution, then dies by SIGKILL before any relay runs.
    const { signal, stdout } = await runKilledWriter({
      CRASH_MONGODB_URI: inject("mongoUri"),
      CRASH_DATABASE: partnershipsDb.name,
      CRASH_KAFKA_BROKERS: inject("kafkaBrokers").join(","),
      CRASH_TOPIC_PREFIX: topicPrefix,
      CRASH_INSTITUTION_ID: institutionId,
    });
    expect(signal).toBe("SIGKILL");
    expect(stdout).toContain("written");
    const stored = await partnershipsDb.collection("institutions").findOne({ _id: institutionId as never });
    expect(stored?._outbox).toHaveLength(1);
    const pending = parseEvent([institutionCreated], stored?._outbox[0].envelope);

    // Restart: the relay publishes it and the research service (a consumer) learns the institution.
    const restarted = buildPartnerships({
      connection: partnershipsDb,
      kafka: system.kafka,
      topicPrefix,
      verifyToken: createTokenVerifier({
        secret: "x".repeat(32),
        issuer: "intl-graph",
        audience: "intl-graph",
      }),
      logger: createLogger("restarted-partnerships", "silent"),
      outboxPollMs: 100,
    });
    await restarted.start();
    onTestFinished(async () => {
      await restarted.stop();
      await partnershipsDb.dropDatabase();
      await partnershipsDb.close();
    });
    await expectEventually(async () =>
      expect(await system.services.research.app.isInstitutionKnown(institutionId)).toBe(true),
    );
    await expectEventually(async () => {
      const after = await partnershipsDb.collection("institutions").findOne({ _id: institutionId as never });
      expect(after?._outbox).toEqual([]);
    });

    // The institution is renamed; then the creation event is delivered again (a replay).
    await restarted.app.updateInstitution(office, institutionId, {
      name: "Universidad de Chile",
      countryCode: "CL",
      city: "Santiago",
    });
    const research = system.databases.research.collection("known_institutions");
    await expectEventually(async () =>
      expect(await research.findOne({ _id: institutionId as never })).toMatchObject({
        name: "Universidad de Chile",
        sequence: 2,
      }),
    );
    const producer = createIdempotentProducer(system.kafka);
    await producer.connect();
    await producer.send({
      topic: prefixedTopic(topicPrefix, institutionCreated.topic),
      acks: -1,
      messages: [toKafkaMessage(pending), toKafkaMessage({ ...pending, id: `${pending.id}-replayed-copy` })],
    });
    await producer.disconnect();

    // Both copies are consumed (the ledger and the sequence guard absorb them): nothing changes.
    const ledger = system.databases.research.collection("processed_events");
    await expectEventually(async () =>
      expect(await ledger.countDocuments({ _id: { $regex: "replayed-copy" } } as never)).toBe(1),
    );
    expect(await research.findOne({ _id: institutionId as never })).toMatchObject({
      name: "Universidad de Chile",
      sequence: 2,
    });
  });
});
