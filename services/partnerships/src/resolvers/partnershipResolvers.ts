import type { Resolvers } from "../generated/resolvers-types.ts";
import { isoDateTime } from "./context.ts";

/** Designations, action plans and evidence are the office's; the standing itself is computed, never written. */
export const partnershipResolvers: Pick<
  Resolvers,
  "Mutation" | "Partnership" | "StrategicDesignation" | "OfficeEvidence"
> = {
  Mutation: {
    designateStrategicPartnership: (_, { institutionId, input }, { app, viewer }) =>
      app.designateStrategicPartnership(viewer, institutionId, input),
    withdrawStrategicDesignation: (_, { institutionId }, { app, viewer }) =>
      app.withdrawStrategicDesignation(viewer, institutionId),
    addPlannedAction: (_, { institutionId, input }, { app, viewer }) =>
      app.addPlannedAction(viewer, institutionId, input),
    setPlannedActionStatus: (_, { institutionId, actionId, status }, { app, viewer }) =>
      app.setPlannedActionStatus(viewer, institutionId, actionId, status),
    recordPartnershipEvidence: (_, { institutionId, input }, { app, viewer }) =>
      app.recordPartnershipEvidence(viewer, institutionId, input),
    withdrawPartnershipEvidence: (_, { institutionId, evidenceId }, { app, viewer }) =>
      app.withdrawPartnershipEvidence(viewer, institutionId, evidenceId),
  },
  Partnership: {
    assessedAt: (partnership) => isoDateTime(partnership.assessedAt),
  },
  StrategicDesignation: {
    carryingCentre: (designation) => ({ id: designation.carryingCentreId }),
    leadFaculty: (designation) => ({ id: designation.leadFacultyId }),
  },
  OfficeEvidence: {
    recordedAt: (evidence) => isoDateTime(evidence.recordedAt),
  },
};
