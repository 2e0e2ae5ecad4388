import { erasureConfirmations, studentsErasureConfirmed } from "@intl/events";
import { defineSubgraphService, periodicJob, serviceShape, type BaseServiceDeps } from "@intl/subgraph";
import { isErasureConfirmation } from "./application/personalDataErasure.ts";
import { createStudentsApp } from "./application/studentsApp.ts";
import { DEFAULT_DOSSIER_RETENTION_MONTHS } from "./domain/dossierRetention.ts";
import { DEFAULT_FLOW_IMBALANCE_RATIO } from "./domain/kpis.ts";
import { DEFAULT_AT_RISK_MONTHS } from "./domain/mobilityCompliance.ts";
import { consumedContracts, consumedEventHandler, CONSUMER_GROUP } from "./events/consumedEvents.ts";
import type { ConsumedEvent } from "./events/consumedEvents.ts";
import { publishedContracts } from "./events/publishedEvents.ts";
import { openStore, outboxModels, syncIndexes } from "./models/store.ts";
import { contextBuilder } from "./resolvers/context.ts";
import { personalDataAccess } from "./resolvers/personalDataAccess.ts";
import { buildResolvers } from "./resolvers/resolvers.ts";

export const serviceName = "students";

/** What the service is: its contract (`schema.graphql`), what it publishes, what it consumes. */
const shape = serviceShape({
  name: serviceName,
  schema: new URL("./schema.graphql", import.meta.url),
  publishes: publishedContracts,
  // Besides its read models' events (and erasure requests, as every service): as their owner, the confirmations.
  consumes: { group: CONSUMER_GROUP, contracts: [...consumedContracts, ...erasureConfirmations] },
});

/** The subgraph's SDL; every topic it produces to or consumes from, and its dead-letter topic, unprefixed. */
export const { typeDefs, topics } = shape;

/** `buildService`'s dependencies: the shared ones, plus this service's own options. */
export interface ServiceDeps extends BaseServiceDeps {
  /** Early-warning horizon of the 100 % rule, in months (default 12). */
  atRiskMonths?: number;
  /** Flows with a partner are flagged above this ratio between the directions (default 3). */
  flowImbalanceRatio?: number;
  /** How long non-admitted applicants' dossier documents are kept after the decision, in months (default 12). */
  dossierRetentionMonths?: number;
  /** How often the retention job looks for expired dossiers (default hourly). */
  retentionIntervalMs?: number;
}

/**
 * The students service: the subgraph, the outbox relay and the consumer of the other
 * services' events, started and stopped in the shared order (`defineSubgraphService`).
 * Never listens and reads no environment; `main.ts` does.
 */
export function buildService(deps: ServiceDeps) {
  const store = openStore(deps.connection);
  return defineSubgraphService(deps, {
    ...shape,
    outboxModels: outboxModels(store),
    prepareStore: () => syncIndexes(store),
    build: ({ clock, newId, writeQueue, eventsQueued, logger }) => {
      const app = createStudentsApp({
        store,
        writeQueue,
        clock,
        newId,
        eventsQueued,
        atRiskMonths: deps.atRiskMonths ?? DEFAULT_AT_RISK_MONTHS,
        flowImbalanceRatio: deps.flowImbalanceRatio ?? DEFAULT_FLOW_IMBALANCE_RATIO,
      });
      const handle = consumedEventHandler({ store, writeQueue, clock, newId, eventsQueued });
      return {
        app,
        resolvers: buildResolvers(app),
        buildContext: contextBuilder(app, store),
        handleConsumedEvent: (event, context) =>
          isErasureConfirmation(event)
            ? app.recordErasureConfirmation(event)
            : handle(event as ConsumedEvent, context),
        personalData: {
          confirmed: studentsErasureConfirmed,
          erase: app.eraseHeldData,
          exportOf: app.personalDataOf,
          access: personalDataAccess,
        },
        jobs: [
          periodicJob({
            name: "dossier-retention",
            intervalMs: deps.retentionIntervalMs ?? 3_600_000,
            run: () =>
              app.removeExpiredDossierDocuments(
                deps.dossierRetentionMonths ?? DEFAULT_DOSSIER_RETENTION_MONTHS,
              ),
            logger,
          }),
        ],
      };
    },
  });
}

export type StudentsService = ReturnType<typeof buildService>;
