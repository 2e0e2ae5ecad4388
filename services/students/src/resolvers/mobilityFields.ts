import { DomainError, ErrorKind } from "@intl/errors";
import { recognisedEcts } from "../domain/creditRecognition.ts";
import { StudentsReason } from "../domain/errors.ts";
import type { Resolvers } from "../generated/resolvers-types.ts";
import { isoInstant, reference } from "./formats.ts";

export const mobilityResolvers: Pick<
  Resolvers,
  "Mobility" | "LearningAgreement" | "LearningAgreementChange"
> = {
  Mobility: {
    id: (mobility) => mobility._id,
    student: async (mobility, _args, context) => {
      const student = await context.loaders.students.load(mobility.studentId);
      if (!student)
        throw new DomainError(
          ErrorKind.NOT_FOUND,
          StudentsReason.STUDENT_NOT_FOUND,
          `No student ${mobility.studentId}.`,
        );
      return student;
    },
    institution: (mobility) => ({ id: mobility.institutionId }),
    agreement: (mobility) => reference(mobility.agreementId),
    completedAt: (mobility) => isoInstant(mobility.completedAt),
    cancelledAt: (mobility) => isoInstant(mobility.cancelledAt),
    recognisedEcts: (mobility) =>
      recognisedEcts(mobility.learningAgreement?.courses ?? [], mobility.transcript ?? []),
  },
  LearningAgreement: {
    signedAt: (agreement) => isoInstant(agreement.signedAt),
    totalEcts: (agreement) => agreement.courses.reduce((sum, course) => sum + course.ects, 0),
  },
  LearningAgreementChange: {
    at: (change) => isoInstant(change.at),
  },
};
