import { DomainError, ErrorKind } from "@intl/errors";
import { requireSignedIn } from "@intl/auth";
import type { Dossier } from "../domain/dossier.ts";
import { StudentsReason } from "../domain/errors.ts";
import { assertCanSeePersonalData } from "../domain/personalData.ts";
import type { StudentsApp } from "../application/studentsApp.ts";
import type { Resolvers } from "../generated/resolvers-types.ts";
import { isoInstant, recordedProgramme } from "./formats.ts";

/** A dossier remembers whose nominee it is, for the visibility of its documents, and whose it is (the record of access). */
export type OwnedDossier = Dossier & { nominatingInstitutionId: string; studentId: string };

export function applicationResolvers(
  app: StudentsApp,
): Pick<
  Resolvers,
  "Application" | "Dossier" | "Review" | "InterviewOutcome" | "DecisionRecord" | "PhdSelection"
> {
  return {
    Application: {
      /** References from campaigns and research; null for a partner when another institution nominated. */
      __resolveReference: async (ref, context) => {
        requireSignedIn(context.viewer);
        try {
          return await app.getApplication(context.viewer, ref.id);
        } catch (error) {
          if (error instanceof DomainError && error.kind === ErrorKind.NOT_FOUND) return null;
          throw error;
        }
      },
      id: (application) => application._id,
      student: async (application, _args, context) => {
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
      institution: (application) => ({ id: application.institutionId }),
      agreement: (application) => ({ id: application.agreementId }),
      programme: (application) => recordedProgramme(application.programmeCode),
      dossier: (application) => ({
        ...application.dossier,
        nominatingInstitutionId: application.institutionId,
        studentId: application.studentId,
      }),
      meanScore: (application) => {
        if (application.reviews.length === 0) return null;
        const total = application.reviews.reduce((sum, review) => sum + review.mean, 0);
        return Math.round((total / application.reviews.length) * 100) / 100;
      },
      submittedAt: (application) => isoInstant(application.submittedAt),
      withdrawnAt: (application) => isoInstant(application.withdrawnAt),
      enrolledAt: (application) => isoInstant(application.enrolledAt),
    },
    Dossier: {
      documents: (dossier, _args, context) => {
        assertCanSeePersonalData(
          context.viewer,
          { homeInstitutionId: dossier.nominatingInstitutionId },
          "documents",
        );
        return dossier.documents;
      },
    },
    Review: { reviewedAt: (review) => isoInstant(review.reviewedAt) },
    InterviewOutcome: { completedAt: (interview) => isoInstant(interview.completedAt) },
    DecisionRecord: { decidedAt: (decision) => isoInstant(decision.decidedAt) },
    PhdSelection: { selectedAt: (selection) => isoInstant(selection.selectedAt) },
  };
}
