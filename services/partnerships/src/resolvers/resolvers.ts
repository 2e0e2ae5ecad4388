import type { SubgraphResolvers } from "@intl/subgraph";
import type { Resolvers } from "../generated/resolvers-types.ts";
import type { PartnershipsContext } from "./context.ts";
import { agreementResolvers } from "./agreementResolvers.ts";
import { analyticsResolvers } from "./analyticsResolvers.ts";
import { countryResolvers } from "./countryResolvers.ts";
import { institutionResolvers } from "./institutionResolvers.ts";
import { networkResolvers } from "./networkResolvers.ts";
import { partnershipResolvers } from "./partnershipResolvers.ts";

/** Every resolver of the partnerships subgraph, by type. */
const typedResolvers: Resolvers = {
  Query: {
    ...countryResolvers.Query,
    ...institutionResolvers.Query,
    ...agreementResolvers.Query,
    ...networkResolvers.Query,
    ...analyticsResolvers.Query,
  },
  Mutation: {
    ...countryResolvers.Mutation,
    ...institutionResolvers.Mutation,
    ...agreementResolvers.Mutation,
    ...partnershipResolvers.Mutation,
    ...networkResolvers.Mutation,
  },
  Country: countryResolvers.Country,
  CountryScores: countryResolvers.CountryScores,
  Institution: institutionResolvers.Institution,
  Agreement: agreementResolvers.Agreement,
  Partnership: partnershipResolvers.Partnership,
  StrategicDesignation: partnershipResolvers.StrategicDesignation,
  OfficeEvidence: partnershipResolvers.OfficeEvidence,
  Network: networkResolvers.Network,
  SchoolLabel: networkResolvers.SchoolLabel,
};

/**
 * Checked field by field against the schema above; Apollo's own map type reads every entry as
 * `(parent, args, context)`, which `__resolveReference(reference, context)` is not, hence the cast.
 */
export const resolvers = typedResolvers as SubgraphResolvers<PartnershipsContext>;
