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
  const data = event.data;
  const previous = await model.findById(data.collaborationId, { institutionIds: 1 }).lean().exec();
  await applyIfNewer(model, data.collaborationId, event.sequence, {
    type: data.type,
    institutionIds: data.institutionIds,
    companies: data.companies,
    dimensions: data.dimensions,
    centreId: data.centreId,
    leadFacultyId: data.leadFacultyId,
    startDate: data.startDate,
    endDate: data.endDate,
    ongoing: event.type === collaborationStarted.type,
    updatedAt: now,
  });
  // From what is held (this event's or a newer one's): a redelivery repairs links a crash left behind.
  await syncCollaborationLinks(models, data.collaborationId);
  return [...new Set([...(previous?.institutionIds ?? []), ...data.institutionIds])];
}
