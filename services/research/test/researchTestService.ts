import { randomUUID } from "node:crypto";
import type { Consumer, Kafka, Producer } from "kafkajs";
import type { Connection } from "mongoose";
import { inject } from "vitest";
import { createTokenVerifier, mintDevelopmentToken } from "@intl/auth";
import type { AuthenticatedViewer, Role } from "@intl/auth";
import { CLOUDEVENTS_JSON_CONTENT_TYPE, createEvent, institutionCreated } from "@intl/events";
import type { EventContract, EventEnvelope, NewEvent } from "@intl/events";
import { createKafka, ensureTopics, prefixedTopic } from "@intl/kafka";
import { connectMongo } from "@intl/mongo";
import { createLogger } from "@intl/subgraph";
import type { ListeningSubgraph } from "@intl/subgraph";
import { expectEventually, freshMongoUri, uniqueName } from "@intl/testing";
import type { z } from "zod";
import { buildService } from "../src/subgraph.ts";
import type { ResearchService } from "../src/subgraph.ts";

const SECRET = "research-integration-tests-secret-0123456789";
const ISSUER = "intl-graph-tests";
const AUDIENCE = "intl-graph-tests";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked by the tests
export interface GraphQLAnswer<T = Record<string, any>> {
  data?: T | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: { code?: string; reason?: string; field?: string; details?: Record<string, unknown> };
  }[];
}

export interface TokenClaims {
  role: Role;
  hdr?: boolean;
  facultyId?: string | null;
  institutionId?: string | null;
}

/** A viewer for calling the application operations directly (setting the scene). */
export function viewer(claims: TokenClaims): AuthenticatedViewer {
  return {
    authenticated: true,
    subject: `test-${claims.role.toLowerCase()}`,
    role: claims.role,
    hdr: claims.hdr ?? false,
    institutionId: claims.institutionId ?? null,
    facultyId: claims.facultyId ?? null,
  };
}

export const admin = viewer({ role: "ADMIN" });

/**
 * One research service per test file, on its own database and topic prefix, over the
 * real Kafka and FerretDB of the harness, listening on a free port.
 */
export class ResearchTestService {
  readonly topicPrefix = uniqueName("research");
  readonly databaseName = uniqueName("research");
  connection!: Connection;
  kafka!: Kafka;
  service!: ResearchService;
  listening!: ListeningSubgraph;
  private producer: Producer | null = null;
  private readonly consumers: Consumer[] = [];

  async start(): Promise<void> {
    const mongoUri = inject("mongoUri");
    this.connection = await connectMongo(freshMongoUri(mongoUri, this.databaseName), this.databaseName);
    this.kafka = createKafka({
      clientId: "research-tests",
      brokers: inject("kafkaBrokers"),
      logLevel: "silent",
    });
    this.service = buildService({
      connection: this.connection,
      kafka: this.kafka,
      topicPrefix: this.topicPrefix,
      verifyToken: createTokenVerifier({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE }),
      logger: createLogger("research", process.env.TEST_LOG_LEVEL ?? "silent"),
      outboxPollMs: 100,
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

  token(claims: TokenClaims): Promise<string> {
    return mintDevelopmentToken({
      secret: SECRET,
      issuer: ISSUER,
      audience: AUDIENCE,
      role: claims.role,
      hdr: claims.hdr ?? false,
      facultyId: claims.facultyId ?? null,
      institutionId: claims.institutionId ?? null,
    });
  }

  /** Posts a GraphQL operation as `as` (a role and claims), or anonymously. */
  async graphql<T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any
    query: string,
    variables: Record<string, unknown> = {},
    as?: TokenClaims,
  ): Promise<GraphQLAnswer<T>> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (as) headers.authorization = `Bearer ${await this.token(as)}`;
    const response = await fetch(this.listening.url, {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLAnswer<T>;
  }

  /** Publishes a foreign service's event (built with its contract) to its real, prefixed topic. */
  async publish<C extends EventContract>(
    contract: C,
    event: Omit<NewEvent<z.input<C["data"]>>, "id" | "source" | "time"> & { id?: string },
  ): Promise<EventEnvelope> {
    const envelope = createEvent(contract, {
      id: randomUUID(),
      source: "/tests",
      time: new Date(),
      ...event,
    });
    await this.publishRaw(contract.topic, envelope.subject, JSON.stringify(envelope));
    return envelope;
  }

  async publishRaw(topic: string, key: string, value: string): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
      await this.producer.connect();
    }
    // Structured mode of the CloudEvents Kafka binding, as the relay sends; `value` may be garbage on purpose.
    await this.producer.send({
      topic: prefixedTopic(this.topicPrefix, topic),
      acks: -1,
      messages: [{ key, value, headers: { "content-type": CLOUDEVENTS_JSON_CONTENT_TYPE } }],
    });
  }

  /** Registers institutions as the partnerships service would, and waits until the read model holds them. */
  async knownInstitutions(institutions: { id: string; countryCode: string; name?: string }[]): Promise<void> {
    for (const institution of institutions) {
      await this.publish(institutionCreated, {
        subject: institution.id,
        sequence: 1,
        data: {
          institutionId: institution.id,
          name: institution.name ?? `University ${institution.id}`,
          countryCode: institution.countryCode,
          city: null,
          identifiers: { schac: null, erasmus: null, pic: null, ror: null },
        },
      });
    }
    await expectEventually(async () => {
      const count = await this.app.countKnownInstitutions(institutions.map((institution) => institution.id));
      if (count !== institutions.length)
        throw new Error(`${count}/${institutions.length} institutions known`);
    });
  }

  /** Reads a topic from its beginning in a fresh group, collecting every envelope. */
  async collect(topic: string): Promise<EventEnvelope[]> {
    const received: EventEnvelope[] = [];
    const consumer = this.kafka.consumer({
      groupId: uniqueName("research-test-reader"),
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

/** A centre and faculty for a test, created through the application operations. */
export async function centreWithFaculty<Key extends string>(
  service: ResearchTestService,
  code: string,
  faculty: { key: Key; hdr: boolean }[],
): Promise<{ centreId: string; facultyIds: Record<Key, string> }> {
  const centre = await service.app.createResearchCentre(admin, {
    code,
    name: `Centre ${code}`,
    domains: ["MATERIALS", "MECHANICS"],
  });
  const facultyIds = {} as Record<Key, string>;
  for (const member of faculty) {
    const registered = await service.app.registerFaculty(admin, {
      firstName: "Test",
      lastName: `${member.key}-${code}`,
      email: `${member.key}.${code}@emse.example`.toLowerCase(),
      centreId: centre.id,
      domains: ["MATERIALS"],
      languages: ["fr", "en"],
      hdr: member.hdr,
    });
    facultyIds[member.key] = registered.id;
  }
  return { centreId: centre.id, facultyIds };
}
