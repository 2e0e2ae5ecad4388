import { requireSignedIn } from "@intl/auth";
import type { InstitutionFilter, InstitutionSortField } from "../application/institutionQueries.ts";
import type { AgreementStatus } from "../domain/agreementLifecycle.ts";
import { rorUrl, type IdentifierKind } from "../domain/institutionIdentifiers.ts";
import type { InstitutionDetailsInput } from "../domain/institutionRegistration.ts";
import {
  isoDateTime,
  toSort,
  type InstitutionDocument,
  type PartnershipsContext,
  type SortInput,
} from "./context.ts";

/** Reading institutions is for any signed-in role; registering and correcting them for the office. */
export const institutionResolvers = {
  Query: {
    institutions: (
      _: unknown,
      args: {
        filter?: InstitutionFilter | null;
        sort?: SortInput<InstitutionSortField>;
        first?: number | null;
        after?: string | null;
      },
      { app, viewer }: PartnershipsContext,
    ) => {
      requireSignedIn(viewer);
      return app.listInstitutions({
        filter: args.filter ?? null,
        sort: toSort(args.sort),
        first: args.first ?? null,
        after: args.after ?? null,
      });
    },
    institution: (_: unknown, { id }: { id: string }, { loaders, viewer }: PartnershipsContext) => {
      requireSignedIn(viewer);
      return loaders.institution.load(id);
    },
    institutionByIdentifier: (
      _: unknown,
      { kind, value }: { kind: IdentifierKind; value: string },
      { app, viewer }: PartnershipsContext,
    ) => {
      requireSignedIn(viewer);
      return app.findInstitutionByIdentifier(kind, value);
    },
  },
  Mutation: {
    registerInstitution: (
      _: unknown,
      { input }: { input: InstitutionDetailsInput },
      { app, viewer }: PartnershipsContext,
    ) => {
      return app.registerInstitution(viewer, input);
    },
    updateInstitution: (
      _: unknown,
      { id, input }: { id: string; input: InstitutionDetailsInput },
      { app, viewer }: PartnershipsContext,
    ) => {
      return app.updateInstitution(viewer, id, input);
    },
  },
  Institution: {
    /**
     * By id (our services), or by SCHAC or Erasmus code (other IMT schools): each
     * an equality on an indexed top-level copy of the identifier.
     */
    __resolveReference: (
      reference: { id: string } | { schacCode: string } | { erasmusCode: string },
      { app, loaders, viewer }: PartnershipsContext,
    ) => {
      requireSignedIn(viewer);
      if ("id" in reference) return loaders.institution.load(reference.id);
      if ("schacCode" in reference) return app.findInstitutionByIdentifier("SCHAC", reference.schacCode);
      return app.findInstitutionByIdentifier("ERASMUS", reference.erasmusCode);
    },
    id: (institution: InstitutionDocument) => institution._id,
    schacCode: (institution: InstitutionDocument) => institution.identifiers.schac ?? null,
    erasmusCode: (institution: InstitutionDocument) => institution.identifiers.erasmus ?? null,
    country: (institution: InstitutionDocument, _: unknown, { loaders }: PartnershipsContext) =>
      loaders.country.load(institution.countryCode),
    identifiers: (institution: InstitutionDocument) => ({
      schac: institution.identifiers.schac ?? null,
      erasmus: institution.identifiers.erasmus ?? null,
      pic: institution.identifiers.pic ?? null,
      ror: institution.identifiers.ror ?? null,
      rorUrl: rorUrl(institution.identifiers.ror ?? null),
    }),
    agreements: async (
      institution: InstitutionDocument,
      { status }: { status?: AgreementStatus[] | null },
      { loaders }: PartnershipsContext,
    ) => {
      const agreements = await loaders.agreementsOfInstitution.load(institution._id);
      return status?.length
        ? agreements.filter((agreement) => status.includes(agreement.status))
        : agreements;
    },
    partnership: (institution: InstitutionDocument) => institution.partnership,
    networks: (institution: InstitutionDocument, _: unknown, { loaders }: PartnershipsContext) =>
      loaders.networksOfInstitution.load(institution._id),
    createdAt: (institution: InstitutionDocument) => isoDateTime(institution.createdAt),
    updatedAt: (institution: InstitutionDocument) => isoDateTime(institution.updatedAt),
  },
};
