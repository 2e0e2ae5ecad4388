import { assertMayReadPersonalData } from "../domain/personalData.ts";
import { assessmentMean, missingSubjectAgreements } from "../domain/phdPosition.ts";
import type { PhdCandidateState, PhdCoSupervisor, PhdPositionState } from "../domain/phdPosition.ts";
import type {
  PhdAssessmentResolvers,
  PhdCandidateResolvers,
  PhdCoSupervisorResolvers,
  PhdPositionResolvers,
} from "../generated/resolvers-types.ts";
import { isoInstant, referencedCentre, referencedFaculty } from "./context.ts";

/** A candidate as the graph shows it: with what its position says about the agreement it needs. */
export interface CandidateView extends PhdCandidateState {
  agreementComplete: boolean;
  needsCoSupervisor: boolean;
}

/** A co-supervisor with their position's id: whom the record of access names (`CO_SUPERVISOR:<position>`). */
export type OwnedCoSupervisor = PhdCoSupervisor & { positionId: string };

function candidateView(position: PhdPositionState, candidate: PhdCandidateState): CandidateView {
  return {
    ...candidate,
    agreementComplete: missingSubjectAgreements(position, candidate).length === 0,
    needsCoSupervisor: position.coSupervisor !== null,
  };
}

export const phdPositionResolvers: PhdPositionResolvers = {
  __resolveReference: (reference, { app, viewer }) => app.getPhdPosition(viewer, reference.id),
  centre: (position, _, context) => referencedCentre(context, position.centreId),
  supervisor: (position, _, context) => referencedFaculty(context, position.supervisorId),
  coSupervisor: (position) => {
    if (!position.coSupervisor) return null;
    const owned: OwnedCoSupervisor = { ...position.coSupervisor, positionId: position.id };
    return owned;
  },
  candidates: (position, _, { viewer }) => {
    assertMayReadPersonalData(viewer, "A PhD position's candidates");
    return position.candidates.map((candidate) => candidateView(position, candidate));
  },
  selectedCandidate: (position, _, { viewer }) => {
    assertMayReadPersonalData(viewer, "A PhD position's selected candidate");
    const selected = position.candidates.find((candidate) => candidate.id === position.selectedCandidateId);
    return selected ? candidateView(position, selected) : null;
  },
  selectedAt: (position) => isoInstant(position.selectedAt),
};

export const phdCoSupervisorResolvers: PhdCoSupervisorResolvers = {
  fullName: (coSupervisor, _, { viewer }) => {
    assertMayReadPersonalData(viewer, "A co-supervisor's name");
    return coSupervisor.fullName;
  },
  institution: (coSupervisor) => ({ id: coSupervisor.institutionId }),
};

export const phdCandidateResolvers: PhdCandidateResolvers = {
  application: (candidate) => (candidate.applicationId ? { id: candidate.applicationId } : null),
  student: (candidate) => (candidate.studentId ? { id: candidate.studentId } : null),
  institution: (candidate) => (candidate.institutionId ? { id: candidate.institutionId } : null),
  subjectAgreement: (candidate) => ({
    candidateAgreedAt: isoInstant(candidate.candidateAgreedAt),
    coSupervisorAgreedAt: isoInstant(candidate.coSupervisorAgreedAt),
    complete: candidate.agreementComplete,
  }),
  addedAt: (candidate) => isoInstant(candidate.addedAt),
};

export const phdAssessmentResolvers: PhdAssessmentResolvers = {
  mean: (assessment) => assessmentMean(assessment),
  assessedBy: (assessment, _, context) => referencedFaculty(context, assessment.assessedBy),
  assessedAt: (assessment) => isoInstant(assessment.assessedAt),
};
