import { requireSignedIn } from "@intl/auth";
import type { Resolvers } from "../generated/resolvers-types.ts";

/** Aggregates are open to every signed-in role (they hold no personal data). */
export const analyticsResolvers: Pick<Resolvers, "Query"> = {
  Query: {
    agreementStats: (_, { filter }, { app, viewer }) => {
      requireSignedIn(viewer);
      return app.agreementStats(filter ?? null);
    },
    partnershipTargets: (_, __, { app, viewer }) => {
      requireSignedIn(viewer);
      return app.partnershipTargets();
    },
  },
};
