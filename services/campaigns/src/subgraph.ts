import { campaignsErasureConfirmed } from "@intl/events";
import { defineSubgraphService, serviceShape, type BaseServiceDeps } from "@intl/subgraph";
import { createCampaignsApp } from "./application/campaignsApp.ts";
import { personalDataErasure } from "./application/personalDataErasure.ts";
import { personalDataExport } from "./application/personalDataExport.ts";
import { consumedContracts, consumedEventHandler, CONSUMER_GROUP } from "./events/consumedEvents.ts";
import { publishedContracts } from "./events/publishedEvents.ts";
import { agendaRepository } from "./models/agendaRepository.ts";
import { buildCampaignsModels, outboxModels, prepareStore } from "./models/campaignsModels.ts";
import { campaignRepository } from "./models/campaignRepository.ts";
import { candidateRepository } from "./models/candidateRepository.ts";
import { interviewRepository } from "./models/interviewRepository.ts";
import { readModelRepository } from "./models/readModelRepository.ts";
import { campaignsContextBuilder } from "./resolvers/context.ts";
import { personalDataAccess } from "./resolvers/personalDataAccess.ts";
import { resolvers } from "./resolvers/resolvers.ts";

export const serviceName = "campaigns";

export { resolvers };

/** What the service is: its contract (`schema.graphql`), what it publishes, what it consumes. */
const shape = serviceShape({
  name: serviceName,
  schema: new URL("./schema.graphql", import.meta.url),
  publishes: publishedContracts,
  consumes: { group: CONSUMER_GROUP, contracts: consumedContracts },
});

/** The subgraph's SDL; every topic it produces to or consumes from, and its dead-letter topic, unprefixed. */
export const { typeDefs, topics } = shape;

/** `buildService`'s dependencies: the shared ones (see `BaseServiceDeps`). */
export type ServiceDeps = BaseServiceDeps;

/**
 * The campaigns service: the subgraph, the outbox relay and the read-model consumer,
 * started and stopped in the shared order (`defineSubgraphService`). Never listens and
 * reads no environment; `main.ts` does.
 */
export function buildService(deps: ServiceDeps) {
  const models = buildCampaignsModels(deps.connection);
  return defineSubgraphService(deps, {
    ...shape,
    outboxModels: outboxModels(models),
    prepareStore: () => prepareStore(models),
    build: ({ clock, newId, writeQueue, eventsQueued, logger }) => {
      const interviews = interviewRepository(models.Interview);
      const readModels = readModelRepository(
        models.KnownApplication,
        models.KnownInstitution,
        models.KnownFaculty,
        models.ErasedStudent,
      );
      const app = createCampaignsApp({
        campaigns: campaignRepository(models.Campaign),
        candidates: candidateRepository(models.Candidate),
        interviews,
        agendas: agendaRepository(models.SlotHold, (id) => interviews.statusOf(id)),
        readModels,
        writeQueue,
        clock,
        newId,
        interviewEventsQueued: (interviewId) => eventsQueued({ model: models.Interview, id: interviewId }),
        logger,
      });
      const handleReadModelEvent = consumedEventHandler({
        readModels,
        joinPipelines: (application) => app.joinPipelines(application),
        cancelScheduledInterviews: (applicationId) => app.cancelScheduledInterviews(applicationId),
        clock,
      });
      return {
        app,
        resolvers,
        buildContext: campaignsContextBuilder(app),
        handleConsumedEvent: handleReadModelEvent,
        personalData: {
          confirmed: campaignsErasureConfirmed,
          erase: personalDataErasure({
            models,
            forgetStudent: readModels.forgetStudent,
            writeQueue,
            eventsQueued,
            clock,
          }),
          exportOf: personalDataExport(models),
          access: personalDataAccess,
        },
      };
    },
  });
}

export type CampaignsService = ReturnType<typeof buildService>;
