import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { gql } from "graphql-tag";
import type { DocumentNode } from "graphql";
import { OutboxRelay, createKafkaProbe, deadLetterTopicName, startConsumer } from "@intl/kafka";
import type { EventsQueued, RunningConsumer } from "@intl/kafka";
import { createWriteQueue, pingMongo } from "@intl/mongo";
import { createSubgraphServer } from "@intl/subgraph";
import type { BaseServiceDeps } from "@intl/subgraph";
import { DEFAULT_AT_RISK_MONTHS } from "./domain/mobilityCompliance.ts";
import { CONSUMER_GROUP, consumedContracts, consumedEventHandler } from "./events/consumedEvents.ts";
import type { ConsumedEvent } from "./events/consumedEvents.ts";
import { publishedContracts } from "./events/publishedEvents.ts";
import { openStore, outboxModels, syncIndexes } from "./models/store.ts";
import { createStudentsApp } from "./application/studentsApp.ts";
import { contextBuilder } from "./resolvers/context.ts";
import { buildResolvers } from "./resolvers/resolvers.ts";

export const serviceName = "students";

/** The subgraph's contract: `src/schema.graphql`. */
export const typeDefs: DocumentNode = gql(readFileSync(new URL("./schema.graphql", import.meta.url), "utf8"));

/** `buildService`'s dependencies: the shared ones, plus this service's own options. */
export interface ServiceDeps extends BaseServiceDeps {
  /** Early-warning horizon of the 100 % rule, in months (default 12). */
  atRiskMonths?: number;
}

/** Every topic the service produces to or consumes from, and its dead-letter topic, before any prefix. */
export const topics: string[] = [
  ...new Set([
    ...publishedContracts.map((contract) => contract.topic),
    ...consumedContracts.map((contract) => contract.topic),
    deadLetterTopicName(CONSUMER_GROUP),
  ]),
];

/**
 * Builds the whole service from its dependencies, without listening or
 * reading the environment: the subgraph server, the outbox relay, the
 * consumer of the other services' events, and the application operations.
 */
export function buildService(deps: ServiceDeps) {
  const clock = deps.clock ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  const logger = deps.logger;
  const store = openStore(deps.connection);
  // One queue per process for every write of one document: commands, event handlers and the relay.
  const writeQueue = createWriteQueue();
  const relay = new OutboxRelay({
    kafka: deps.kafka,
    models: outboxModels(store),
    writeQueue,
    topicPrefix: deps.topicPrefix,
    logger,
    scanIntervalMs: deps.outboxPollMs,
  });
  // Each write that queued events tells the relay, which publishes that document at once.
  const eventsQueued: EventsQueued = (written) => relay.nudge(written);
  const app = createStudentsApp({
    store,
    writeQueue,
    clock,
    newId,
    eventsQueued,
    atRiskMonths: deps.atRiskMonths ?? DEFAULT_AT_RISK_MONTHS,
  });
  const handleEvent = consumedEventHandler({ store, writeQueue, clock, newId, eventsQueued });

  const kafkaProbe = createKafkaProbe(deps.kafka);
  const server = createSubgraphServer({
    name: serviceName,
    typeDefs,
    resolvers: buildResolvers(app),
    verifyToken: deps.verifyToken,
    buildContext: contextBuilder(app, store),
    readiness: {
      store: () => pingMongo(deps.connection),
      kafka: kafkaProbe.check,
    },
    logger,
  });

  let consumer: RunningConsumer | null = null;
  let started = false;

  async function start(): Promise<void> {
    if (started) return;
    await syncIndexes(store);
    await relay.start();
    consumer = await startConsumer({
      kafka: deps.kafka,
      groupId: CONSUMER_GROUP,
      topicPrefix: deps.topicPrefix,
      contracts: consumedContracts,
      handle: (event, context) => handleEvent(event as ConsumedEvent, context),
      connection: deps.connection,
      logger,
    });
    await server.start();
    started = true;
    logger.info({ topics: consumer.topics }, "students service started");
  }

  async function stop(): Promise<void> {
    await consumer?.stop();
    consumer = null;
    // Publishes what the last commands queued, then disconnects the producer.
    await relay.stop();
    await kafkaProbe.close();
    await server.apollo.stop();
    started = false;
  }

  return { server, topics: topics, start, stop, app };
}

export type StudentsService = ReturnType<typeof buildService>;
