/**
 * One real campaigns service for a test file: its own database, a random topic
 * prefix, the real Kafka and FerretDB of the harness, listening on a free port.
 * Tests talk to it through GraphQL over HTTP with real tokens, publish the other
 * services' events on the real topics (with their contracts from @intl/events),
 * and read what it publishes with a real consumer.
 */
import { randomUUID } from "node:crypto";
import type { Consumer, Producer } from "kafkajs";
import type { Connection } from "mongoose";
import { expect, inject } from "vitest";
import { createTokenVerifier, mintDevelopmentToken } from "@intl/auth";
import type { Role } from "@intl/auth";
import {
  applicationDecided,
  applicationEnrolled,
  applicationSubmitted,
  applicationWithdrawn,
  createEvent,
  institutionCreated,
  studentErased,
  toKafkaMessage,
} from "@intl/events";
import type { EventContract, EventEnvelope } from "@intl/events";
import { createKafka, ensureTopics, prefixedTopic, PROCESSED_EVENTS_COLLECTION } from "@intl/kafka";
import { connectMongo } from "@intl/mongo";
import { createLogger } from "@intl/subgraph";
import { expectEventually, uniqueName } from "@intl/testing";
import { buildService } from "../src/subgraph.ts";
import type { CampaignsService } from "../src/subgraph.ts";

const SECRET = "campaigns-integration-tests-secret-0123456789";
const ISSUER = "intl-graph-tests";
const AUDIENCE = "intl-graph-tests";

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: { code?: string; reason?: string; field?: string; details?: Record<string, unknown> };
  }[];
}

export interface ApplicationFacts {
  applicationId: string;
  institutionId: string;
  countryCode: string;
  programmeCode: string;
  academicYear: string;
  studentId?: string;
  programmeKind?: "ENGINEERING" | "MSC" | "PHD" | "EXCHANGE";
}

export interface CampaignsUnderTest {
  service: CampaignsService;
  connection: Connection;
  topicPrefix: string;
  url: string;
  /** A signed token for `role` (FACULTY: pass `facultyId`; PARTNER: `institutionId`). */
  token(role: Role, claims?: { facultyId?: string; institutionId?: string }): Promise<string>;
  /** POSTs a GraphQL operation with the token, as a client would. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read in the shape each test's query gives them
  graphql<T = Record<string, any>>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /** Publishes an event of another service on its real (prefixed) topic, keyed by subject. */
  publish<C extends EventContract>(
    contract: C,
    event: { subject: string; sequence: number; data: unknown; id?: string },
  ): Promise<EventEnvelope>;
  registerInstitution(institutionId: string, countryCode: string): Promise<void>;
  submitApplication(facts: ApplicationFacts, sequence?: number): Promise<EventEnvelope>;
  decideApplication(
    facts: ApplicationFacts,
    decision: "ADMITTED" | "REJECTED" | "WAITLISTED",
    sequence: number,
  ): Promise<EventEnvelope>;
  withdrawApplication(facts: ApplicationFacts, sequence: number): Promise<EventEnvelope>;
  enrolApplication(facts: ApplicationFacts, sequence: number): Promise<EventEnvelope>;
  eraseStudent(studentId: string): Promise<EventEnvelope>;
  /** Resolves once the service's consumer has fully handled these events (its ledger says so). */
  handled(...events: EventEnvelope[]): Promise<void>;
  /** Everything published on `campaigns.interview` since the service started. */
  publishedInterviewEvents(): EventEnvelope[];
  close(): Promise<void>;
}

/**
 * kafkajs' `createTopics({ waitForLeaders })` retries only LEADER_NOT_AVAILABLE, but a
 * broker that just created a topic may first answer UNKNOWN_TOPIC_OR_PARTITION (a retriable
 * error, tulios/kafkajs#815); on the 2-core test machine that happens now and then.
 * `ensureTopics` is idempotent, so asking again is safe.
 */
