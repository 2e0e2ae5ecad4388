import { DomainError, ErrorKind } from "@intl/errors";
import { recognisedEcts } from "../domain/creditRecognition.ts";
import type { LearningAgreementChange } from "../domain/creditRecognition.ts";
import { StudentsReason } from "../domain/errors.ts";
import type { LearningAgreementRecord, MobilityRecord } from "../models/mobility.ts";
import type { StudentsContext } from "./context.ts";
import { isoInstant, reference } from "./formats.ts";

export const mobilityResolvers = {
  Mobility: {
    id: (mobility: MobilityRecord) => mobility._id,
    student: async (mobility: MobilityRecord, _args: unknown, context: StudentsContext) => {
      const student = await context.loaders.students.load(mobility.studentId);
      if (!student)
        throw new DomainError(
          ErrorKind.NOT_FOUND,
          StudentsReason.STUDENT_NOT_FOUND,
          `No student ${mobility.studentId}.`,
        );
      return student;
    },
    institution: (mobility: MobilityRecord) => reference(mobility.institutionId),
    agreement: (mobility: MobilityRecord) => reference(mobility.agreementId),
    completedAt: (mobility: MobilityRecord) => isoInstant(mobility.completedAt),
    cancelledAt: (mobility: MobilityRecord) => isoInstant(mobility.cancelledAt),
    recognisedEcts: (mobility: MobilityRecord) =>
      recognisedEcts(mobility.learningAgreement?.courses ?? [], mobility.transcript ?? []),
  },
  LearningAgreement: {
    signedAt: (agreement: LearningAgreementRecord) => isoInstant(agreement.signedAt),
    totalEcts: (agreement: LearningAgreementRecord) =>
      agreement.courses.reduce((sum, course) => sum + course.ects, 0),
  },
  LearningAgreementChange: {
    at: (change: LearningAgreementChange) => isoInstant(change.at),
  },
};
