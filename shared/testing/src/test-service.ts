import { randomUUID } from "node:crypto";
import { createTokenVerifier, mintDevelopmentToken } from "@intl/auth";
import type { AuthenticatedViewer, Role } from "@intl/auth";
import { CLOUDEVENTS_JSON_CONTENT_TYPE, createEvent, toKafkaMessage } from "@intl/events";
import type { EventContract, EventEnvelope } from "@intl/events";
import { createKafka, ensureTopics, prefixedTopic, PROCESSED_EVENTS_COLLECTION } from "@intl/kafka";
import { connectMongo } from "@intl/mongo";
import { createLogger } from "@intl/subgraph";
import type { ServiceRuntimeDeps } from "@intl/subgraph";
import type { Consumer, Kafka, Producer } from "kafkajs";
import type { Connection } from "mongoose";
import { inject } from "vitest";
import { expectEventually, freshMongoUri, uniqueName } from "./helpers.ts";

const SECRET = "integration-tests-secret-0123456789abcdef";
const ISSUER = "intl-graph-tests";
const AUDIENCE = "intl-graph-tests";

/** What a test service is built from: the dependencies every service's `buildService` takes. */
export type TestServiceDeps = ServiceRuntimeDeps;

/** The shape every service's `buildService` returns (see `defineSubgraphService`). */
export interface ServiceUnderTest {
  topics: string[];
  start(): Promise<void>;
  stop(): Promise<void>;
  server: {
    listen(address: { port: number; host: string }): Promise<{ url: string; close(): Promise<void> }>;
  };
}

/** The claims of a test token (and of the viewer a test hands the application directly). */
export interface TestClaims {
  role: Role;
  hdr?: boolean;
  institutionId?: string | null;
  facultyId?: string | null;
  subject?: string;
}

