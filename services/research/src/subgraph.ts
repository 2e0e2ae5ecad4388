import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { DocumentNode } from "graphql";
import { gql } from "graphql-tag";
import { createKafkaProbe, OutboxRelay } from "@intl/kafka";
import type { RunningConsumer } from "@intl/kafka";
import { createWriteQueue, pingMongo } from "@intl/mongo";
import { createSubgraphServer } from "@intl/subgraph";
import type { BaseServiceDeps } from "@intl/subgraph";
import { createResearchApp } from "./application/researchApp.ts";
import type { ResearchApp } from "./application/researchApp.ts";
import { CONSUMER_GROUP, consumedContracts, startReadModelConsumer } from "./events/consumedEvents.ts";
import { buildResearchModels, outboxModels, prepareStore } from "./models/researchModels.ts";
import { researchEvents } from "@intl/events";
import { deadLetterTopicName } from "@intl/kafka";
import { buildResearchContext } from "./resolvers/context.ts";
import { resolvers } from "./resolvers/resolvers.ts";
import type { ResearchContext } from "./resolvers/context.ts";

export const serviceName = "research";

/** The research subgraph's SDL: the contract. */
export const typeDefs: DocumentNode = gql(readFileSync(new URL("./schema.graphql", import.meta.url), "utf8"));

export { resolvers };

/** Every topic the service produces to or consumes from, and its dead-letter topic, unprefixed. */
export const topics: string[] = [
  ...new Set([
    ...researchEvents.map((contract) => contract.topic),
    ...consumedContracts.map((contract) => contract.topic),
    deadLetterTopicName(CONSUMER_GROUP),
  ]),
];

/** `buildService`'s dependencies: the shared ones (see `BaseServiceDeps`). */
export type ServiceDeps = BaseServiceDeps;

/**
 * Builds the research service from injected dependencies; never listens, reads no
 * environment. `start()` prepares the store, starts the outbox relay and the
 * read-model consumer, then Apollo; `stop()` undoes all of it.
 */
export function buildService(deps: ServiceDeps) {
  const { connection, kafka, topicPrefix, logger } = deps;
  const models = buildResearchModels(connection);
  // One per service instance: the operations and the relay's removal of published events share it.
  const writeQueue = createWriteQueue();
  const relay = new OutboxRelay({
    kafka,
    models: outboxModels(models),
    topicPrefix,
    logger,
    scanIntervalMs: deps.outboxPollMs,
    writeQueue,
  });
  const app: ResearchApp = createResearchApp({
    models,
    clock: deps.clock ?? (() => new Date()),
    newId: deps.newId ?? randomUUID,
    eventsQueued: (written) => relay.nudge(written),
    writeQueue,
  });
  const kafkaProbe = createKafkaProbe(kafka);
  const server = createSubgraphServer<ResearchContext>({
    name: serviceName,
    typeDefs,
    resolvers,
    verifyToken: deps.verifyToken,
    buildContext: (base) => buildResearchContext(base, app),
    readiness: {
      store: () => pingMongo(connection),
      kafka: kafkaProbe.check,
    },
    logger,
  });

  let consumer: RunningConsumer | null = null;

  return {
    server,
    topics,
    app,
    /** Publishes what is pending in the outboxes now (tests and the seed flush with it). */
    publishPending: () => relay.publishPending(),
    async start(): Promise<void> {
      await prepareStore(models);
      await relay.start();
      consumer = await startReadModelConsumer({ kafka, connection, models, topicPrefix, logger });
      await server.start();
    },
    async stop(): Promise<void> {
      await consumer?.stop();
      consumer = null;
      // Publishes what is still pending, then disconnects.
      await relay.stop();
      await kafkaProbe.close();
      await server.apollo.stop().catch(() => undefined);
    },
  };
}

export type ResearchService = ReturnType<typeof buildService>;
