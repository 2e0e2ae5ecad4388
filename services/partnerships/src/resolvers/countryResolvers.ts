import { requireSignedIn } from "@intl/auth";
import { feasibilityScore, overallScore, priorityOf } from "../domain/countryProfile.ts";
import type { Resolvers } from "../generated/resolvers-types.ts";
import { toSort } from "./context.ts";

/** Countries are public; their partner institutions are for signed-in viewers. */
export const countryResolvers: Pick<Resolvers, "Query" | "Mutation" | "Country" | "CountryScores"> = {
  Query: {
    countries: (_, args, { app }) =>
      app.listCountries({
        filter: args.filter ?? null,
        sort: toSort(args.sort),
        first: args.first ?? null,
        after: args.after ?? null,
      }),
    country: (_, { code }, { app }) => app.getCountry(code),
  },
  Mutation: {
    setCountryProfile: (_, { input }, { app, viewer }) => app.setCountryProfile(viewer, input),
  },
  Country: {
    __resolveReference: ({ code }, { app }) => app.getCountry(code),
    priority: (country) => priorityOf(country),
    institutions: (country, args, { app, viewer }) => {
      requireSignedIn(viewer);
      return app.listInstitutions({
        filter: { countryCode: [country.code] },
        first: args.first ?? null,
        after: args.after ?? null,
      });
    },
  },
  CountryScores: {
    overall: (scores) => overallScore(scores),
    feasibility: (scores) => ({ ...scores.feasibility, average: feasibilityScore(scores) }),
  },
};
