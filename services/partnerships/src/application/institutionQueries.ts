import { allOf, findByIds, oneOf, paginateLean } from "@intl/mongo";
import type { SortDirection } from "@intl/mongo";
import type { QueryFilter } from "mongoose";
import type { Zone } from "../domain/countryCodes.ts";
import type { CountryPriority } from "../domain/countryProfile.ts";
import type { PartnershipTier } from "../domain/partnershipCompleteness.ts";
import type { InstitutionDocument } from "../models/institutionModel.ts";
import { ongoingCollaborationsOf } from "../models/researchCollaborationModel.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";
import type { CountryProfiles } from "./countryProfiles.ts";

export interface InstitutionFilter {
  countryCode?: string[] | null;
  zone?: Zone[] | null;
  priority?: CountryPriority[] | null;
  tier?: PartnershipTier[] | null;
  strategic?: boolean | null;
  nameContains?: string | null;
  demo?: boolean | null;
}

export type InstitutionSortField = "NAME" | "COUNTRY" | "CREATED_AT";

export interface InstitutionPage {
  filter?: InstitutionFilter | null;
  sort?: { field: InstitutionSortField; direction: SortDirection } | null;
  first?: number | null;
  after?: string | null;
}

const sortFields: Record<InstitutionSortField, string> = {
  NAME: "sortName",
  COUNTRY: "countryCode",
  CREATED_AT: "createdAt",
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Lists of institutions: paginated, filtered by place, priority, tier, name; sorted. */
export function institutionQueries({ models }: ApplicationDeps, countries: CountryProfiles) {
  const { Institution, Network } = models;

  async function filterFor(
    filter: InstitutionFilter | null | undefined,
  ): Promise<QueryFilter<InstitutionDocument>> {
    const conditions: QueryFilter<InstitutionDocument>[] = [];
    if (filter?.countryCode?.length)
      conditions.push({ countryCode: oneOf(filter.countryCode.map((code) => code.toUpperCase())) });
    if (filter?.zone?.length) conditions.push({ zone: oneOf(filter.zone) });
    if (filter?.priority?.length)
      conditions.push({ countryCode: await countries.countryCodeCondition(filter.priority) });
    // The top-level copies of the partnership's tier and designation (the store pushes them down).
    if (filter?.tier?.length) conditions.push({ tier: oneOf(filter.tier) });
    if (typeof filter?.strategic === "boolean") conditions.push({ strategic: filter.strategic });
    if (filter?.nameContains?.trim()) {
      conditions.push({ name: { $regex: escapeRegExp(filter.nameContains.trim()), $options: "i" } });
    }
    if (typeof filter?.demo === "boolean") conditions.push({ demo: filter.demo });
    return allOf(...(conditions as Record<string, unknown>[])) as QueryFilter<InstitutionDocument>;
  }

  return {
    async listInstitutions(page: InstitutionPage) {
      return paginateLean(Institution, {
        filter: await filterFor(page.filter),
        sort: { field: sortFields[page.sort?.field ?? "NAME"], direction: page.sort?.direction ?? 1 },
        first: page.first ?? null,
        after: page.after ?? null,
      });
    },

    async getInstitutions(ids: readonly string[]): Promise<InstitutionDocument[]> {
      return findByIds(Institution, ids, (condition) =>
        Institution.find(condition).lean<InstitutionDocument[]>().exec(),
      );
    },

    /** Ongoing research collaborations the research service reported for these institutions (read model). */
    async ongoingCollaborationsWith(institutionIds: readonly string[]) {
      return ongoingCollaborationsOf(models, institutionIds);
    },

    /** Networks each institution belongs to, by institution id. */
    async networksOf(institutionIds: readonly string[]) {
      // All of them: a few dozen networks, and a match on the array of members is never pushed down.
      const networks = await Network.find({}).sort({ name: 1 }).lean().exec();
      return institutionIds.map((id) =>
        networks.filter((network) => network.memberInstitutionIds.includes(id)),
      );
    },
  };
}

export type InstitutionQueries = ReturnType<typeof institutionQueries>;
