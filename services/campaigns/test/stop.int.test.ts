/**
 * The campaigns service's stop sequence: after it stops taking requests and
 * consuming, it publishes every event still waiting in its outboxes, then
 * disconnects. An event left behind would wait for the next start.
 */
import { inject, it, expect } from "vitest";
import { createTokenVerifier } from "@intl/auth";
import { createEvent, interviewCompleted } from "@intl/events";
import { createKafka, ensureTopics, OUTBOX_PENDING, prefixedTopic, withEventsInDocument } from "@intl/kafka";
import { connectMongo } from "@intl/mongo";
import { createLogger } from "@intl/subgraph";
import { expectEventually, uniqueName } from "@intl/testing";
import { buildService } from "../src/subgraph.ts";

it("publishes on stop the events still waiting in its outboxes, then disconnects", async () => {
  const connection = await connectMongo(inject("mongoUri"), uniqueName("campaigns-stop"));
  const topicPrefix = uniqueName("t");
  const kafka = createKafka({
    clientId: uniqueName("campaigns-stop"),
    brokers: inject("kafkaBrokers"),
    logLevel: "error",
  });
  const service = buildService({
    connection,
    kafka,
    topicPrefix,
    verifyToken: createTokenVerifier({
      secret: "campaigns-stop-test-secret-0123456789",
      issuer: "t",
      audience: "t",
    }),
    logger: createLogger("campaigns", "silent"),
    // No safety-net scan in the test's lifetime: only the stop can publish what no nudge announced.
    outboxPollMs: 600_000,
  });
  await ensureTopics(kafka, service.topics, { prefix: topicPrefix, numPartitions: 1 });
  await service.start();
  await service.publishPendingEvents();

  // Queued by a write whose nudge never came (the relay's nudge is what a stop must not depend on).
  const completed = createEvent(interviewCompleted, {
    id: uniqueName("evt"),
    source: "/services/campaigns",
    subject: "interview-at-stop",
    time: new Date("2026-03-02T10:00:00Z"),
    sequence: 2,
    data: {
      interviewId: "interview-at-stop",
      applicationId: "application-at-stop",
      campaignId: null,
      mode: "VIDEO",
      completedAt: "2026-03-02T10:00:00Z",
      recommendation: "ADMIT",
      score: 16,
    },
  });
  const interviews = connection.collection("interviews");
  await interviews.insertOne(
    withEventsInDocument({ _id: "interview-at-stop" } as never, [
      { contract: interviewCompleted, envelope: completed },
    ]),
  );

  await service.stop();

  const stored = await interviews.findOne({ _id: "interview-at-stop" } as never);
  expect(stored?._outbox).toEqual([]);
  expect(stored).not.toHaveProperty(OUTBOX_PENDING);
  const reader = kafka.consumer({ groupId: uniqueName("campaigns-stop-reader"), maxWaitTimeInMs: 200 });
  const published: unknown[] = [];
  await reader.connect();
  try {
    await reader.subscribe({
      topic: prefixedTopic(topicPrefix, interviewCompleted.topic),
      fromBeginning: true,
    });
    await reader.run({
      eachMessage: async ({ message }) => {
        published.push(JSON.parse(message.value?.toString() ?? "null"));
      },
    });
    await expectEventually(() => expect(published).toEqual([completed]));
  } finally {
    await reader.disconnect();
    await connection.dropDatabase();
    await connection.close();
  }
});
