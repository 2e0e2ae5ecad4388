import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { partnershipsEvents } from "@intl/events";
import {
  createKafkaProbe,
  deadLetterTopicName,
  OutboxRelay,
  startConsumer,
  type QueuedEvents,
  type RunningConsumer,
} from "@intl/kafka";
import { createWriteQueue, pingMongo } from "@intl/mongo";
import { createSubgraphServer, type BaseServiceDeps } from "@intl/subgraph";
import type { DocumentNode } from "graphql";
import { gql } from "graphql-tag";
import { createPartnershipsApp } from "./application/partnershipsApp.ts";
import { scheduledExpiry } from "./application/scheduledExpiry.ts";
import { consumedContracts, consumedEventHandler, CONSUMER_GROUP } from "./events/consumedEvents.ts";
import { partnershipsModels, prepareStore } from "./models/partnershipsModels.ts";
import { buildPartnershipsContext, type PartnershipsContext } from "./resolvers/context.ts";
import { resolvers } from "./resolvers/resolvers.ts";

export const serviceName = "partnerships";

export const typeDefs: DocumentNode = gql(readFileSync(new URL("./schema.graphql", import.meta.url), "utf8"));

export { resolvers };

/** `buildService`'s dependencies: the shared ones, plus this service's own options. */
export interface ServiceDeps extends BaseServiceDeps {
  /** How often the expiry job looks for agreements whose last academic year is over. Default 60 s. */
  expiryIntervalMs?: number;
}

/** Every topic the service produces to or consumes from, and its dead-letter topic, before any prefix. */
export const topics: string[] = [
  ...new Set([
    ...partnershipsEvents.map((contract) => contract.topic),
    ...consumedContracts.map((contract) => contract.topic),
  ]),
  deadLetterTopicName(CONSUMER_GROUP),
];

/**
 * Builds the partnerships service from injected dependencies: the GraphQL
 * subgraph, the outbox relay, the consumer of research and students events and
 * the agreement expiry job. Never listens and reads no environment; `main.ts` does.
 */
export function buildService(deps: ServiceDeps) {
  const clock = deps.clock ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  const logger = deps.logger.child({ service: serviceName });
  const models = partnershipsModels(deps.connection);
  // One per service instance: the operations and the relay's removal of published events
  // share it (FerretDB does not isolate concurrent updates of one document).
  const writeQueue = createWriteQueue();
  const relay = new OutboxRelay({
    kafka: deps.kafka,
    models: [models.Institution, models.Agreement],
    topicPrefix: deps.topicPrefix,
    logger,
    scanIntervalMs: deps.outboxPollMs,
    writeQueue,
  });
  const applicationDeps = {
    models,
    clock,
    newId,
    eventsQueued: (written: QueuedEvents) => relay.nudge(written),
    writeQueue,
  };
  const operations = createPartnershipsApp(applicationDeps);
  const handleConsumedEvent = consumedEventHandler(models, operations.refreshStanding, clock);
  const expiry = scheduledExpiry({
    intervalMs: deps.expiryIntervalMs ?? 60_000,
    clock,
    expireDueAgreements: operations.expireDueAgreements,
    refreshAllStandings: operations.refreshAllStandings,
    logger,
  });

  const kafkaProbe = createKafkaProbe(deps.kafka);
  const server = createSubgraphServer<PartnershipsContext>({
    name: serviceName,
    typeDefs,
    resolvers,
    verifyToken: deps.verifyToken,
    buildContext: buildPartnershipsContext(operations),
    readiness: {
      store: () => pingMongo(deps.connection),
      kafka: kafkaProbe.check,
    },
    logger: deps.logger,
  });

  let consumer: RunningConsumer | null = null;
  let apolloStarted = false;

  return {
    server,
    topics,
    /** Builds indexes, then starts the relay, the consumer, the expiry job and Apollo. */
    async start(): Promise<void> {
      await prepareStore(models);
      // Connects the relay's producer (failing fast without Kafka) and publishes what a previous run left.
      await relay.start();
      await relay.publishPending();
      consumer = await startConsumer({
        kafka: deps.kafka,
        groupId: CONSUMER_GROUP,
        topicPrefix: deps.topicPrefix,
        contracts: consumedContracts,
        handle: (event) => handleConsumedEvent(event),
        connection: deps.connection,
        logger,
      });
      expiry.start();
      await server.start();
      apolloStarted = true;
    },
    /** Stops the consumer and the expiry job, stops the relay (it publishes what is pending first), stops Apollo. */
    async stop(): Promise<void> {
      await consumer?.stop();
      consumer = null;
      await expiry.stop();
      await relay.stop();
      await kafkaProbe.close();
      // Idempotent once started (closing a listening server stops it too); refuses before.
      if (apolloStarted) await server.apollo.stop();
    },
    app: {
      ...operations,
      /** Publishes every event waiting in the outboxes now (tests, seed); resolves with how many. */
      publishPendingEvents: () => relay.publishPending(),
    },
  };
}

export type PartnershipsService = ReturnType<typeof buildService>;
