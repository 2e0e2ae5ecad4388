import { collaborationEnded, collaborationStarted, mobilityCompleted, type EventOf } from "@intl/events";
import type { PartnershipsModels } from "../models/partnershipsModels.ts";
import { projectCollaboration } from "./researchCollaborationProjection.ts";
import { projectCompletedMobility } from "./studentMobilityProjection.ts";

/** The consumer group of this service's read models. */
export const CONSUMER_GROUP = "partnerships";

/** What partnerships consumes: the facts completeness is computed from. */
export const consumedContracts = [collaborationStarted, collaborationEnded, mobilityCompleted] as const;
/** What the kit's consumer hands over: one envelope whose data matched the contract of its type. */
export type ConsumedEnvelope = EventOf<(typeof consumedContracts)[number]>;

/**
 * Projects a foreign event, then reassesses the institutions it concerns. Both
 * steps are idempotent, so a redelivery (even after a crash between them) is harmless.
 */
export function consumedEventHandler(
  models: PartnershipsModels,
  refreshStanding: (institutionId: string) => Promise<void>,
  clock: () => Date,
) {
  return async (event: ConsumedEnvelope): Promise<void> => {
    // parseEvent validated the data against the contract of `event.type`, so narrowing by type is sound.
    const institutionIds =
      event.type === mobilityCompleted.type
        ? await projectCompletedMobility(
            models.StudentMobility,
            event as EventOf<typeof mobilityCompleted>,
            clock(),
          )
        : await projectCollaboration(
            models,
            event as EventOf<typeof collaborationStarted> | EventOf<typeof collaborationEnded>,
            clock(),
          );
    for (const institutionId of institutionIds) await refreshStanding(institutionId);
  };
}
