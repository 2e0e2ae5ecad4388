import { DomainError, ErrorKind, InputErrors } from "@intl/errors";
import { Role, requireRole } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { StudentsReason } from "./errors.ts";
import { ProgrammeKind } from "./programmes.ts";

export const ReviewCriterion = {
  ACADEMIC_RECORD: "ACADEMIC_RECORD",
  MOTIVATION: "MOTIVATION",
  LANGUAGE: "LANGUAGE",
  PROFESSIONAL_PROJECT: "PROFESSIONAL_PROJECT",
  /** PhD only: the seed's "scientific excellence of the file". */
  SCIENTIFIC_EXCELLENCE: "SCIENTIFIC_EXCELLENCE",
} as const;
export type ReviewCriterion = (typeof ReviewCriterion)[keyof typeof ReviewCriterion];

export interface CriterionScore {
  criterion: ReviewCriterion;
  /** 0 to 20, the French scale. */
  score: number;
}

export const MAX_SCORE = 20;

/** Reviewers: the office, and faculty for PhD dossiers. */
export function assertMayReview(viewer: Viewer, programmeKind: ProgrammeKind): void {
  if (programmeKind === ProgrammeKind.PHD)
    requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY);
  else requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE);
}

/** A review scores named criteria, each at most once, each from 0 to 20. */
export function checkReviewScores(programmeKind: ProgrammeKind, scores: readonly CriterionScore[]): void {
  const errors = new InputErrors();
  errors.check(
    scores.length > 0,
    StudentsReason.INVALID_SCORE,
    "input.scores",
    "Score at least one criterion.",
  );
  const seen = new Set<ReviewCriterion>();
  scores.forEach((entry, index) => {
    const field = `input.scores[${index}]`;
    errors.check(
      Number.isFinite(entry.score) && entry.score >= 0 && entry.score <= MAX_SCORE,
      StudentsReason.INVALID_SCORE,
      `${field}.score`,
      `A score lies between 0 and ${MAX_SCORE}.`,
    );
    errors.check(
      !seen.has(entry.criterion),
      StudentsReason.INVALID_SCORE,
      `${field}.criterion`,
      `${entry.criterion} is scored twice.`,
    );
    errors.check(
      entry.criterion !== ReviewCriterion.SCIENTIFIC_EXCELLENCE || programmeKind === ProgrammeKind.PHD,
      StudentsReason.CRITERION_NOT_APPLICABLE,
      `${field}.criterion`,
      "Scientific excellence is scored on PhD applications only.",
    );
    seen.add(entry.criterion);
  });
  errors.throwIfAny();
}

/** Mean of the criteria scores, rounded to two decimals. */
export function meanScore(scores: readonly CriterionScore[]): number {
  if (scores.length === 0) {
    throw new DomainError(ErrorKind.BAD_USER_INPUT, StudentsReason.INVALID_SCORE, "No score to average.", {
      field: "input.scores",
    });
  }
  const total = scores.reduce((sum, entry) => sum + entry.score, 0);
  return Math.round((total / scores.length) * 100) / 100;
}
