import type { LearningAgreementCourse } from "../domain/creditRecognition.ts";
import type { NominationInput } from "../domain/nomination.ts";
import type { StudentsApp } from "../application/studentsApp.ts";
import type {
  LearningAgreementCourseInput,
  MutationResolvers,
  SubmitNominationInput,
} from "../generated/resolvers-types.ts";

// GraphQL leaves an omitted nullable input field out (or passes the client's explicit null); the
// domain wants an explicit null for these, and a missing status rather than a null one.

function nominationFrom(input: SubmitNominationInput): NominationInput {
  return {
    ...input,
    dossier: { ...input.dossier, languageCertificate: input.dossier.languageCertificate ?? null },
  };
}

function coursesFrom(courses: LearningAgreementCourseInput[]): LearningAgreementCourse[] {
  return courses.map((course) => ({ ...course, homeEquivalent: course.homeEquivalent ?? null }));
}

export function mutationResolvers(app: StudentsApp): MutationResolvers {
  return {
    registerStudent: (_, args, context) =>
      app.registerStudent(context.viewer, { ...args.input, status: args.input.status ?? undefined }),
    submitNomination: (_, args, context) => app.submitNomination(context.viewer, nominationFrom(args.input)),
    startApplicationReview: (_, args, context) => app.startApplicationReview(context.viewer, args.id),
    scoreApplication: (_, args, context) => app.scoreApplication(context.viewer, args.id, args.input),
    sendApplicationToInterview: (_, args, context) => app.sendApplicationToInterview(context.viewer, args.id),
    decideApplication: (_, args, context) =>
      app.decideApplication(context.viewer, args.id, args.decision, args.comment),
    withdrawApplication: (_, args, context) => app.withdrawApplication(context.viewer, args.id, args.reason),
    enrolAdmittedCandidate: (_, args, context) =>
      app.enrolAdmittedCandidate(context.viewer, args.applicationId),
    planMobility: (_, args, context) => app.planMobility(context.viewer, args.input),
    completeMobility: (_, args, context) => app.completeMobility(context.viewer, args.id),
    cancelMobility: (_, args, context) => app.cancelMobility(context.viewer, args.id, args.reason),
    setLearningAgreement: (_, args, context) =>
      app.setLearningAgreement(context.viewer, args.mobilityId, { courses: coursesFrom(args.input.courses) }),
    amendLearningAgreement: (_, args, context) =>
      app.amendLearningAgreement(context.viewer, args.mobilityId, {
        add: coursesFrom(args.input.add ?? []),
        remove: args.input.remove ?? [],
        reason: args.input.reason,
      }),
    recordTranscript: (_, args, context) => app.recordTranscript(context.viewer, args.mobilityId, args.input),
    eraseStudent: (_, args, context) => app.eraseStudent(context.viewer, args.id),
  };
}
