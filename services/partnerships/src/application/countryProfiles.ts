import { documentKey, findByIds, mapPage, paginateLean } from "@intl/mongo";
import type { SortDirection } from "@intl/mongo";
import type { QueryFilter } from "mongoose";
import type { Zone } from "../domain/countryCodes.ts";
import {
  CountryPriority,
  priorityOf,
  profileCountry,
  requireCountryCode,
  unprofiledCountry,
  type CountryProfile,
  type CountryProfileInput,
} from "../domain/countryProfile.ts";
import type { CountryProfileDocument } from "../models/countryProfileModel.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";
import type { Viewer } from "@intl/auth";
import { requireWriter } from "../domain/access.ts";

export interface CountryFilter {
  zone?: Zone[] | null;
  priority?: CountryPriority[] | null;
  schoolTarget?: boolean | null;
}

export interface CountryPage {
  filter?: CountryFilter | null;
  sort?: { field: "CODE" | "NAME"; direction: SortDirection } | null;
  first?: number | null;
  after?: string | null;
}

function asProfile(document: CountryProfileDocument): CountryProfile {
  const { _id, name, zone, imtPriority, schoolTarget, scores, note } = document;
  return { code: _id, name, zone, imtPriority, schoolTarget, scores, note };
}

/** The stored-field condition for one priority (IMT priority outranks school targeting). */
function priorityCondition(priority: CountryPriority): QueryFilter<CountryProfileDocument> {
  switch (priority) {
    case CountryPriority.IMT_PRIORITY:
      return { imtPriority: true };
    case CountryPriority.SCHOOL_TARGET:
      return { imtPriority: false, schoolTarget: true };
    case CountryPriority.NONE:
      return { imtPriority: false, schoolTarget: false };
  }
}

/** Countries, their zones and priorities, and the office's scores on the seed's selection criteria. */
export function countryProfiles({ models, clock, writeQueue }: ApplicationDeps) {
  const { CountryProfile } = models;

  /**
   * Writes the profile `input` gives, as one upsert: `overwrite` replaces what is stored (the office's
   * edit), else only a country with no profile yet gets it (reference data). FerretDB reads then
   * writes an upsert, so two for one country take turns in the write queue.
   */
  async function writeProfile(viewer: Viewer, input: CountryProfileInput, overwrite: boolean) {
    requireWriter(viewer);
    const profile = profileCountry(input);
    const now = clock();
    const { code, ...fields } = profile;
    const update = overwrite
      ? { $set: { ...fields, updatedAt: now }, $setOnInsert: { createdAt: now } }
      : { $setOnInsert: { ...fields, createdAt: now, updatedAt: now } };
    await writeQueue.run(documentKey(CountryProfile.collection.collectionName, code), () =>
      CountryProfile.updateOne({ _id: code }, update, { upsert: true }).exec(),
    );
    return profile;
  }

  return {
    async setCountryProfile(viewer: Viewer, input: CountryProfileInput): Promise<CountryProfile> {
      return writeProfile(viewer, input, true);
    },

    /** Reference data: the profile as given when the country has none yet; one the office set stays. */
    async ensureCountryProfile(viewer: Viewer, input: CountryProfileInput): Promise<void> {
      await writeProfile(viewer, input, false);
    },

    /** Any assigned code: the office's profile, or the unprofiled country (no priority, no scores). Null for an unassigned code. */
    async getCountry(code: string): Promise<CountryProfile | null> {
      let normalised: string;
      try {
        normalised = requireCountryCode(code, "code");
      } catch {
        return null;
      }
      const document = await CountryProfile.findById(normalised).lean<CountryProfileDocument>().exec();
      return document ? asProfile(document) : unprofiledCountry(normalised);
    },

    async getCountries(codes: readonly string[]): Promise<CountryProfile[]> {
      const documents = await findByIds(CountryProfile, codes, (condition) =>
        CountryProfile.find(condition).lean<CountryProfileDocument[]>().exec(),
      );
      const byCode = new Map(documents.map((document) => [document._id, asProfile(document)]));
      return codes.map((code) => byCode.get(code) ?? unprofiledCountry(code));
    },

    async listCountries(page: CountryPage) {
      const filter: QueryFilter<CountryProfileDocument>[] = [];
      if (page.filter?.zone?.length) filter.push({ zone: { $in: page.filter.zone } });
      if (page.filter?.priority?.length) filter.push({ $or: page.filter.priority.map(priorityCondition) });
      if (typeof page.filter?.schoolTarget === "boolean")
        filter.push({ schoolTarget: page.filter.schoolTarget });
      const connection = await paginateLean(CountryProfile, {
        filter: filter.length > 0 ? { $and: filter } : {},
        sort: { field: page.sort?.field === "NAME" ? "name" : "_id", direction: page.sort?.direction ?? 1 },
        first: page.first ?? null,
        after: page.after ?? null,
      });
      return mapPage(connection, asProfile);
    },

    /**
     * A filter on `countryCode` selecting countries of the given priorities. NONE
     * also matches countries the office never profiled, hence `$nin` then.
     */
    async countryCodeCondition(
      priorities: CountryPriority[],
    ): Promise<{ $in: string[] } | { $nin: string[] }> {
      const profiles = await CountryProfile.find({}, { imtPriority: 1, schoolTarget: 1 })
        .lean<CountryProfileDocument[]>()
        .exec();
      const wanted = new Set(priorities);
      if (wanted.has(CountryPriority.NONE)) {
        return {
          $nin: profiles.filter((profile) => !wanted.has(priorityOf(profile))).map((profile) => profile._id),
        };
      }
      return {
        $in: profiles.filter((profile) => wanted.has(priorityOf(profile))).map((profile) => profile._id),
      };
    },
  };
}

export type CountryProfiles = ReturnType<typeof countryProfiles>;
