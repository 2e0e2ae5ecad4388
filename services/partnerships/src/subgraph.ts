import { partnershipsErasureConfirmed, partnershipsEvents } from "@intl/events";
import { defineSubgraphService, serviceShape, type BaseServiceDeps } from "@intl/subgraph";
import { loadReferenceData } from "./application/referenceData.ts";
import { createPartnershipsApp } from "./application/partnershipsApp.ts";
import { scheduledExpiry } from "./application/scheduledExpiry.ts";
import { consumedContracts, consumedEventHandler, CONSUMER_GROUP } from "./events/consumedEvents.ts";
import { partnershipsModels, prepareStore } from "./models/partnershipsModels.ts";
import { buildPartnershipsContext } from "./resolvers/context.ts";
import { resolvers } from "./resolvers/resolvers.ts";

export const serviceName = "partnerships";

export { resolvers };

/** What the service is: its contract (`schema.graphql`), what it publishes, what it consumes. */
const shape = serviceShape({
  name: serviceName,
  schema: new URL("./schema.graphql", import.meta.url),
  publishes: partnershipsEvents,
  consumes: { group: CONSUMER_GROUP, contracts: consumedContracts },
});

/** The subgraph's SDL; every topic it produces to or consumes from, and its dead-letter topic, unprefixed. */
export const { typeDefs, topics } = shape;

/** `buildService`'s dependencies: the shared ones, plus this service's own options. */
export interface ServiceDeps extends BaseServiceDeps {
  /** How often the expiry job looks for agreements whose last academic year is over. Default 60 s. */
  expiryIntervalMs?: number;
  /** Loads the strategy's reference data at start (default true; false: tests of a blank catalogue). */
  referenceData?: boolean;
}

/**
 * The partnerships service: the subgraph, the outbox relay, the consumer of research and
 * students events and the agreement expiry job, started and stopped in the shared order
 * (`defineSubgraphService`). Never listens and reads no environment; `main.ts` does.
 */
export function buildService(deps: ServiceDeps) {
  const models = partnershipsModels(deps.connection);
  return defineSubgraphService(deps, {
    ...shape,
    outboxModels: [models.Institution, models.Agreement],
    prepareStore: () => prepareStore(models),
    build: ({ clock, newId, writeQueue, eventsQueued, logger }) => {
      const app = createPartnershipsApp({ models, clock, newId, eventsQueued, writeQueue });
      const handle = consumedEventHandler(models, app.refreshStanding, clock);
      return {
        app,
        resolvers,
        buildContext: buildPartnershipsContext(app),
        handleConsumedEvent: (event) => handle(event),
        // Institutions, agreements and the flows and collaborations read from events hold no
        // personal data (faculty appear by id): it confirms every erasure with nothing to erase.
        personalData: {
          confirmed: partnershipsErasureConfirmed,
          erase: async () => 0,
          exportOf: async () => ({}),
          access: { reads: {} },
        },
        // The strategy's country priorities, networks and labels, with or without the demo.
        startup: async () => {
          if (deps.referenceData === false) return;
          const loaded = await loadReferenceData(app);
          logger.info(loaded, "reference data present");
        },
        jobs: [
          scheduledExpiry({
            intervalMs: deps.expiryIntervalMs ?? 60_000,
            clock,
            expireDueAgreements: app.expireDueAgreements,
            refreshAllStandings: app.refreshAllStandings,
            logger,
          }),
        ],
      };
    },
  });
}

export type PartnershipsService = ReturnType<typeof buildService>;
