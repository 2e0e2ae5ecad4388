import { allOf, findByIds, findWhereIn, oneOf, paginateLean } from "@intl/mongo";
import type { SortDirection } from "@intl/mongo";
import type { QueryFilter } from "mongoose";
import { isAcademicYear } from "../domain/academicYear.ts";
import type { AgreementStatus } from "../domain/agreementLifecycle.ts";
import type { AgreementType } from "../domain/agreementTerms.ts";
import type { Zone } from "../domain/countryCodes.ts";
import type { CountryPriority } from "../domain/countryProfile.ts";
import { PartnershipsReason } from "../domain/errors.ts";
import type { AgreementDocument } from "../models/agreementModel.ts";
import { badInput } from "@intl/errors";
import type { ApplicationDeps } from "./applicationDeps.ts";
import type { CountryProfiles } from "./countryProfiles.ts";

export interface AgreementFilter {
  institutionId?: string | null;
  countryCode?: string[] | null;
  zone?: Zone[] | null;
  priority?: CountryPriority[] | null;
  status?: AgreementStatus[] | null;
  type?: AgreementType[] | null;
  academicYear?: string | null;
  programmeCode?: string | null;
  demo?: boolean | null;
}

export type AgreementSortField = "CREATED_AT" | "FIRST_ACADEMIC_YEAR" | "LAST_ACADEMIC_YEAR" | "COUNTRY";

export interface AgreementPage {
  filter?: AgreementFilter | null;
  sort?: { field: AgreementSortField; direction: SortDirection } | null;
  first?: number | null;
  after?: string | null;
}

const sortFields: Record<AgreementSortField, string> = {
  CREATED_AT: "createdAt",
  FIRST_ACADEMIC_YEAR: "firstAcademicYear",
  LAST_ACADEMIC_YEAR: "lastAcademicYear",
  COUNTRY: "countryCode",
};

/** Lists of agreements: paginated, filtered by place, priority, status, type, year, programme; sorted. */
export function agreementQueries({ models }: ApplicationDeps, countries: CountryProfiles) {
  const { Agreement } = models;

  /** The store filter for an agreement filter; shared with the analysts' aggregates. */
  async function agreementFilter(
    filter: AgreementFilter | null | undefined,
  ): Promise<QueryFilter<AgreementDocument>> {
    const conditions: QueryFilter<AgreementDocument>[] = [];
    if (filter?.institutionId) conditions.push({ institutionId: filter.institutionId });
    if (filter?.countryCode?.length)
      conditions.push({ countryCode: oneOf(filter.countryCode.map((code) => code.toUpperCase())) });
    if (filter?.zone?.length) conditions.push({ zone: oneOf(filter.zone) });
    if (filter?.priority?.length)
      conditions.push({ countryCode: await countries.countryCodeCondition(filter.priority) });
    if (filter?.status?.length) conditions.push({ status: oneOf(filter.status) });
    if (filter?.type?.length) conditions.push({ type: oneOf(filter.type) });
    if (filter?.academicYear) {
      if (!isAcademicYear(filter.academicYear)) {
        throw badInput(
          PartnershipsReason.ACADEMIC_YEAR_INVALID,
          "filter.academicYear",
          "filter.academicYear must be like 2025-2026",
        );
      }
      conditions.push({
        firstAcademicYear: { $lte: filter.academicYear },
        lastAcademicYear: { $gte: filter.academicYear },
      });
    }
    if (filter?.programmeCode) conditions.push({ programmeCodes: filter.programmeCode.toUpperCase() });
    if (typeof filter?.demo === "boolean") conditions.push({ demo: filter.demo });
    return allOf(...(conditions as Record<string, unknown>[])) as QueryFilter<AgreementDocument>;
  }

  return {
    agreementFilter,

    async listAgreements(page: AgreementPage) {
      return paginateLean(Agreement, {
        filter: await agreementFilter(page.filter),
        sort: { field: sortFields[page.sort?.field ?? "CREATED_AT"], direction: page.sort?.direction ?? -1 },
        first: page.first ?? null,
        after: page.after ?? null,
      });
    },

    async getAgreements(ids: readonly string[]): Promise<AgreementDocument[]> {
      return findByIds(Agreement, ids, (condition) =>
        Agreement.find(condition).lean<AgreementDocument[]>().exec(),
      );
    },

    /** Agreements of each institution, newest first. */
    async agreementsOf(
      institutionIds: readonly string[],
      statuses: readonly AgreementStatus[] | null,
    ): Promise<AgreementDocument[][]> {
      const agreements = await findWhereIn(Agreement, "institutionId", institutionIds, (condition) =>
        Agreement.find({ ...condition, ...(statuses?.length ? { status: { $in: [...statuses] } } : {}) })
          .sort({ createdAt: -1, _id: -1 })
          .lean<AgreementDocument[]>()
          .exec(),
      );
      const byInstitution = new Map(institutionIds.map((id) => [id, [] as AgreementDocument[]]));
      for (const agreement of agreements) byInstitution.get(agreement.institutionId)?.push(agreement);
      return institutionIds.map((id) => byInstitution.get(id)!.sort(newestFirst));
    },
  };
}

export type AgreementQueries = ReturnType<typeof agreementQueries>;

/** Newest first, `_id` as the tie-break (the order of an institution's agreements). */
function newestFirst(a: AgreementDocument, b: AgreementDocument): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0);
}
