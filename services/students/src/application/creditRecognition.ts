import { DomainError, ErrorKind } from "@intl/errors";
import { Role, requireRole } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import {
  amendLearningAgreement as amend,
  assertLearningAgreementApplies,
  checkLearningAgreement,
  checkTranscript,
} from "../domain/creditRecognition.ts";
import type {
  LearningAgreementAmendment,
  LearningAgreementCourse,
  TranscriptEntry,
} from "../domain/creditRecognition.ts";
import { StudentsReason } from "../domain/errors.ts";
import { MobilityStatus } from "../domain/mobilityPlanning.ts";
import type { MobilityRecord } from "../models/mobility.ts";
import type { mobilityOperations } from "./mobilities.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";

function assertNotCancelled(mobility: MobilityRecord): void {
  if (mobility.status === MobilityStatus.CANCELLED) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      StudentsReason.ILLEGAL_TRANSITION,
      "A cancelled mobility has no learning agreement or transcript.",
    );
  }
}

function requireLearningAgreement(mobility: MobilityRecord) {
  if (!mobility.learningAgreement) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      StudentsReason.LEARNING_AGREEMENT_MISSING,
      "Set the learning agreement first.",
    );
  }
  return mobility.learningAgreement;
}

/** Learning agreements and transcripts of study mobilities: the credit recognition. */
export function creditRecognitionOperations(
  deps: ApplicationDeps,
  mobilities: ReturnType<typeof mobilityOperations>,
) {
  const { clock } = deps;

  async function setLearningAgreement(
    viewer: Viewer,
    mobilityId: string,
    input: { courses: LearningAgreementCourse[] },
  ) {
    requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE);
    return mobilities.change(viewer, mobilityId, (mobility) => {
      assertLearningAgreementApplies(mobility.type);
      assertNotCancelled(mobility);
      checkLearningAgreement(input.courses);
      const courses = input.courses.map((course) => ({
        ...course,
        homeEquivalent: course.homeEquivalent ?? null,
      }));
      return { set: { learningAgreement: { courses, changes: [], signedAt: clock() } } };
    });
  }

  async function amendLearningAgreement(
    viewer: Viewer,
    mobilityId: string,
    input: LearningAgreementAmendment,
  ) {
    requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE);
    return mobilities.change(viewer, mobilityId, (mobility) => {
      assertNotCancelled(mobility);
      const current = requireLearningAgreement(mobility);
      const add = input.add.map((course) => ({ ...course, homeEquivalent: course.homeEquivalent ?? null }));
      const amended = amend(current.courses, { ...input, add }, clock());
      return {
        set: {
          learningAgreement: {
            ...current,
            courses: amended.courses,
            changes: [...current.changes, ...amended.changes],
          },
        },
      };
    });
  }

  async function recordTranscript(viewer: Viewer, mobilityId: string, input: { entries: TranscriptEntry[] }) {
    requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE);
    return mobilities.change(viewer, mobilityId, (mobility) => {
      assertNotCancelled(mobility);
      checkTranscript(requireLearningAgreement(mobility).courses, input.entries);
      return {
        set: {
          transcript: input.entries.map(({ courseCode, grade, ectsObtained }) => ({
            courseCode,
            grade,
            ectsObtained,
          })),
        },
      };
    });
  }

  return { setLearningAgreement, amendLearningAgreement, recordTranscript };
}
