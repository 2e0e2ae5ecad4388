import { researchErasureConfirmed, researchEvents } from "@intl/events";
import { defineSubgraphService, serviceShape, type BaseServiceDeps } from "@intl/subgraph";
import { createResearchApp } from "./application/researchApp.ts";
import { consumedContracts, CONSUMER_GROUP, consumedEventHandler } from "./events/consumedEvents.ts";
import type { ConsumedEvent } from "./events/consumedEvents.ts";
import { buildResearchModels, outboxModels, prepareStore } from "./models/researchModels.ts";
import { buildResearchContext } from "./resolvers/context.ts";
import { personalDataAccess } from "./resolvers/personalDataAccess.ts";
import { resolvers } from "./resolvers/resolvers.ts";

export const serviceName = "research";

export { resolvers };

/** What the service is: its contract (`schema.graphql`), what it publishes, what it consumes. */
const shape = serviceShape({
  name: serviceName,
  schema: new URL("./schema.graphql", import.meta.url),
  publishes: researchEvents,
  consumes: { group: CONSUMER_GROUP, contracts: consumedContracts },
});

/** The subgraph's SDL; every topic it produces to or consumes from, and its dead-letter topic, unprefixed. */
export const { typeDefs, topics } = shape;

/** `buildService`'s dependencies: the shared ones (see `BaseServiceDeps`). */
export type ServiceDeps = BaseServiceDeps;

/**
 * The research service: the subgraph, the outbox relay and the read-model consumer,
 * started and stopped in the shared order (`defineSubgraphService`). Never listens and
 * reads no environment; `main.ts` does.
 */
export function buildService(deps: ServiceDeps) {
  const models = buildResearchModels(deps.connection);
  return defineSubgraphService(deps, {
    ...shape,
    outboxModels: outboxModels(models),
    prepareStore: () => prepareStore(models),
    build: ({ clock, newId, writeQueue, eventsQueued }) => {
      const app = createResearchApp({ models, clock, newId, eventsQueued, writeQueue });
      const handle = consumedEventHandler(models);
      return {
        app,
        resolvers,
        buildContext: (base) => buildResearchContext(base, app),
        handleConsumedEvent: (event, context) => handle(event as ConsumedEvent, context),
        personalData: {
          confirmed: researchErasureConfirmed,
          erase: app.eraseHeldData,
          exportOf: app.personalDataOf,
          access: personalDataAccess,
        },
      };
    },
  });
}

export type ResearchService = ReturnType<typeof buildService>;
