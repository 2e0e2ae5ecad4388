import { collaborationStarted, type collaborationEnded, type EventOf } from "@intl/events";
import type { PartnershipsModels } from "../models/partnershipsModels.ts";
import { syncCollaborationLinks } from "../models/researchCollaborationModel.ts";
import { applyIfNewer } from "@intl/mongo";

export type CollaborationEvent = EventOf<typeof collaborationStarted> | EventOf<typeof collaborationEnded>;

/**
 * Applies a research collaboration event to the read model, only if it is newer
 * than what is held (its `sequence`), so duplicates and out-of-order deliveries
 * are harmless. Returns every institution whose evidence may have changed
 * (those of the event and those held before), to be reassessed.
 */
export async function projectCollaboration(
  models: Pick<PartnershipsModels, "ResearchCollaboration" | "ResearchCollaborationLink">,
  event: CollaborationEvent,
  now: Date,
): Promise<string[]> {
  const model = models.ResearchCollaboration;
  // The read model holds the collaboration as the contract carries it, and whether it is ongoing.
  const { collaborationId, ...collaboration } = event.data;
  const previous = await model.findById(collaborationId, { institutionIds: 1 }).lean().exec();
  await applyIfNewer(model, collaborationId, event.sequence, {
    ...collaboration,
    ongoing: event.type === collaborationStarted.type,
    updatedAt: now,
  });
  // From what is held (this event's or a newer one's): a redelivery repairs links a crash left behind.
  await syncCollaborationLinks(models, collaborationId);
  return [...new Set([...(previous?.institutionIds ?? []), ...collaboration.institutionIds])];
}