async function ensureTopicsPatiently(ensure: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ensure();
      return;
    } catch (error) {
      const retriable = (error as { retriable?: unknown }).retriable === true;
      if (!retriable || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

export async function startCampaignsUnderTest(): Promise<CampaignsUnderTest> {
  const brokers = inject("kafkaBrokers");
  const connection = await connectMongo(inject("mongoUri"), uniqueName("campaigns"));
  const topicPrefix = uniqueName("t");
  const kafka = createKafka({ clientId: uniqueName("campaigns-test"), brokers, logLevel: "error" });
  const logger = createLogger("campaigns", process.env.TEST_LOG_LEVEL ?? "silent");
  const service = buildService({
    connection,
    kafka,
    topicPrefix,
    verifyToken: createTokenVerifier({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE }),
    logger,
    outboxPollMs: 200,
  });
  await ensureTopicsPatiently(() =>
    ensureTopics(kafka, service.topics, { prefix: topicPrefix, numPartitions: 2 }),
  );
  await service.start();
  const listening = await service.server.listen({ port: 0, host: "127.0.0.1" });

  const producer: Producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();

  const published: EventEnvelope[] = [];
  const consumer: Consumer = kafka.consumer({
    groupId: uniqueName("campaigns-test-reader"),
    maxWaitTimeInMs: 200,
  });
  await consumer.connect();
  await consumer.subscribe({
    topics: [prefixedTopic(topicPrefix, "campaigns.interview")],
    fromBeginning: true,
  });
  await consumer.run({
    eachMessage: async ({ message }) => {
      published.push(JSON.parse(message.value?.toString() ?? "null") as EventEnvelope);
    },
  });

  const publish: CampaignsUnderTest["publish"] = async (contract, event) => {
    const envelope = createEvent(contract, {
      id: event.id ?? randomUUID(),
      source: "/services/tests",
      subject: event.subject,
      time: new Date(),
      sequence: event.sequence,
      data: event.data as never,
    });
    await producer.send({
      topic: prefixedTopic(topicPrefix, contract.topic),
      messages: [toKafkaMessage(envelope)],
    });
    return envelope;
  };

  const application = (facts: ApplicationFacts) => ({
    applicationId: facts.applicationId,
    studentId: facts.studentId ?? `student-of-${facts.applicationId}`,
    institutionId: facts.institutionId,
    countryCode: facts.countryCode,
    programmeCode: facts.programmeCode,
    programmeKind: facts.programmeKind ?? "ENGINEERING",
    academicYear: facts.academicYear,
    requiresInterview: true,
  });
  const now = () => new Date().toISOString();

  return {
    service,
    connection,
    topicPrefix,
    url: listening.url,
    token: (role, claims = {}) =>
      mintDevelopmentToken({
        secret: SECRET,
        issuer: ISSUER,
        audience: AUDIENCE,
        role,
        facultyId: claims.facultyId ?? null,
        institutionId: claims.institutionId ?? null,
      }),
    async graphql(token, query, variables = {}) {
      const response = await fetch(listening.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see `graphql` above
      return (await response.json()) as GraphQLResponse<any>;
    },
    publish,
    async registerInstitution(institutionId, countryCode) {
      await publish(institutionCreated, {
        subject: institutionId,
        sequence: 1,
        data: {
          institutionId,
          name: `University ${institutionId}`,
          countryCode,
          city: null,
          identifiers: { schac: null, erasmus: null, pic: null, ror: null },
        },
      });
    },
    submitApplication: (facts, sequence = 1) =>
      publish(applicationSubmitted, {
        subject: facts.applicationId,
        sequence,
        data: { ...application(facts), submittedAt: now() },
      }),
    decideApplication: (facts, decision, sequence) =>
      publish(applicationDecided, {
        subject: facts.applicationId,
        sequence,
        data: { ...application(facts), decision, decidedAt: now() },
      }),
    withdrawApplication: (facts, sequence) =>
      publish(applicationWithdrawn, {
        subject: facts.applicationId,
        sequence,
        data: { ...application(facts), withdrawnAt: now() },
      }),
    enrolApplication: (facts, sequence) =>
      publish(applicationEnrolled, {
        subject: facts.applicationId,
        sequence,
        data: { ...application(facts), enrolledAt: now() },
      }),
    eraseStudent: (studentId) =>
      publish(studentErased, { subject: studentId, sequence: 1, data: { studentId, erasedAt: now() } }),
    async handled(...events) {
      const ids = events.map((event) => event.id);
      await expectEventually(async () => {
        expect(
          await connection.collection(PROCESSED_EVENTS_COLLECTION).countDocuments({ eventId: { $in: ids } }),
        ).toBe(ids.length);
      });
    },
    publishedInterviewEvents: () => [...published],
    async close() {
      await consumer.disconnect();
      await producer.disconnect();
      await listening.close();
      await service.stop();
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    },
  };
}
