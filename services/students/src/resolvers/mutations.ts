import type { Decision } from "../domain/applicationWorkflow.ts";
import type {
  LearningAgreementAmendment,
  LearningAgreementCourse,
  TranscriptEntry,
} from "../domain/creditRecognition.ts";
import type { MobilityPlan } from "../domain/mobilityPlanning.ts";
import type { NominationInput } from "../domain/nomination.ts";
import type { CriterionScore } from "../domain/reviewScores.ts";
import type { StudentRegistration } from "../domain/studentRegistration.ts";
import type { StudentsApp } from "../application/studentsApp.ts";
import type { StudentsContext } from "./context.ts";

type Id = { id: string };

/** GraphQL leaves an omitted nullable input field out; the domain wants an explicit null. */
function nominationFrom(input: NominationInput): NominationInput {
  return {
    ...input,
    dossier: { ...input.dossier, languageCertificate: input.dossier.languageCertificate ?? null },
  };
}

export function mutationResolvers(app: StudentsApp) {
  return {
    registerStudent: (_: unknown, args: { input: StudentRegistration }, context: StudentsContext) =>
      app.registerStudent(context.viewer, args.input),
    submitNomination: (_: unknown, args: { input: NominationInput }, context: StudentsContext) =>
      app.submitNomination(context.viewer, nominationFrom(args.input)),
    startApplicationReview: (_: unknown, args: Id, context: StudentsContext) =>
      app.startApplicationReview(context.viewer, args.id),
    scoreApplication: (
      _: unknown,
      args: Id & { input: { scores: CriterionScore[]; comment?: string | null } },
      context: StudentsContext,
    ) => app.scoreApplication(context.viewer, args.id, args.input),
    sendApplicationToInterview: (_: unknown, args: Id, context: StudentsContext) =>
      app.sendApplicationToInterview(context.viewer, args.id),
    decideApplication: (
      _: unknown,
      args: Id & { decision: Decision; comment?: string | null },
      context: StudentsContext,
    ) => app.decideApplication(context.viewer, args.id, args.decision, args.comment),
    withdrawApplication: (_: unknown, args: Id & { reason?: string | null }, context: StudentsContext) =>
      app.withdrawApplication(context.viewer, args.id, args.reason),
    enrolAdmittedCandidate: (_: unknown, args: { applicationId: string }, context: StudentsContext) =>
      app.enrolAdmittedCandidate(context.viewer, args.applicationId),
    planMobility: (_: unknown, args: { input: MobilityPlan }, context: StudentsContext) =>
      app.planMobility(context.viewer, args.input),
    completeMobility: (_: unknown, args: Id, context: StudentsContext) =>
      app.completeMobility(context.viewer, args.id),
    cancelMobility: (_: unknown, args: Id & { reason?: string | null }, context: StudentsContext) =>
      app.cancelMobility(context.viewer, args.id, args.reason),
    setLearningAgreement: (
      _: unknown,
      args: { mobilityId: string; input: { courses: LearningAgreementCourse[] } },
      context: StudentsContext,
    ) => app.setLearningAgreement(context.viewer, args.mobilityId, args.input),
    amendLearningAgreement: (
      _: unknown,
      args: { mobilityId: string; input: LearningAgreementAmendment },
      context: StudentsContext,
    ) =>
      app.amendLearningAgreement(context.viewer, args.mobilityId, {
        add: args.input.add ?? [],
        remove: args.input.remove ?? [],
        reason: args.input.reason,
      }),
    recordTranscript: (
      _: unknown,
      args: { mobilityId: string; input: { entries: TranscriptEntry[] } },
      context: StudentsContext,
    ) => app.recordTranscript(context.viewer, args.mobilityId, args.input),
    eraseStudent: (_: unknown, args: Id, context: StudentsContext) =>
      app.eraseStudent(context.viewer, args.id),
  };
}
