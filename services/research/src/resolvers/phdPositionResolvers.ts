import { assertMayReadPersonalData } from "../domain/personalData.ts";
import { assessmentMean, missingSubjectAgreements } from "../domain/phdPosition.ts";
import type {
  PhdAssessment,
  PhdCandidateState,
  PhdCoSupervisor,
  PhdPositionState,
} from "../domain/phdPosition.ts";
import { isoInstant } from "./context.ts";
import type { ResearchContext } from "./context.ts";

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- GraphQL has validated the arguments

/** A candidate as the graph shows it: with what its position says about the agreement it needs. */
export interface CandidateView extends PhdCandidateState {
  agreementComplete: boolean;
  needsCoSupervisor: boolean;
}

function candidateView(position: PhdPositionState, candidate: PhdCandidateState): CandidateView {
  return {
    ...candidate,
    agreementComplete: missingSubjectAgreements(position, candidate).length === 0,
    needsCoSupervisor: position.coSupervisor !== null,
  };
}

export const phdPositionResolvers = {
  __resolveReference: (reference: { id: string }, { app, viewer }: ResearchContext) =>
    app.getPhdPosition(viewer, reference.id),
  centre: (position: PhdPositionState, _: Args, { loaders }: ResearchContext) =>
    loaders.centre.load(position.centreId),
  supervisor: (position: PhdPositionState, _: Args, { loaders }: ResearchContext) =>
    loaders.faculty.load(position.supervisorId),
  candidates: (position: PhdPositionState, _: Args, { viewer }: ResearchContext) => {
    assertMayReadPersonalData(viewer, "A PhD position's candidates");
    return position.candidates.map((candidate) => candidateView(position, candidate));
  },
  selectedCandidate: (position: PhdPositionState, _: Args, { viewer }: ResearchContext) => {
    assertMayReadPersonalData(viewer, "A PhD position's selected candidate");
    const selected = position.candidates.find((candidate) => candidate.id === position.selectedCandidateId);
    return selected ? candidateView(position, selected) : null;
  },
  selectedAt: (position: PhdPositionState) => isoInstant(position.selectedAt),
};

export const phdCoSupervisorResolvers = {
  fullName: (coSupervisor: PhdCoSupervisor, _: Args, { viewer }: ResearchContext) => {
    assertMayReadPersonalData(viewer, "A co-supervisor's name");
    return coSupervisor.fullName;
  },
  institution: (coSupervisor: PhdCoSupervisor) => ({ id: coSupervisor.institutionId }),
};

export const phdCandidateResolvers = {
  application: (candidate: CandidateView) =>
    candidate.applicationId ? { id: candidate.applicationId } : null,
  student: (candidate: CandidateView) => (candidate.studentId ? { id: candidate.studentId } : null),
  institution: (candidate: CandidateView) =>
    candidate.institutionId ? { id: candidate.institutionId } : null,
  subjectAgreement: (candidate: CandidateView) => ({
    candidateAgreedAt: isoInstant(candidate.candidateAgreedAt),
    coSupervisorAgreedAt: isoInstant(candidate.coSupervisorAgreedAt),
    complete: candidate.agreementComplete,
  }),
  addedAt: (candidate: CandidateView) => isoInstant(candidate.addedAt),
};

export const phdAssessmentResolvers = {
  mean: (assessment: PhdAssessment) => assessmentMean(assessment),
  assessedBy: (assessment: PhdAssessment, _: Args, { loaders }: ResearchContext) =>
    loaders.faculty.load(assessment.assessedBy),
  assessedAt: (assessment: PhdAssessment) => isoInstant(assessment.assessedAt),
};
