import { requireSignedIn } from "@intl/auth";
import type { CountryFilter } from "../application/countryProfiles.ts";
import {
  feasibilityScore,
  overallScore,
  priorityOf,
  type CountryProfile,
  type CountryProfileInput,
  type CountryScores,
} from "../domain/countryProfile.ts";
import { toSort, type PartnershipsContext, type SortInput } from "./context.ts";

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Countries are public; their partner institutions are for signed-in viewers. */
export const countryResolvers = {
  Query: {
    countries: (
      _: unknown,
      args: PageArgs & { filter?: CountryFilter | null; sort?: SortInput<"CODE" | "NAME"> },
      { app }: PartnershipsContext,
    ) =>
      app.listCountries({
        filter: args.filter ?? null,
        sort: toSort(args.sort),
        first: args.first ?? null,
        after: args.after ?? null,
      }),
    country: (_: unknown, { code }: { code: string }, { app }: PartnershipsContext) => app.getCountry(code),
  },
  Mutation: {
    setCountryProfile: (
      _: unknown,
      { input }: { input: CountryProfileInput },
      { app, viewer }: PartnershipsContext,
    ) => {
      return app.setCountryProfile(viewer, input);
    },
  },
  Country: {
    __resolveReference: ({ code }: { code: string }, { app }: PartnershipsContext) => app.getCountry(code),
    priority: (country: CountryProfile) => priorityOf(country),
    institutions: (country: CountryProfile, args: PageArgs, { app, viewer }: PartnershipsContext) => {
      requireSignedIn(viewer);
      return app.listInstitutions({
        filter: { countryCode: [country.code] },
        first: args.first ?? null,
        after: args.after ?? null,
      });
    },
  },
  CountryScores: {
    overall: (scores: CountryScores) => overallScore(scores),
    feasibility: (scores: CountryScores) => ({ ...scores.feasibility, average: feasibilityScore(scores) }),
  },
};
