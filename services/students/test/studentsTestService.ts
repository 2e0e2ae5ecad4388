import { randomUUID } from "node:crypto";
import type { Consumer, Kafka, Producer } from "kafkajs";
import type { Connection } from "mongoose";
import { inject } from "vitest";
import { createTokenVerifier, mintDevelopmentToken } from "@intl/auth";
import type { AuthenticatedViewer, Role } from "@intl/auth";
import { agreementActivated, createEvent, institutionCreated, toKafkaMessage } from "@intl/events";
import type { EventContract, EventEnvelope, NewEvent } from "@intl/events";
import { createKafka, ensureTopics, prefixedTopic } from "@intl/kafka";
import { connectMongo } from "@intl/mongo";
import { createLogger } from "@intl/subgraph";
import type { ListeningSubgraph } from "@intl/subgraph";
import { expectEventually, freshMongoUri, uniqueName } from "@intl/testing";
import type { z } from "zod";
import { buildService } from "../src/subgraph.ts";
import type { ServiceDeps, StudentsService } from "../src/subgraph.ts";

const SECRET = "students-integration-tests-secret-0123456789";
const ISSUER = "intl-graph-tests";
const AUDIENCE = "intl-graph-tests";

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; reason?: string; field?: string; details?: Record<string, unknown> };
}

export interface GraphQLAnswer {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked by the tests
  data?: Record<string, any> | null;
  errors?: GraphQLError[];
}

export interface Claims {
  role: Role;
  hdr?: boolean;
  institutionId?: string | null;
  facultyId?: string | null;
  subject?: string;
}

/** A viewer for calling the application operations directly (setting the scene). */
export function viewer(claims: Claims): AuthenticatedViewer {
  return {
    authenticated: true,
    subject: claims.subject ?? `test-${claims.role.toLowerCase()}`,
    role: claims.role,
    hdr: claims.hdr ?? false,
    institutionId: claims.institutionId ?? null,
    facultyId: claims.facultyId ?? null,
  };
}

export const admin = viewer({ role: "ADMIN" });
export const office = viewer({ role: "INTERNATIONAL_OFFICE" });

export type AgreementFacts = z.input<typeof agreementActivated.data>;

/** An active exchange agreement, as the partnerships service would describe it. */
export function agreementFacts(overrides: Partial<AgreementFacts> = {}): AgreementFacts {
  return {
    agreementId: `agr-${randomUUID()}`,
    institutionId: "inst-usp",
    countryCode: "BR",
    type: "EXCHANGE",
    status: "ACTIVE",
    programmeCodes: ["ICM", "ISMIN", "MSC", "EXCHANGE"],
    eqfLevels: [8],
    seatsOutgoingPerYear: 2,
    seatsIncomingPerYear: 2,
    firstAcademicYear: "2025-2026",
    lastAcademicYear: "2028-2029",
    ...overrides,
  };
}

/**
 * One students service per test file, on its own database and topic prefix,
 * over the real Kafka and FerretDB of the harness, listening on a free port.
 */
export class StudentsTestService {
  readonly topicPrefix = uniqueName("students");
  readonly databaseName = uniqueName("students");
  connection!: Connection;
  kafka!: Kafka;
  service!: StudentsService;
  listening!: ListeningSubgraph;
  private producer: Producer | null = null;
  private readonly consumers: Consumer[] = [];

  constructor(private readonly options: Partial<Pick<ServiceDeps, "clock" | "atRiskMonths">> = {}) {}

