import DataLoader from "dataloader";
import { DomainError, ErrorKind } from "@intl/errors";
import { sortDirection, type SortDirection } from "@intl/mongo";
import { createByIdLoader, type BaseContext } from "@intl/subgraph";
import type { PartnershipsApp } from "../application/partnershipsApp.ts";
import type { CountryProfile } from "../domain/countryProfile.ts";
import { PartnershipsReason } from "../domain/errors.ts";
import type { AgreementDocument } from "../models/agreementModel.ts";
import type { InstitutionDocument } from "../models/institutionModel.ts";
import type { NetworkDocument } from "../models/networkModel.ts";

/** Per-request loaders: one store round trip per tick, whatever the query's shape. */
function createLoaders(app: PartnershipsApp) {
  return {
    institution: createByIdLoader(async (ids) =>
      (await app.getInstitutions(ids)).map((institution) => ({ ...institution, id: institution._id })),
    ),
    agreement: createByIdLoader(async (ids) =>
      (await app.getAgreements(ids)).map((agreement) => ({ ...agreement, id: agreement._id })),
    ),
    country: new DataLoader<string, CountryProfile>((codes) => app.getCountries(codes)),
    agreementsOfInstitution: new DataLoader<string, AgreementDocument[]>((ids) =>
      app.agreementsOf(ids, null),
    ),
    networksOfInstitution: new DataLoader<string, NetworkDocument[]>((ids) => app.networksOf(ids)),
  };
}

export interface PartnershipsContext extends BaseContext {
  app: PartnershipsApp;
  loaders: ReturnType<typeof createLoaders>;
}

export function buildPartnershipsContext(app: PartnershipsApp) {
  return (base: BaseContext): PartnershipsContext => ({ ...base, app, loaders: createLoaders(app) });
}

export type SortInput<F extends string> = { field: F; direction: "ASC" | "DESC" } | null | undefined;

export function toSort<F extends string>(sort: SortInput<F>): { field: F; direction: SortDirection } | null {
  return sort ? { field: sort.field, direction: sortDirection(sort.direction) } : null;
}

/** ISO 8601 for a stored instant (a string for an instant that is always set). */
export function isoDateTime(value: Date | string): string;
export function isoDateTime(value: Date | string | null | undefined): string | null;
export function isoDateTime(value: Date | string | null | undefined): string | null {
  return value === null || value === undefined ? null : new Date(value).toISOString();
}

/**
 * The institution an agreement belongs to, for the non-null `Agreement.institution`: an agreement
 * is drafted for an institution that exists, and institutions are never deleted, so a miss is a
 * broken invariant, answered with a coded NOT_FOUND rather than a null the schema forbids.
 */
export async function referencedInstitution(
  context: { loaders: Pick<PartnershipsContext["loaders"], "institution"> },
  id: string,
) {
  const institution = await context.loaders.institution.load(id);
  if (!institution) {
    throw new DomainError(
      ErrorKind.NOT_FOUND,
      PartnershipsReason.INSTITUTION_NOT_FOUND,
      `No institution ${id}.`,
      { details: { id } },
    );
  }
  return institution;
}

export type { InstitutionDocument, AgreementDocument };
