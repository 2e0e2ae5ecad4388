import { DomainError, ErrorKind } from "@intl/errors";
import { requireSignedIn } from "@intl/auth";
import type { Dossier } from "../domain/dossier.ts";
import { StudentsReason } from "../domain/errors.ts";
import { assertCanSeePersonalData } from "../domain/personalData.ts";
import { findProgramme } from "../domain/programmes.ts";
import type {
  ApplicationRecord,
  DecisionRecord,
  InterviewRecord,
  PhdSelectionRecord,
  ReviewRecord,
} from "../models/application.ts";
import type { StudentsApp } from "../application/studentsApp.ts";
import type { StudentsContext } from "./context.ts";
import { isoInstant, reference } from "./formats.ts";

/** A dossier remembers whose nominee it is, for the visibility of its documents. */
type OwnedDossier = Dossier & { nominatingInstitutionId: string };

export function applicationResolvers(app: StudentsApp) {
  return {
    Application: {
      /** References from campaigns and research; null for a partner when another institution nominated. */
      __resolveReference: async (ref: { id: string }, context: StudentsContext) => {
        requireSignedIn(context.viewer);
        try {
          return await app.getApplication(context.viewer, ref.id);
        } catch (error) {
          if (error instanceof DomainError && error.kind === ErrorKind.NOT_FOUND) return null;
          throw error;
        }
      },
      id: (application: ApplicationRecord) => application._id,
      student: async (application: ApplicationRecord, _args: unknown, context: StudentsContext) => {
        const student = await context.loaders.students.load(application.studentId);
        if (!student) {
          throw new DomainError(
            ErrorKind.NOT_FOUND,
            StudentsReason.STUDENT_NOT_FOUND,
            `No student ${application.studentId}.`,
          );
        }
        return student;
      },
      institution: (application: ApplicationRecord) => reference(application.institutionId),
      agreement: (application: ApplicationRecord) => reference(application.agreementId),
      programme: (application: ApplicationRecord) => findProgramme(application.programmeCode),
      dossier: (application: ApplicationRecord): OwnedDossier => ({
        ...application.dossier,
        nominatingInstitutionId: application.institutionId,
      }),
      meanScore: (application: ApplicationRecord) => {
        if (application.reviews.length === 0) return null;
        const total = application.reviews.reduce((sum, review) => sum + review.mean, 0);
        return Math.round((total / application.reviews.length) * 100) / 100;
      },
      submittedAt: (application: ApplicationRecord) => isoInstant(application.submittedAt),
      withdrawnAt: (application: ApplicationRecord) => isoInstant(application.withdrawnAt),
      enrolledAt: (application: ApplicationRecord) => isoInstant(application.enrolledAt),
    },
    Dossier: {
      documents: (dossier: OwnedDossier, _args: unknown, context: StudentsContext) => {
        assertCanSeePersonalData(
          context.viewer,
          { homeInstitutionId: dossier.nominatingInstitutionId },
          "documents",
        );
        return dossier.documents;
      },
    },
    Review: { reviewedAt: (review: ReviewRecord) => isoInstant(review.reviewedAt) },
    InterviewOutcome: { completedAt: (interview: InterviewRecord) => isoInstant(interview.completedAt) },
    DecisionRecord: { decidedAt: (decision: DecisionRecord) => isoInstant(decision.decidedAt) },
    PhdSelection: { selectedAt: (selection: PhdSelectionRecord) => isoInstant(selection.selectedAt) },
  };
}
