import { createTokenVerifier, mintDevelopmentToken, Role, type AuthenticatedViewer } from "@intl/auth";
import {
  parseEvent,
  partnershipsEvents,
  toKafkaMessage,
  type EventContract,
  type EventEnvelope,
} from "@intl/events";
import { createKafka, ensureTopics, prefixedTopic } from "@intl/kafka";
import { connectMongo } from "@intl/mongo";
import { createLogger } from "@intl/subgraph";
import { uniqueName } from "@intl/testing";
import type { Consumer, Kafka, Producer } from "kafkajs";
import { inject } from "vitest";
import { buildService } from "../src/subgraph.ts";

const secret = "integration-test-secret-0123456789abcdef";
const issuer = "intl-graph-test";
const audience = "intl-graph-test";

export type RoleName = keyof typeof Role;

/** The international office, for calling the application operations directly (setting the scene). */
export const office: AuthenticatedViewer = {
  authenticated: true,
  subject: "test-international-office",
  role: Role.INTERNATIONAL_OFFICE,
  hdr: false,
  institutionId: null,
  facultyId: null,
};

export interface GraphQLAnswer<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** A clock tests move by hand. */
export function manualClock(start: string) {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set(moment: string) {
      now = new Date(moment);
    },
  };
}

/**
 * One partnerships service on a fresh database and random topic prefix,
 * listening on a free port, with real tokens for every role.
 */
export async function startPartnerships(options: { clock?: () => Date; expiryIntervalMs?: number } = {}) {
  const brokers = inject("kafkaBrokers");
  const mongoUri = inject("mongoUri");
  const database = uniqueName("partnerships");
  const topicPrefix = uniqueName("pt");
  const connection = await connectMongo(mongoUri, database);
  // kafkajs logs retried hiccups (a coordinator still loading) as errors: keep tests quiet unless asked.
  const kafka = createKafka({
    clientId: topicPrefix,
    brokers,
    logLevel: process.env.TEST_LOG_LEVEL === undefined ? "silent" : "error",
  });
  const service = buildService({
    connection,
    kafka,
    topicPrefix,
    verifyToken: createTokenVerifier({ secret, issuer, audience }),
    logger: createLogger("partnerships", process.env.TEST_LOG_LEVEL ?? "silent"),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.expiryIntervalMs ? { expiryIntervalMs: options.expiryIntervalMs } : {}),
    outboxPollMs: 100,
  });
  await ensureTopics(kafka, service.topics, { prefix: topicPrefix, numPartitions: 1 });
  await service.start();
  const listening = await service.server.listen({ port: 0, host: "127.0.0.1" });

  const tokens = new Map<RoleName, string>();
  for (const role of Object.values(Role)) {
    tokens.set(
      role,
      await mintDevelopmentToken({
        secret,
        issuer,
        audience,
        role,
        institutionId: role === "PARTNER" ? "inst-x" : null,
      }),
    );
  }

  /** Sends an operation as `role` (anonymous without one). */
  async function graphql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    role: RoleName | null = "INTERNATIONAL_OFFICE",
  ): Promise<GraphQLAnswer<T>> {
    const response = await fetch(listening.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(role ? { authorization: `Bearer ${tokens.get(role)}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLAnswer<T>;
  }

  return {
    service,
    app: service.app,
    connection,
    kafka,
    topicPrefix,
    url: listening.url,
    graphql,
    async stop() {
      await listening.close();
      await service.stop();
      await connection.dropDatabase();
      await connection.close();
    },
  };
}

export type RunningPartnerships = Awaited<ReturnType<typeof startPartnerships>>;

/** Reads what the service published on its real topics, from the beginning. */
export async function collectPublishedEvents(kafka: Kafka, topicPrefix: string) {
  const received: EventEnvelope[] = [];
  const consumer: Consumer = kafka.consumer({ groupId: uniqueName("observer"), maxWaitTimeInMs: 200 });
  await consumer.connect();
  const topics = [
    ...new Set(partnershipsEvents.map((contract) => prefixedTopic(topicPrefix, contract.topic))),
  ];
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      received.push(parseEvent(partnershipsEvents, message.value ?? ""));
    },
  });
  return {
    received,
    ofType: (type: string) => received.filter((event) => event.type === type),
    stop: () => consumer.disconnect(),
  };
}

/** Publishes another service's events (built with its contract) on their real topics. */
export async function foreignPublisher(kafka: Kafka, topicPrefix: string) {
  const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  return {
    async publish(contract: EventContract, envelope: EventEnvelope) {
      await producer.send({
        topic: prefixedTopic(topicPrefix, contract.topic),
        acks: -1,
        messages: [toKafkaMessage(envelope)],
      });
    },
    stop: () => producer.disconnect(),
  };
}

/** The `extensions` of the first error, for asserting codes, reasons and fields. */
export function firstError(answer: GraphQLAnswer<unknown>) {
  const error = answer.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(answer.data)}`);
  return { message: error.message, ...error.extensions } as {
    message: string;
    code?: string;
    reason?: string;
    field?: string;
    details?: Record<string, unknown>;
  };
}
