import type { AnyModel } from "@intl/mongo";

/**
 * Link documents: one per owner document × id it refers to in an array field
 * (a campaign's target institutions, an interview's panel), carrying the fields
 * a list by that id filters and sorts on. Why: FerretDB 1.24 pushes no match on
 * an array field down (it reads the whole collection); a link makes such a list
 * a top-level equality on an indexed field.
 *
 * The owner's own write sets `linksPending: true` (in the same single-document
 * update); its links are then written in the same write-queue turn, derived from
 * it whole and idempotently (`replaceLinks`), and the marker is cleared. A crash
 * between the two writes is healed at the next start (`healLinks`), which also
 * derives the links of documents stored before links existed.
 */
export interface LinkDocument {
  /** `${ownerId}:${referencedId}` */
  _id: string;
}

/** Makes the owner's links exactly `links` (upserts them, removes the owner's others), then clears its marker. */
export async function replaceLinks<L extends LinkDocument>(
  models: { Owner: AnyModel; Link: AnyModel },
  owner: { field: keyof L & string; id: string },
  links: readonly L[],
): Promise<void> {
  if (links.length > 0) {
    await models.Link.bulkWrite(
      links.map((link) => ({
        replaceOne: { filter: { _id: link._id }, replacement: link, upsert: true },
      })),
      { ordered: false },
    );
  }
  await models.Link.deleteMany({
    [owner.field]: owner.id,
    _id: { $nin: links.map((link) => link._id) },
  }).exec();
  await models.Owner.updateOne({ _id: owner.id }, { $unset: { linksPending: 1 } }).exec();
}

/**
 * Derives the links of every owner whose last write did not get to them, and of
 * every owner when the link collection is still empty (documents stored before
 * links existed). Run once at start, before the service answers.
 */
export async function healLinks<D>(
  models: { Owner: AnyModel; Link: AnyModel },
  sync: (document: D) => Promise<void>,
): Promise<number> {
  const pending = (await models.Owner.find({ linksPending: true }).lean().exec()) as D[];
  const unlinked =
    (await models.Link.estimatedDocumentCount().exec()) === 0
      ? ((await models.Owner.find({}).lean().exec()) as D[])
      : [];
  const byId = new Map(
    [...unlinked, ...pending].map((document) => [(document as { _id: string })._id, document]),
  );
  for (const document of byId.values()) await sync(document);
  return byId.size;
}
