import { requireSignedIn } from "@intl/auth";
import type { Resolvers } from "../generated/resolvers-types.ts";
import { isoDateTime, referencedInstitution, toSort } from "./context.ts";

/** Reading agreements is for any signed-in role; drafting and moving them along the lifecycle for the office. */
export const agreementResolvers: Pick<Resolvers, "Query" | "Mutation" | "Agreement"> = {
  Query: {
    agreements: (_, args, { app, viewer }) => {
      requireSignedIn(viewer);
      return app.listAgreements({
        filter: args.filter ?? null,
        sort: toSort(args.sort),
        first: args.first ?? null,
        after: args.after ?? null,
      });
    },
    agreement: (_, { id }, { loaders, viewer }) => {
      requireSignedIn(viewer);
      return loaders.agreement.load(id);
    },
  },
  Mutation: {
    draftAgreement: (_, { input }, { app, viewer }) => app.draftAgreement(viewer, input),
    amendDraftAgreement: (_, { id, input }, { app, viewer }) => app.amendDraftAgreement(viewer, id, input),
    activateAgreement: (_, { id, input }, { app, viewer }) => app.activateAgreement(viewer, id, input ?? {}),
    renewAgreement: (_, { id, input }, { app, viewer }) => app.renewAgreement(viewer, id, input),
    terminateAgreement: (_, { id, input }, { app, viewer }) => app.terminateAgreement(viewer, id, input),
  },
  Agreement: {
    __resolveReference: ({ id }, { loaders, viewer }) => {
      requireSignedIn(viewer);
      return loaders.agreement.load(id);
    },
    id: (agreement) => agreement._id,
    institution: (agreement, _, context) => referencedInstitution(context, agreement.institutionId),
    createdAt: (agreement) => isoDateTime(agreement.createdAt),
    updatedAt: (agreement) => isoDateTime(agreement.updatedAt),
  },
};
