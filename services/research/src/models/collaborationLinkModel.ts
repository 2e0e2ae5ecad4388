import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import type { CollaborationDocument } from "./collaborationModel.ts";

/**
 * One document per collaboration × partner institution, derived from the
 * collaboration: what lists an institution's collaborations (the Institution
 * entity's `collaborations`, a partner's view) by a top-level equality on an
 * indexed `institutionId`. Why: FerretDB 1.24 does not push down a match on the
 * array field `institutionIds`, so that list read every collaboration (1.5 s for
 * 20 institutions on PostgreSQL). It carries the fields lists filter and sort on.
 *
 * Written after the collaboration's own write, never before, and derived from it
 * whole and idempotently (`syncCollaborationLinks`): the collaboration document
 * says `linksPending: true` until its links are written for its version, so a
 * crash between the two writes is healed at the next start (`healCollaborationLinks`).
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

export function collaborationLinkModel(connection: Connection): Model<CollaborationLinkDocument> {
  return connection.model<CollaborationLinkDocument>("CollaborationLink", collaborationLinkSchema);
}

type LinkModels = {
  Collaboration: Model<CollaborationDocument>;
  CollaborationLink: Model<CollaborationLinkDocument>;
};

/**
 * Writes the links of `collaboration` as of its version (idempotent: each link is
 * replaced only by a copy of the same or a newer version), then clears its
 * `linksPending` marker if the collaboration has not moved on meanwhile. Call it
 * after the collaboration's write, in the same write-queue turn.
 */
export async function syncCollaborationLinks(
  models: LinkModels,
  collaboration: CollaborationDocument,
): Promise<void> {
  const { _id: collaborationId, version } = collaboration;
  if (collaboration.institutionIds.length > 0) {
    try {
      await models.CollaborationLink.bulkWrite(
        collaboration.institutionIds.map((institutionId) => {
          const _id = `${collaborationId}:${institutionId}`;
          return {
            replaceOne: {
              // A link of a newer version does not match: the upsert's insert then fails on
              // the duplicate `_id`, which leaves the newer copy (the `_id` keeps it pushed down).
              filter: { _id, version: { $lte: version } },
              replacement: {
                _id,
                institutionId,
                collaborationId,
                version,
                title: collaboration.title,
                type: collaboration.type,
                status: collaboration.status,
                centreId: collaboration.centreId,
                leadFacultyId: collaboration.leadFacultyId,
                startDate: collaboration.startDate,
              },
              upsert: true,
            },
          };
        }),
        { ordered: false },
      );
    } catch (error) {
      if (!onlyDuplicateKeys(error)) throw error;
    }
  }
  await models.Collaboration.updateOne(
    { _id: collaborationId, version },
    { $unset: { linksPending: 1 } },
  ).exec();
}

function onlyDuplicateKeys(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: { code?: number }[] | { code?: number } }).writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return list.length > 0 && list.every((writeError) => writeError.code === 11000);
}

/**
 * Writes the links of every collaboration whose last write did not get to them
 * (a crash between the two writes), and of collaborations stored before links
 * existed. Run once at start, before the service answers.
 */
export async function healCollaborationLinks(models: LinkModels): Promise<number> {
  const pending = await models.Collaboration.find({ linksPending: true })
    .lean<CollaborationDocument[]>()
    .exec();
  const unlinked =
    (await models.CollaborationLink.estimatedDocumentCount().exec()) === 0
      ? await models.Collaboration.find({}).lean<CollaborationDocument[]>().exec()
      : [];
  const toSync = new Map([...unlinked, ...pending].map((document) => [document._id, document]));
  for (const document of toSync.values()) await syncCollaborationLinks(models, document);
  return toSync.size;
}
