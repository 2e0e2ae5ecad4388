import { LINKS_PENDING } from "./aggregate-write.ts";
import type { AnyModel } from "./model-types.ts";
import { duplicateKeyIndexes } from "./store-errors.ts";

/**
 * Link documents: one per owner document × id it refers to in an array field
 * (a campaign's target institutions, an interview's panel, a collaboration's
 * partner institutions), carrying the fields a list by that id filters and sorts
 * on. Why: FerretDB 1.24 pushes no match on an array field down (it reads the
 * whole collection); a link makes such a list a top-level equality on an indexed
 * field.
 *
 * The owner's own write sets `linksPending: true` in the same single-document
 * update (the aggregate writer does, given `links`); its links are then derived
 * from it whole and idempotently in the same write-queue turn (`sync`), and the
 * marker is cleared if the owner is still at that version. A crash between the
 * two writes is healed at the next start (`heal`), which also derives the links
 * of owners stored before links existed.
 */
export interface LinkDocument {
  /** `${ownerId}:${referencedId}` */
  _id: string;
  /** The owner's version the link was derived from: an older copy never overwrites a newer one. */
  version: number;
}

export interface DerivedLinksDefinition<
  Owner extends { _id: string; version: number },
  Link extends LinkDocument,
> {
  Owner: AnyModel;
  Link: AnyModel;
  /** The link's field naming its owner (indexed: the owner's stale links are found by it). */
  ownerField: keyof Link & string;
  /** The links of `owner` as it is now (their `version` is added). */
  derive(owner: Owner): Omit<Link, "version">[];
}

export interface DerivedLinks<Owner> {
  /** Makes the owner's links those of `owner` at its version, then clears its pending marker. */
  sync(owner: Owner): Promise<void>;
  /** Derives the links of every owner whose last write did not get to them (run once at start). */
  heal(): Promise<number>;
}

export function derivedLinks<Owner extends { _id: string; version: number }, Link extends LinkDocument>(
  definition: DerivedLinksDefinition<Owner, Link>,
): DerivedLinks<Owner> {
  const { Owner, Link, ownerField } = definition;
  // Matches a link derived from this version or an older one (or before links had a version).
  const notNewerThan = (version: number) => ({ version: { $not: { $gt: version } } });

  async function sync(owner: Owner): Promise<void> {
    // The owner moved on (another process wrote it): the sync of its newer version derives them.
    if (!(await Owner.exists({ _id: owner._id, ...notNewerThan(owner.version) }).exec())) return;
    const links = definition.derive(owner).map((link) => ({ ...link, version: owner.version }));
    if (links.length > 0) {
      try {
        await Link.bulkWrite(
          links.map((link) => ({
            replaceOne: {
              // A link of a newer version does not match: the upsert's insert then fails on
              // the duplicate `_id`, which leaves the newer copy (the `_id` keeps it pushed down).
              filter: { _id: link._id, ...notNewerThan(owner.version) },
              replacement: link,
              upsert: true,
            },
          })) as never,
          { ordered: false },
        );
      } catch (error) {
        if (duplicateKeyIndexes(error) === null) throw error;
      }
    }
    await Link.deleteMany({
      [ownerField]: owner._id,
      _id: { $nin: links.map((link) => link._id) },
      ...notNewerThan(owner.version),
    }).exec();
    await Owner.updateOne(
      { _id: owner._id, version: owner.version },
      { $unset: { [LINKS_PENDING]: 1 } },
    ).exec();
  }

  async function heal(): Promise<number> {
    const pending = (await Owner.find({ [LINKS_PENDING]: true })
      .lean()
      .exec()) as Owner[];
    const unlinked =
      (await Link.estimatedDocumentCount().exec()) === 0
        ? ((await Owner.find({}).lean().exec()) as Owner[])
        : [];
    const byId = new Map([...unlinked, ...pending].map((owner) => [owner._id, owner]));
    for (const owner of byId.values()) await sync(owner);
    return byId.size;
  }

  return { sync, heal };
}
