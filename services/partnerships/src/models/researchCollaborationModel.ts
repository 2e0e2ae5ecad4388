import { Schema } from "mongoose";
import type { Model } from "mongoose";
import { findByIds, findWhereIn } from "@intl/mongo";
import type { PartnershipDimension } from "../domain/partnershipCompleteness.ts";

/** Read model of the research service's collaborations: what evidences research, corporate and culture dimensions. */
export interface ResearchCollaborationDocument {
  _id: string;
  type: string;
  institutionIds: string[];
  companies: string[];
  dimensions: PartnershipDimension[];
  centreId: string;
  leadFacultyId: string;
  startDate: string;
  endDate: string | null;
  ongoing: boolean;
  /** The collaboration's version in the research service: older events are ignored. */
  sequence: number;
  updatedAt: Date;
}

export const researchCollaborationSchema = new Schema<ResearchCollaborationDocument>(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    institutionIds: { type: [String], default: [] },
    companies: { type: [String], default: [] },
    dimensions: { type: [String], default: [] },
    centreId: { type: String, required: true },
    leadFacultyId: { type: String, required: true },
    startDate: { type: String, required: true },
    endDate: { type: String, default: null },
    ongoing: { type: Boolean, required: true },
    sequence: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: "research_collaborations", versionKey: false },
);
researchCollaborationSchema.index({ institutionIds: 1 });

/**
 * One document per collaboration × institution, derived from the read model:
 * an institution's ongoing collaborations (its standing) by a top-level
 * equality on an indexed `institutionId`. Why: FerretDB 1.24 pushes no match on
 * the array `institutionIds` down, so that lookup read every collaboration.
 */
export interface ResearchCollaborationLinkDocument {
  /** `${collaborationId}:${institutionId}` */
  _id: string;
  institutionId: string;
  collaborationId: string;
  ongoing: boolean;
}

export const researchCollaborationLinkSchema = new Schema<ResearchCollaborationLinkDocument>(
  {
    _id: { type: String, required: true },
    institutionId: { type: String, required: true },
    collaborationId: { type: String, required: true },
    ongoing: { type: Boolean, required: true },
  },
  { collection: "research_collaboration_links", versionKey: false },
);
researchCollaborationLinkSchema.index({ institutionId: 1, ongoing: 1 });
researchCollaborationLinkSchema.index({ collaborationId: 1 });

type CollaborationModels = {
  ResearchCollaboration: Model<ResearchCollaborationDocument>;
  ResearchCollaborationLink: Model<ResearchCollaborationLinkDocument>;
};

/**
 * Makes the links of a collaboration those of the held read model (idempotent:
 * derived whole from what is held, so a redelivered event repairs what a crash
 * between the two writes left).
 */
export async function syncCollaborationLinks(
  models: CollaborationModels,
  collaborationId: string,
): Promise<void> {
  const held = await models.ResearchCollaboration.findById(collaborationId, { institutionIds: 1, ongoing: 1 })
    .lean<Pick<ResearchCollaborationDocument, "_id" | "institutionIds" | "ongoing">>()
    .exec();
  const links = (held?.institutionIds ?? []).map((institutionId) => ({
    _id: `${collaborationId}:${institutionId}`,
    institutionId,
    collaborationId,
    ongoing: held!.ongoing,
  }));
  if (links.length > 0) {
    await models.ResearchCollaborationLink.bulkWrite(
      links.map((link) => ({ replaceOne: { filter: { _id: link._id }, replacement: link, upsert: true } })),
      { ordered: false },
    );
  }
  await models.ResearchCollaborationLink.deleteMany({
    collaborationId,
    _id: { $nin: links.map((link) => link._id) },
  }).exec();
}

/** The ongoing collaborations of these institutions, through their links (one equality per institution on FerretDB). */
export async function ongoingCollaborationsOf(
  models: CollaborationModels,
  institutionIds: readonly string[],
): Promise<ResearchCollaborationDocument[]> {
  const links = await findWhereIn(
    models.ResearchCollaborationLink,
    "institutionId",
    institutionIds,
    (condition) =>
      models.ResearchCollaborationLink.find({ ...condition, ongoing: true }, { collaborationId: 1 })
        .lean<Pick<ResearchCollaborationLinkDocument, "collaborationId">[]>()
        .exec(),
  );
  const ids = [...new Set(links.map((link) => link.collaborationId))].sort();
  const found = await findByIds(models.ResearchCollaboration, ids, (condition) =>
    models.ResearchCollaboration.find(condition).lean<ResearchCollaborationDocument[]>().exec(),
  );
  // The store's order is not kept across a batch: by id, as the lookup on the array gave them.
  return found.filter((collaboration) => collaboration.ongoing).sort((a, b) => (a._id < b._id ? -1 : 1));
}

/** Derives the links of collaborations held before links existed (at start; only while there are none). */
export async function healCollaborationLinks(models: CollaborationModels): Promise<number> {
  if ((await models.ResearchCollaborationLink.estimatedDocumentCount().exec()) > 0) return 0;
  const held = await models.ResearchCollaboration.find({}, { _id: 1 }).lean<{ _id: string }[]>().exec();
  for (const { _id } of held) await syncCollaborationLinks(models, _id);
  return held.length;
}
