import { requireSignedIn } from "@intl/auth";
import type { AgreementFilter } from "../application/agreementQueries.ts";
import type { PartnershipsContext } from "./context.ts";

/** Aggregates are open to every signed-in role (they hold no personal data). */
export const analyticsResolvers = {
  Query: {
    agreementStats: (
      _: unknown,
      {
        filter,
      }: { filter?: Pick<AgreementFilter, "status" | "type" | "zone" | "academicYear" | "demo"> | null },
      { app, viewer }: PartnershipsContext,
    ) => {
      requireSignedIn(viewer);
      return app.agreementStats(filter ?? null);
    },
    partnershipTargets: (_: unknown, __: unknown, { app, viewer }: PartnershipsContext) => {
      requireSignedIn(viewer);
      return app.partnershipTargets();
    },
  },
};
