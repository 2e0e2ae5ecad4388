import type { OfficeEvidence, OfficeEvidenceInput } from "../domain/partnershipEvidence.ts";
import type {
  ActionStatus,
  PlannedActionInput,
  StrategicDesignation,
  StrategicDesignationInput,
} from "../domain/strategicPartnership.ts";
import type { PartnershipState } from "../models/institutionModel.ts";
import { isoDateTime, type PartnershipsContext } from "./context.ts";

/** Designations, action plans and evidence are the office's; the standing itself is computed, never written. */
export const partnershipResolvers = {
  Mutation: {
    designateStrategicPartnership: (
      _: unknown,
      { institutionId, input }: { institutionId: string; input: StrategicDesignationInput },
      { app, viewer }: PartnershipsContext,
    ) => {
      return app.designateStrategicPartnership(viewer, institutionId, input);
    },
    withdrawStrategicDesignation: (
      _: unknown,
      { institutionId }: { institutionId: string },
      { app, viewer }: PartnershipsContext,
    ) => {
      return app.withdrawStrategicDesignation(viewer, institutionId);
    },
    addPlannedAction: (
      _: unknown,
      { institutionId, input }: { institutionId: string; input: PlannedActionInput },
      { app, viewer }: PartnershipsContext,
    ) => {
      return app.addPlannedAction(viewer, institutionId, input);
    },
    setPlannedActionStatus: (
      _: unknown,
      { institutionId, actionId, status }: { institutionId: string; actionId: string; status: ActionStatus },
      { app, viewer }: PartnershipsContext,
    ) => {
      return app.setPlannedActionStatus(viewer, institutionId, actionId, status);
    },
    recordPartnershipEvidence: (
      _: unknown,
      { institutionId, input }: { institutionId: string; input: OfficeEvidenceInput },
      { app, viewer }: PartnershipsContext,
    ) => {
      return app.recordPartnershipEvidence(viewer, institutionId, input);
    },
    withdrawPartnershipEvidence: (
      _: unknown,
      { institutionId, evidenceId }: { institutionId: string; evidenceId: string },
      { app, viewer }: PartnershipsContext,
    ) => {
      return app.withdrawPartnershipEvidence(viewer, institutionId, evidenceId);
    },
  },
  Partnership: {
    assessedAt: (partnership: PartnershipState) => isoDateTime(partnership.assessedAt),
  },
  StrategicDesignation: {
    carryingCentre: (designation: StrategicDesignation) => ({ id: designation.carryingCentreId }),
    leadFaculty: (designation: StrategicDesignation) => ({ id: designation.leadFacultyId }),
  },
  OfficeEvidence: {
    recordedAt: (evidence: OfficeEvidence) => isoDateTime(evidence.recordedAt),
  },
};
