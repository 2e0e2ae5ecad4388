import { describe, expect, it } from "vitest";
import { assertMayReview, checkReviewScores, meanScore } from "./reviewScores.ts";
import { viewerWith } from "./testViewers.ts";
import { caughtDomainError } from "@intl/testing/caught-domain-error";

describe("rule: reviews score named criteria from 0 to 20", () => {
  it("given scores on named criteria, when checked, then they are accepted and averaged", () => {
    const scores = [
      { criterion: "ACADEMIC_RECORD" as const, score: 15 },
      { criterion: "MOTIVATION" as const, score: 12 },
    ];
    expect(() => checkReviewScores("MSC", scores)).not.toThrow();
    expect(meanScore(scores)).toBe(13.5);
  });

  it("given a score above 20, when checked, then the score field is named", () => {
    expect(
      caughtDomainError(() => checkReviewScores("MSC", [{ criterion: "LANGUAGE", score: 21 }])),
    ).toMatchObject({
      reason: "INVALID_SCORE",
      field: "input.scores[0].score",
    });
  });

  it("given a criterion scored twice, when checked, then it is refused", () => {
    expect(
      caughtDomainError(() =>
        checkReviewScores("MSC", [
          { criterion: "LANGUAGE", score: 10 },
          { criterion: "LANGUAGE", score: 11 },
        ]),
      ),
    ).toMatchObject({ field: "input.scores[1].criterion" });
  });

  it("given scientific excellence on a non-PhD application, when checked, then it does not apply", () => {
    expect(
      caughtDomainError(() =>
        checkReviewScores("ENGINEERING", [{ criterion: "SCIENTIFIC_EXCELLENCE", score: 10 }]),
      ),
    ).toMatchObject({
      reason: "CRITERION_NOT_APPLICABLE",
    });
    expect(() => checkReviewScores("PHD", [{ criterion: "SCIENTIFIC_EXCELLENCE", score: 18 }])).not.toThrow();
  });

  it("given no score, when checked, then input.scores is named", () => {
    expect(caughtDomainError(() => checkReviewScores("MSC", []))).toMatchObject({ field: "input.scores" });
  });

  it("lets the office review any dossier and faculty only PhD dossiers", () => {
    expect(() => assertMayReview(viewerWith("INTERNATIONAL_OFFICE"), "MSC")).not.toThrow();
    expect(() => assertMayReview(viewerWith("FACULTY"), "PHD")).not.toThrow();
    expect(caughtDomainError(() => assertMayReview(viewerWith("FACULTY"), "MSC"))).toMatchObject({
      kind: "FORBIDDEN",
    });
    expect(
      caughtDomainError(() => assertMayReview(viewerWith("PARTNER", { institutionId: "i" }), "MSC")),
    ).toMatchObject({ kind: "FORBIDDEN" });
  });
});