/** A viewer with these claims, for calling a service's application operations directly (setting the scene). */
export function testViewer(claims: TestClaims): AuthenticatedViewer {
  return {
    authenticated: true,
    subject: claims.subject ?? `test-${claims.role.toLowerCase()}`,
    role: claims.role,
    hdr: claims.hdr ?? false,
    institutionId: claims.institutionId ?? null,
    facultyId: claims.facultyId ?? null,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read in the shape each test's query gives them
export interface GraphQLAnswer<T = Record<string, any>> {
  data?: T | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: { code?: string; reason?: string; field?: string; details?: Record<string, unknown> };
  }[];
}

/** An event of another service, as a test publishes it (the id, source and time are made up). */
export interface ForeignEvent {
  subject: string;
  sequence: number;
  data: unknown;
  id?: string;
  time?: Date;
}

export interface TestServiceOptions<S extends ServiceUnderTest> {
  /** The service's name: its database and topic prefix are made unique from it. */
  name: string;
  build: (deps: TestServiceDeps) => S;
  /** Partitions of each topic (default 1: one order for every event). */
  numPartitions?: number;
  /** The relay's safety-net scan (default 100 ms). */
  outboxPollMs?: number;
  /** What `graphql` sends when given nothing (default: no token, an anonymous request). */
  defaultClaims?: TestClaims | Role;
  /** The claims `graphql` adds to a bare role, e.g. `{ PARTNER: { institutionId: "inst-x" } }`. */
  claimsOfRole?: Partial<Record<Role, Omit<TestClaims, "role">>>;
}

/**
 * One service per test file, over the real Kafka and store of the test run (`inject`), on a
 * fresh database and random topic prefix, listening on a free port, with real tokens for any
 * claims; it publishes other services' events on their real topics, reads what the service
 * published, and waits until its consumer handled given events. `start` then `stop`, or
 * `startTestService`. Services add their own scene-setting helpers by extending it.
 */
export class TestService<S extends ServiceUnderTest> {
  readonly topicPrefix: string;
  readonly databaseName: string;
  connection!: Connection;
  kafka!: Kafka;
  service!: S;
  url = "";
  private listening: { close(): Promise<void> } | null = null;
  private producer: Promise<Producer> | null = null;
  private readonly readers: Consumer[] = [];

  constructor(private readonly options: TestServiceOptions<S>) {
    this.topicPrefix = uniqueName(options.name);
    this.databaseName = uniqueName(options.name);
  }

  async start(): Promise<void> {
    this.connection = await connectMongo(
      freshMongoUri(inject("mongoUri"), this.databaseName),
      this.databaseName,
    );
    // kafkajs logs retried hiccups (a coordinator still loading) as errors: quiet unless asked.
    this.kafka = createKafka({
      clientId: this.topicPrefix,
      brokers: inject("kafkaBrokers"),
      logLevel: process.env.TEST_LOG_LEVEL === undefined ? "silent" : "error",
    });
    this.service = this.options.build({
      connection: this.connection,
      kafka: this.kafka,
      topicPrefix: this.topicPrefix,
      verifyToken: createTokenVerifier({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE }),
      logger: createLogger(this.options.name, process.env.TEST_LOG_LEVEL ?? "silent"),
      outboxPollMs: this.options.outboxPollMs ?? 100,
    });
    await ensureTopicsPatiently(() =>
      ensureTopics(this.kafka, this.service.topics, {
        prefix: this.topicPrefix,
        numPartitions: this.options.numPartitions ?? 1,
      }),
    );
    await this.service.start();
    const listening = await this.service.server.listen({ port: 0, host: "127.0.0.1" });
    this.listening = listening;
    this.url = listening.url;
  }

  /** Stops reading and publishing, stops listening, stops the service, drops its database. */
  async stop(): Promise<void> {
    await Promise.allSettled(this.readers.map((reader) => reader.disconnect()));
    await (await this.producer?.catch(() => null))?.disconnect();
    await this.listening?.close();
    await this.service?.stop();
    await this.connection?.dropDatabase().catch(() => undefined);
    await this.connection?.close();
  }

  /** A signed token with these claims. */
  token(claims: TestClaims): Promise<string> {
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

  /** POSTs an operation with a token for `as`, claims or a bare role (omitted: the default; null: anonymous). */
  async graphql<T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any -- answers are checked by the tests
    query: string,
    variables: Record<string, unknown> = {},
    as: TestClaims | Role | null | undefined = this.options.defaultClaims,
  ): Promise<GraphQLAnswer<T>> {
    if (!as) return this.graphqlWithToken<T>(null, query, variables);
    const claims = typeof as === "string" ? { role: as, ...this.options.claimsOfRole?.[as] } : as;
    return this.graphqlWithToken<T>(await this.token(claims), query, variables);
  }

  /** POSTs an operation with this bearer token (null: anonymous), as a client would. */
  async graphqlWithToken<T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any -- see graphql
    token: string | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLAnswer<T>> {
    const response = await fetch(this.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const answer = (await response.json()) as GraphQLAnswer<T>;
    if (process.env.TEST_DEBUG && answer.errors) console.error(JSON.stringify(answer.errors));
    return answer;
  }

  /** Publishes another service's event (built with its contract) on its real, prefixed topic. */
  async publish<C extends EventContract>(contract: C, event: ForeignEvent): Promise<EventEnvelope> {
    const envelope = createEvent(contract, {
      id: event.id ?? randomUUID(),
      source: "/tests",
      subject: event.subject,
      time: event.time ?? new Date(),
      sequence: event.sequence,
      data: event.data as never,
    });
    await this.publishEnvelope(contract.topic, envelope);
    return envelope;
  }

  /** Publishes an envelope as is (e.g. the same event twice). */
  publishEnvelope(topic: string, envelope: EventEnvelope): Promise<void> {
    return this.send(topic, toKafkaMessage(envelope));
  }

  /** Publishes a message in the structured mode of the CloudEvents binding; `value` may be garbage on purpose. */
  publishRaw(topic: string, key: string, value: string): Promise<void> {
    return this.send(topic, { key, value, headers: { "content-type": CLOUDEVENTS_JSON_CONTENT_TYPE } });
  }

  private async send(
    topic: string,
    message: {
      key?: string | Buffer | null;
      value: string | Buffer | null;
      headers?: Record<string, string>;
    },
  ): Promise<void> {
    // One producer, connected once even when a test publishes several events at once.
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        allowAutoTopicCreation: false,
        idempotent: true,
        maxInFlightRequests: 1,
      });
      await producer.connect();
      return producer;
    })();
    const producer = await this.producer;
    await producer.send({
      topic: prefixedTopic(this.topicPrefix, topic),
      acks: -1,
      messages: [message],
    });
  }

  /** Every envelope published on `topic` from its beginning, collected live (read the array later). */
  async collect(topic: string): Promise<EventEnvelope[]> {
    const received: EventEnvelope[] = [];
    const reader = this.kafka.consumer({ groupId: uniqueName("test-reader"), maxWaitTimeInMs: 200 });
    this.readers.push(reader);
    await reader.connect();
    await reader.subscribe({ topic: prefixedTopic(this.topicPrefix, topic), fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        received.push(JSON.parse(message.value?.toString() ?? "null") as EventEnvelope);
      },
    });
    return received;
  }

  /** Resolves once the service's consumer has handled these events (its ledger records them). */
  async handled(...events: (EventEnvelope | string)[]): Promise<void> {
    const ids = events.map((event) => (typeof event === "string" ? event : event.id));
    await expectEventually(async () => {
      const found = await this.connection
        .collection(PROCESSED_EVENTS_COLLECTION)
        .countDocuments({ eventId: { $in: ids } });
      if (found !== ids.length) throw new Error(`${found} of ${ids.length} events handled so far`);
    });
  }
}

/** A started `TestService`. */
export async function startTestService<S extends ServiceUnderTest>(
  options: TestServiceOptions<S>,
): Promise<TestService<S>> {
  const running = new TestService(options);
  await running.start();
  return running;
}

/**
 * kafkajs' `createTopics({ waitForLeaders })` retries only LEADER_NOT_AVAILABLE, but a broker
 * that just created a topic may first answer UNKNOWN_TOPIC_OR_PARTITION (retriable,
 * tulios/kafkajs#815); on a 2-core machine that happens now and then. `ensureTopics` is
 * idempotent, so asking again is safe.
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
