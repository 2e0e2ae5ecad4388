import { requireSignedIn } from "@intl/auth";
import type { DraftAgreementInput } from "../application/agreementBook.ts";
import type { AgreementFilter, AgreementSortField } from "../application/agreementQueries.ts";
import type { ActivationInput } from "../domain/agreementLifecycle.ts";
import type { AgreementTermsInput } from "../domain/agreementTerms.ts";
import {
  isoDateTime,
  toSort,
  type AgreementDocument,
  type PartnershipsContext,
  type SortInput,
} from "./context.ts";

/** Reading agreements is for any signed-in role; drafting and moving them along the lifecycle for the office. */
export const agreementResolvers = {
  Query: {
    agreements: (
      _: unknown,
      args: {
        filter?: AgreementFilter | null;
        sort?: SortInput<AgreementSortField>;
        first?: number | null;
        after?: string | null;
      },
      { app, viewer }: PartnershipsContext,
    ) => {
      requireSignedIn(viewer);
      return app.listAgreements({
        filter: args.filter ?? null,
        sort: toSort(args.sort),
        first: args.first ?? null,
        after: args.after ?? null,
      });
    },
    agreement: (_: unknown, { id }: { id: string }, { loaders, viewer }: PartnershipsContext) => {
      requireSignedIn(viewer);
      return loaders.agreement.load(id);
    },
  },
  Mutation: {
    draftAgreement: (
      _: unknown,
      { input }: { input: DraftAgreementInput },
      { app, viewer }: PartnershipsContext,
    ) => {
      return app.draftAgreement(viewer, input);
    },
    amendDraftAgreement: (
      _: unknown,
      { id, input }: { id: string; input: AgreementTermsInput },
      { app, viewer }: PartnershipsContext,
    ) => {
      return app.amendDraftAgreement(viewer, id, input);
    },
    activateAgreement: (
      _: unknown,
      { id, input }: { id: string; input?: ActivationInput | null },
      { app, viewer }: PartnershipsContext,
    ) => {
      return app.activateAgreement(viewer, id, input ?? {});
    },
    renewAgreement: (
      _: unknown,
      { id, input }: { id: string; input: { lastAcademicYear: string } },
      { app, viewer }: PartnershipsContext,
    ) => {
      return app.renewAgreement(viewer, id, input);
    },
    terminateAgreement: (
      _: unknown,
      { id, input }: { id: string; input: { terminatedOn?: string | null; reason: string } },
      { app, viewer }: PartnershipsContext,
    ) => {
      return app.terminateAgreement(viewer, id, input);
    },
  },
  Agreement: {
    __resolveReference: ({ id }: { id: string }, { loaders, viewer }: PartnershipsContext) => {
      requireSignedIn(viewer);
      return loaders.agreement.load(id);
    },
    id: (agreement: AgreementDocument) => agreement._id,
    institution: (agreement: AgreementDocument, _: unknown, { loaders }: PartnershipsContext) =>
      loaders.institution.load(agreement.institutionId),
    createdAt: (agreement: AgreementDocument) => isoDateTime(agreement.createdAt),
    updatedAt: (agreement: AgreementDocument) => isoDateTime(agreement.updatedAt),
  },
};
