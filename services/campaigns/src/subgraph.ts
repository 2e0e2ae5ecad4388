import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { DocumentNode } from "graphql";
import { gql } from "graphql-tag";
import { createKafkaProbe, deadLetterTopicName, OutboxRelay, startConsumer } from "@intl/kafka";
import type { RunningConsumer } from "@intl/kafka";
import { createWriteQueue, pingMongo } from "@intl/mongo";
import { createSubgraphServer } from "@intl/subgraph";
import type { BaseServiceDeps, SubgraphServer } from "@intl/subgraph";
import { consumedContracts, CONSUMER_GROUP } from "./events/consumedEvents.ts";
import { publishedContracts } from "./events/publishedEvents.ts";
import { handleConsumedEvent } from "./events/readModelHandlers.ts";
import { agendaRepository } from "./models/agendaRepository.ts";
import { buildCampaignsModels, outboxModels, prepareStore } from "./models/campaignsModels.ts";
import { campaignRepository } from "./models/campaignRepository.ts";
import { candidateRepository } from "./models/candidateRepository.ts";
import { interviewRepository } from "./models/interviewRepository.ts";
import { readModelRepository } from "./models/readModelRepository.ts";
import { createCampaignsApp } from "./application/campaignsApp.ts";
import type { CampaignsApp } from "./application/campaignsApp.ts";
import { campaignsContextBuilder } from "./resolvers/context.ts";
import type { CampaignsContext } from "./resolvers/context.ts";
import { resolvers } from "./resolvers/resolvers.ts";

export const serviceName = "campaigns";

/** The campaigns subgraph's SDL: its part of the graph. */
export const typeDefs: DocumentNode = gql(readFileSync(new URL("./schema.graphql", import.meta.url), "utf8"));

export { resolvers };

/** Every topic the service produces to or consumes from, and its dead-letter topic, before any prefix. */
export const topics: string[] = [
  ...new Set([
    ...publishedContracts.map((contract) => contract.topic),
    ...consumedContracts.map((contract) => contract.topic),
    deadLetterTopicName(CONSUMER_GROUP),
  ]),
];

/** `buildService`'s dependencies: the shared ones (see `BaseServiceDeps`). */
export type ServiceDeps = BaseServiceDeps;

export interface CampaignsService {
  server: SubgraphServer<CampaignsContext>;
  /** Every topic it produces to or consumes from, plus its dead-letter topic, unprefixed. */
  topics: string[];
  /** Creates indexes, starts the outbox relay, the read-model consumer and Apollo. */
  start(): Promise<void>;
  /** Stops the consumer, the relay (which publishes everything still pending first) and Apollo. */
  stop(): Promise<void>;
  /** The application operations (see `createCampaignsApp`), plus `publishPendingEvents` for tests. */
  app: CampaignsApp & { publishPendingEvents(): Promise<number> };
}

/** Builds the whole service from its dependencies; never listens, reads no environment. */
export function buildService(deps: ServiceDeps): CampaignsService {
  const clock = deps.clock ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  const logger = deps.logger;
  const models = buildCampaignsModels(deps.connection);
  const interviews = interviewRepository(models.Interview);
  const readModels = readModelRepository(
    models.KnownApplication,
    models.KnownInstitution,
    models.KnownFaculty,
    models.ErasedStudent,
  );

  // One per service instance: the operations and the relay's removal of published events share it.
  const writeQueue = createWriteQueue();
  const relay = new OutboxRelay({
    kafka: deps.kafka,
    models: outboxModels(models),
    topicPrefix: deps.topicPrefix,
    logger,
    scanIntervalMs: deps.outboxPollMs,
    writeQueue,
  });

  const app = createCampaignsApp({
    campaigns: campaignRepository(models.Campaign),
    candidates: candidateRepository(models.Candidate),
    interviews,
    agendas: agendaRepository(models.SlotHold, (id) => interviews.statusOf(id)),
    readModels,
    writeQueue,
    clock,
    newId,
    interviewEventsQueued: (interviewId) => relay.nudge({ model: models.Interview, id: interviewId }),
    logger,
  });

  const kafkaProbe = createKafkaProbe(deps.kafka);

  const server = createSubgraphServer<CampaignsContext>({
    name: serviceName,
    typeDefs,
    resolvers,
    verifyToken: deps.verifyToken,
    buildContext: campaignsContextBuilder(app),
    readiness: { store: () => pingMongo(deps.connection), kafka: kafkaProbe.check },
    logger,
  });

  let consumer: RunningConsumer | null = null;

  return {
    server,
    topics,
    async start() {
      await prepareStore(models);
      await relay.start();
      consumer = await startConsumer({
        kafka: deps.kafka,
        groupId: CONSUMER_GROUP,
        topicPrefix: deps.topicPrefix,
        contracts: consumedContracts,
        handle: handleConsumedEvent({
          readModels,
          joinPipelines: (application) => app.joinPipelines(application),
          cancelScheduledInterviews: (applicationId) => app.cancelScheduledInterviews(applicationId),
          clock,
        }),
        connection: deps.connection,
        logger,
      });
      await server.start();
    },
    async stop() {
      await consumer?.stop();
      consumer = null;
      // Publishes what the last operations queued, then disconnects the producer.
      await relay.stop();
      await kafkaProbe.close();
      // Already stopped when the listening server was closed first: nothing more to do.
      await server.apollo.stop().catch(() => undefined);
    },
    app: { ...app, publishPendingEvents: () => relay.publishPending() },
  };
}