  async start(): Promise<void> {
    this.connection = await connectMongo(
      freshMongoUri(inject("mongoUri"), this.databaseName),
      this.databaseName,
    );
    this.kafka = createKafka({
      clientId: "students-tests",
      brokers: inject("kafkaBrokers"),
      logLevel: "silent",
    });
    this.service = buildService({
      connection: this.connection,
      kafka: this.kafka,
      topicPrefix: this.topicPrefix,
      verifyToken: createTokenVerifier({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE }),
      logger: createLogger("students", process.env.TEST_LOG_LEVEL ?? "silent"),
      outboxPollMs: 100,
      ...this.options,
    });
    await ensureTopics(this.kafka, this.service.topics, { prefix: this.topicPrefix, numPartitions: 1 });
    await this.service.start();
    this.listening = await this.service.server.listen({ port: 0, host: "127.0.0.1" });
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.consumers.map((consumer) => consumer.disconnect()));
    await this.producer?.disconnect();
    await this.listening?.close();
    await this.service?.stop();
    await this.connection?.dropDatabase().catch(() => undefined);
    await this.connection?.close();
  }

  get app() {
    return this.service.app;
  }

  /** Documents in one of the service's collections (to check that nothing was written). */
  count(
    collection: "students" | "applications" | "mobilities" | "seat_slots",
    filter: Record<string, unknown> = {},
  ): Promise<number> {
    return this.connection.collection(collection).countDocuments(filter);
  }

  token(claims: Claims): Promise<string> {
    return mintDevelopmentToken({
      secret: SECRET,
      issuer: ISSUER,
      audience: AUDIENCE,
      role: claims.role,
      ...(claims.subject ? { subject: claims.subject } : {}),
      hdr: claims.hdr ?? false,
      institutionId: claims.institutionId ?? null,
      facultyId: claims.facultyId ?? null,
    });
  }

  /** Posts a GraphQL operation with a real token for `as`, or anonymously. */
  async graphql(query: string, variables: Record<string, unknown> = {}, as?: Claims): Promise<GraphQLAnswer> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (as) headers.authorization = `Bearer ${await this.token(as)}`;
    const response = await fetch(this.listening.url, {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const answer = (await response.json()) as GraphQLAnswer;
    if (process.env.TEST_DEBUG && answer.errors) console.error(JSON.stringify(answer.errors));
    return answer;
  }

  /** Publishes a foreign service's event (built with its contract) to its real, prefixed topic. */
  async publish<C extends EventContract>(
    contract: C,
    event: Omit<NewEvent<z.input<C["data"]>>, "id" | "source" | "time"> & { id?: string; time?: Date },
  ): Promise<EventEnvelope> {
    const envelope = createEvent(contract, {
      id: randomUUID(),
      source: "/tests",
      time: new Date(),
      ...event,
    });
    await this.publishEnvelope(contract.topic, envelope);
    return envelope;
  }

  /** Publishes an envelope as is (e.g. the same event twice). */
  async publishEnvelope(topic: string, envelope: EventEnvelope): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
      await this.producer.connect();
    }
    await this.producer.send({
      topic: prefixedTopic(this.topicPrefix, topic),
      acks: -1,
      messages: [toKafkaMessage(envelope)],
    });
  }

  /** Makes an institution and an agreement known as partnerships would, and waits until the read models hold them. */
  async knownAgreement(facts: AgreementFacts, sequence = 1): Promise<AgreementFacts> {
    await this.publish(institutionCreated, {
      subject: facts.institutionId,
      sequence: 1,
      data: {
        institutionId: facts.institutionId,
        name: `University ${facts.institutionId}`,
        countryCode: facts.countryCode,
        city: null,
        identifiers: { schac: null, erasmus: null, pic: null, ror: null },
      },
    });
    await this.publish(agreementActivated, { subject: facts.agreementId, sequence, data: facts });
    await expectEventually(async () => {
      const view = await this.app.getAgreementView(facts.agreementId);
      if (!view || view.sequence < sequence)
        throw new Error(`agreement ${facts.agreementId} not projected yet`);
    });
    return facts;
  }

  /** Waits until the service's consumer has handled the event `eventId` (its ledger records it). */
  async handled(eventId: string): Promise<void> {
    await expectEventually(async () => {
      const found = await this.connection.collection("processed_events").countDocuments({ eventId });
      if (found === 0) throw new Error(`event ${eventId} not handled yet`);
    });
  }

  /** Reads a topic from its beginning in a fresh group, collecting every envelope. */
  async collect(topic: string): Promise<EventEnvelope[]> {
    const received: EventEnvelope[] = [];
    const consumer = this.kafka.consumer({
      groupId: uniqueName("students-test-reader"),
      maxWaitTimeInMs: 200,
    });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: prefixedTopic(this.topicPrefix, topic), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push(JSON.parse(message.value?.toString() ?? "null") as EventEnvelope);
      },
    });
    return received;
  }
}

/** A complete dossier for `programmeCode` (a PhD one includes the recommendation). */
export function completeDossier(programmeCode = "ICM") {
  const kinds = ["PASSPORT", "TRANSCRIPT", "CV", "MOTIVATION_LETTER", "LANGUAGE_CERTIFICATE"];
  if (programmeCode.startsWith("PHD")) kinds.push("RECOMMENDATION");
  return {
    documents: kinds.map((kind) => ({
      kind,
      name: `${kind.toLowerCase()}.pdf`,
      uri: `https://files.example/${kind.toLowerCase()}.pdf`,
    })),
    grades: [{ subject: "Mathematics", grade: 16, scale: 20 }],
    languageCertificate: { language: "fr", cefrLevel: "B2", testName: "DELF B2" },
  };
}

export function candidate(key: string, nationality = "BR") {
  return {
    firstName: `Ana-${key}`,
    lastName: `Souza-${key}`,
    email: `ana.${key}@partner.example`,
    birthDate: "2003-04-02",
    nationality,
  };
}
