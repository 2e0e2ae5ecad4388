import { describe, expect, it } from "vitest";
import type { Interview } from "./interview.ts";
import { completedInterview, meanScore, scoredInterview, validateScores } from "./interviewScoring.ts";
import { caughtDomainError } from "@intl/testing/caught-domain-error";

const at = (iso: string) => new Date(iso);
const during = at("2026-03-10T02:10:00Z");

const scheduled: Interview = {
  id: "i-1",
  applicationId: "a-1",
  campaignId: "c-cn",
  institutionId: "tsinghua",
  mode: "ON_SITE",
  slot: { start: at("2026-03-10T02:00:00Z"), end: at("2026-03-10T02:45:00Z") },
  panelFacultyIds: ["f-1", "f-2"],
  status: "SCHEDULED",
  scoreSheets: [],
  score: null,
  recommendation: null,
  completedAt: null,
  cancelledAt: null,
  demo: false,
  version: 1,
  createdAt: at("2026-03-01T00:00:00Z"),
  updatedAt: at("2026-03-01T00:00:00Z"),
};

describe("a score sheet", () => {
  it("scores named criteria from 0 to 20", () => {
    expect(
      validateScores([
        { criterion: "MOTIVATION", value: 0 },
        { criterion: "LANGUAGE", value: 20 },
      ]),
    ).toHaveLength(2);
  });

  it("refuses a score above 20, naming it", () => {
    expect(
      caughtDomainError(() =>
        validateScores([
          { criterion: "MOTIVATION", value: 12 },
          { criterion: "LANGUAGE", value: 21 },
        ]),
      ),
    ).toMatchObject({
      kind: "BAD_USER_INPUT",
      reason: "SCORE_OUT_OF_RANGE",
      field: "input.scores[1].value",
    });
  });

  it("refuses a criterion scored twice, and an empty sheet", () => {
    expect(
      caughtDomainError(() =>
        validateScores([
          { criterion: "MOTIVATION", value: 12 },
          { criterion: "MOTIVATION", value: 14 },
        ]),
      ),
    ).toMatchObject({
      reason: "DUPLICATE_VALUE",
      field: "input.scores[1].criterion",
    });
    expect(caughtDomainError(() => validateScores([]))).toMatchObject({
      reason: "SCORES_EMPTY",
      field: "input.scores",
    });
  });
});

describe("scoring an interview", () => {
  it("records each panel member's sheet and the mean of every score", () => {
    const once = scoredInterview(
      scheduled,
      "f-1",
      [
        { criterion: "MOTIVATION", value: 14 },
        { criterion: "LANGUAGE", value: 12 },
      ],
      during,
    );
    const twice = scoredInterview(once, "f-2", [{ criterion: "MOTIVATION", value: 17 }], during);
    expect(twice.scoreSheets.map((sheet) => sheet.panelMemberId)).toEqual(["f-1", "f-2"]);
    expect(twice.score).toBe(14.33);
    expect(twice.version).toBe(3);
  });

  it("replaces a panel member's earlier sheet", () => {
    const once = scoredInterview(scheduled, "f-1", [{ criterion: "MOTIVATION", value: 8 }], during);
    const again = scoredInterview(once, "f-1", [{ criterion: "MOTIVATION", value: 16 }], during);
    expect(again.scoreSheets).toHaveLength(1);
    expect(again.score).toBe(16);
  });

  it("refuses a sheet for someone who is not on the panel", () => {
    expect(
      caughtDomainError(() =>
        scoredInterview(scheduled, "f-9", [{ criterion: "MOTIVATION", value: 8 }], during),
      ),
    ).toMatchObject({
      reason: "NOT_A_PANEL_MEMBER",
      field: "input.panelMemberId",
    });
  });

  it("refuses scores before the interview has started", () => {
    expect(
      caughtDomainError(() =>
        scoredInterview(
          scheduled,
          "f-1",
          [{ criterion: "MOTIVATION", value: 8 }],
          at("2026-03-10T01:59:00Z"),
        ),
      ),
    ).toMatchObject({
      kind: "CONFLICT",
      reason: "INTERVIEW_NOT_YET_STARTED",
    });
  });

  it("averages nothing into nothing", () => {
    expect(meanScore([])).toBeNull();
  });
});

describe("completing an interview", () => {
  const scored = scoredInterview(
    scheduled,
    "f-1",
    [
      { criterion: "ACADEMIC_LEVEL", value: 15 },
      { criterion: "MOTIVATION", value: 16 },
    ],
    during,
  );

  it("completes a scored interview with the panel's recommendation", () => {
    const completed = completedInterview(scored, "ADMIT", during);
    expect(completed).toMatchObject({
      status: "COMPLETED",
      recommendation: "ADMIT",
      score: 15.5,
      completedAt: during,
      version: scored.version + 1,
    });
  });

  it("refuses to complete an interview nobody scored", () => {
    expect(caughtDomainError(() => completedInterview(scheduled, "ADMIT", during))).toMatchObject({
      kind: "CONFLICT",
      reason: "INTERVIEW_NOT_SCORED",
    });
  });

  it("refuses to complete an interview twice, or a cancelled one", () => {
    const completed = completedInterview(scored, "ADMIT", during);
    expect(caughtDomainError(() => completedInterview(completed, "REJECT", during))).toMatchObject({
      reason: "INTERVIEW_NOT_SCHEDULED",
    });
    expect(
      caughtDomainError(() => completedInterview({ ...scored, status: "CANCELLED" }, "REJECT", during)),
    ).toMatchObject({
      reason: "INTERVIEW_NOT_SCHEDULED",
    });
  });

  it("refuses an unknown recommendation", () => {
    expect(caughtDomainError(() => completedInterview(scored, "MAYBE", during))).toMatchObject({
      field: "input.recommendation",
    });
  });
});
