import { requireSignedIn } from "@intl/auth";
import { rorUrl } from "../domain/institutionIdentifiers.ts";
import type { Resolvers } from "../generated/resolvers-types.ts";
import { isoDateTime, toSort } from "./context.ts";

/** Reading institutions is for any signed-in role; registering and correcting them for the office. */
export const institutionResolvers: Pick<Resolvers, "Query" | "Mutation" | "Institution"> = {
  Query: {
    institutions: (_, args, { app, viewer }) => {
      requireSignedIn(viewer);
      return app.listInstitutions({
        filter: args.filter ?? null,
        sort: toSort(args.sort),
        first: args.first ?? null,
        after: args.after ?? null,
      });
    },
    institution: (_, { id }, { loaders, viewer }) => {
      requireSignedIn(viewer);
      return loaders.institution.load(id);
    },
    institutionByIdentifier: (_, { kind, value }, { app, viewer }) => {
      requireSignedIn(viewer);
      return app.findInstitutionByIdentifier(kind, value);
    },
  },
  Mutation: {
    registerInstitution: (_, { input }, { app, viewer }) => app.registerInstitution(viewer, input),
    updateInstitution: (_, { id, input }, { app, viewer }) => app.updateInstitution(viewer, id, input),
  },
  Institution: {
    /**
     * By id (our services), or by SCHAC or Erasmus code (other IMT schools): each
     * an equality on an indexed top-level copy of the identifier.
     */
    __resolveReference: (reference, { app, loaders, viewer }) => {
      requireSignedIn(viewer);
      if ("id" in reference) return loaders.institution.load(reference.id);
      // The codes are nullable fields: a school holding no code for an institution cannot reach it by one.
      if ("schacCode" in reference)
        return reference.schacCode ? app.findInstitutionByIdentifier("SCHAC", reference.schacCode) : null;
      return reference.erasmusCode ? app.findInstitutionByIdentifier("ERASMUS", reference.erasmusCode) : null;
    },
    id: (institution) => institution._id,
    schacCode: (institution) => institution.identifiers.schac ?? null,
    erasmusCode: (institution) => institution.identifiers.erasmus ?? null,
    country: (institution, _, { loaders }) => loaders.country.load(institution.countryCode),
    identifiers: (institution) => ({
      schac: institution.identifiers.schac ?? null,
      erasmus: institution.identifiers.erasmus ?? null,
      pic: institution.identifiers.pic ?? null,
      ror: institution.identifiers.ror ?? null,
      rorUrl: rorUrl(institution.identifiers.ror ?? null),
    }),
    agreements: async (institution, { status }, { loaders }) => {
      const agreements = await loaders.agreementsOfInstitution.load(institution._id);
      return status?.length
        ? agreements.filter((agreement) => status.includes(agreement.status))
        : agreements;
    },
    partnership: (institution) => institution.partnership,
    networks: (institution, _, { loaders }) => loaders.networksOfInstitution.load(institution._id),
    createdAt: (institution) => isoDateTime(institution.createdAt),
    updatedAt: (institution) => isoDateTime(institution.updatedAt),
  },
};
