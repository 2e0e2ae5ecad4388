import { findByIds } from "@intl/mongo";
import type { KnownInstitutionDocument } from "../models/institutionModel.ts";
import type { KnownPhdApplicationDocument } from "../models/phdApplicationModel.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";

/** Lookups in the read models filled by other services' events. */
export function knownReferenceOperations({ models }: ApplicationDeps) {
  const { KnownInstitution, KnownPhdApplication } = models;

  async function knownInstitutions(ids: readonly string[]): Promise<KnownInstitutionDocument[]> {
    if (ids.length === 0) return [];
    return findByIds(KnownInstitution, ids, (condition) =>
      KnownInstitution.find(condition).lean<KnownInstitutionDocument[]>().exec(),
    );
  }

  return {
    knownInstitutions,

    /** Of `ids`, those the institutions read model does not hold (yet). */
    async unknownInstitutionIds(ids: readonly string[]): Promise<string[]> {
      const known = new Set((await knownInstitutions(ids)).map((institution) => institution._id));
      return [...new Set(ids)].filter((id) => !known.has(id));
    },

    async isInstitutionKnown(id: string): Promise<boolean> {
      return (await knownInstitutions([id])).length > 0;
    },

    /** Ids of the institutions known, among `ids` (the seed waits on it). */
    async countKnownInstitutions(ids?: readonly string[]): Promise<number> {
      if (!ids) return KnownInstitution.countDocuments({}).exec();
      const known = await findByIds(KnownInstitution, ids, (condition) =>
        KnownInstitution.find(condition, { _id: 1 }).lean().exec(),
      );
      return known.length;
    },

    async listKnownInstitutions(): Promise<KnownInstitutionDocument[]> {
      return KnownInstitution.find({}).sort({ _id: 1 }).lean<KnownInstitutionDocument[]>().exec();
    },

    async findPhdApplication(id: string): Promise<KnownPhdApplicationDocument | null> {
      return KnownPhdApplication.findById(id).lean<KnownPhdApplicationDocument>().exec();
    },
  };
}

export type KnownReferenceOperations = ReturnType<typeof knownReferenceOperations>;
