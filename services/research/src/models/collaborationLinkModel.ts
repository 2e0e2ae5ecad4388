import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import { derivedLinks } from "@intl/mongo";
import type { DerivedLinks } from "@intl/mongo";
import type { CollaborationDocument } from "./collaborationModel.ts";

/**
 * One document per collaboration × partner institution, derived from the
 * collaboration: what lists an institution's collaborations (the Institution
 * entity's `collaborations`, a partner's view) by a top-level equality on an
 * indexed `institutionId`. Why: FerretDB 1.24 does not push down a match on the
 * array field `institutionIds`, so that list read every collaboration (1.5 s for
 * 20 institutions on PostgreSQL). It carries the fields lists filter and sort on.
 *
 * Derived from the collaboration by @intl/mongo's `derivedLinks` (written after the
 * collaboration's own write in the same write-queue turn, healed at start).
 */
export interface CollaborationLinkDocument {
  /** `${collaborationId}:${institutionId}` */
  _id: string;
  institutionId: string;
  collaborationId: string;
  /** The collaboration's version these fields were copied from (an older copy never overwrites a newer one). */
  version: number;
  title: string;
  type: string;
  status: string;
  centreId: string;
  leadFacultyId: string;
  startDate: string;
}

const collaborationLinkSchema = new Schema<CollaborationLinkDocument>(
  {
    _id: { type: String, required: true },
    institutionId: { type: String, required: true },
    collaborationId: { type: String, required: true },
    version: { type: Number, required: true },
    title: { type: String, required: true },
    type: { type: String, required: true },
    status: { type: String, required: true },
    centreId: { type: String, required: true },
    leadFacultyId: { type: String, required: true },
    startDate: { type: String, required: true },
  },
  { collection: "collaboration_links", autoIndex: false, versionKey: false },
);
collaborationLinkSchema.index({ institutionId: 1, startDate: 1 });
collaborationLinkSchema.index({ institutionId: 1, title: 1 });
collaborationLinkSchema.index({ collaborationId: 1 });

export function collaborationLinkModel(connection: Connection): Model<CollaborationLinkDocument> {
  return connection.model<CollaborationLinkDocument>("CollaborationLink", collaborationLinkSchema);
}

/** The institution links of collaborations: `sync` after each write, `heal` at start. */
export function collaborationLinks(models: {
  Collaboration: Model<CollaborationDocument>;
  CollaborationLink: Model<CollaborationLinkDocument>;
}): DerivedLinks<CollaborationDocument> {
  return derivedLinks<CollaborationDocument, CollaborationLinkDocument>({
    Owner: models.Collaboration,
    Link: models.CollaborationLink,
    ownerField: "collaborationId",
    derive: (collaboration) =>
      collaboration.institutionIds.map((institutionId) => ({
        _id: `${collaboration._id}:${institutionId}`,
        institutionId,
        collaborationId: collaboration._id,
        title: collaboration.title,
        type: collaboration.type,
        status: collaboration.status,
        centreId: collaboration.centreId,
        leadFacultyId: collaboration.leadFacultyId,
        startDate: collaboration.startDate,
      })),
  });
}
