import { describe, expect, it } from "vitest";
import type { ApplicationStatus } from "./applicationProgress.ts";
import { compareCampaigns, funnelOutcomes, totalBudget } from "./campaignOutcomes.ts";

const statuses: Record<string, ApplicationStatus> = {
  a1: "ENROLLED",
  a2: "ADMITTED",
  a3: "REJECTED",
  a4: "SUBMITTED",
  a5: "WITHDRAWN",
  b1: "ADMITTED",
  b2: "SUBMITTED",
};
const statusOf = (id: string) => statuses[id];

describe("a campaign's outcomes", () => {
  it("counts the funnel: seen, interviewed, admitted (enrolled included), enrolled", () => {
    // Given five candidates, three interviewed, two admitted of whom one enrolled
    const outcomes = funnelOutcomes({
      candidateApplicationIds: ["a1", "a2", "a3", "a4", "a5"],
      interviewedApplicationIds: new Set(["a1", "a2", "a3"]),
      statusOf,
      budgets: [{ amount: 15000, currency: "EUR" }],
    });
    // Then the conversions follow each step and the cost is spread over the admitted
    expect(outcomes).toEqual({
      candidatesSeen: 5,
      interviewed: 3,
      admitted: 2,
      enrolled: 1,
      interviewRate: 0.6,
      admissionRate: 0.6667,
      enrolmentRate: 0.5,
      costPerAdmitted: { amount: 7500, currency: "EUR" },
    });
  });

  it("gives no rate for an empty step and no cost without an admission", () => {
    const outcomes = funnelOutcomes({
      candidateApplicationIds: [],
      interviewedApplicationIds: new Set(),
      statusOf,
      budgets: [{ amount: 100, currency: "EUR" }],
    });
    expect(outcomes).toMatchObject({
      candidatesSeen: 0,
      interviewRate: null,
      admissionRate: null,
      enrolmentRate: null,
      costPerAdmitted: null,
    });
  });

  it("counts an interview only for a candidate of the pipeline, and a candidate once", () => {
    const outcomes = funnelOutcomes({
      candidateApplicationIds: ["a4", "a4"],
      interviewedApplicationIds: new Set(["zz"]),
      statusOf,
      budgets: [],
    });
    expect(outcomes).toMatchObject({ candidatesSeen: 1, interviewed: 0 });
  });

  it("adds budgets of one currency, and refuses to add across currencies", () => {
    expect(totalBudget([{ amount: 1, currency: "EUR" }, null, { amount: 2.5, currency: "EUR" }])).toEqual({
      amount: 3.5,
      currency: "EUR",
    });
    expect(
      totalBudget([
        { amount: 1, currency: "EUR" },
        { amount: 2, currency: "USD" },
      ]),
    ).toBeNull();
    expect(totalBudget([null])).toBeNull();
  });
});

/** A campaign of `year` in `country` (budget in EUR) with the applications it saw and interviewed. */
function campaignSeen(
  id: string,
  countryCode: string,
  academicYear: string,
  euros: number,
  candidateApplicationIds: string[],
  interviewedApplicationIds: string[],
) {
  const budget = { amount: euros, currency: "EUR" };
  return {
    campaign: { id, countryCode, academicYear, budget },
    candidateApplicationIds,
    interviewedApplicationIds,
  };
}

describe("comparing campaigns across countries and years", () => {
  it("groups campaigns by country and year, sorted, counting each application once", () => {
    const rows = compareCampaigns(
      [
        campaignSeen("c3", "CN", "2026-2027", 9000, ["b1", "b2"], ["b1"]),
        campaignSeen("c1", "BR", "2026-2027", 10000, ["a1", "a2"], ["a1", "a2"]),
        campaignSeen("c2", "BR", "2026-2027", 2000, ["a2", "a3"], ["a3"]),
        {
          campaign: { id: "c0", countryCode: "BR", academicYear: "2025-2026", budget: null },
          candidateApplicationIds: [],
          interviewedApplicationIds: [],
        },
      ],
      statusOf,
    );
    expect(rows.map((row) => [row.countryCode, row.academicYear, row.campaignCount])).toEqual([
      ["BR", "2025-2026", 1],
      ["BR", "2026-2027", 2],
      ["CN", "2026-2027", 1],
    ]);
    expect(rows[1]).toMatchObject({
      budget: { amount: 12000, currency: "EUR" },
      outcomes: {
        candidatesSeen: 3,
        interviewed: 3,
        admitted: 2,
        enrolled: 1,
        costPerAdmitted: { amount: 6000, currency: "EUR" },
      },
    });
    expect(rows[2]?.outcomes).toMatchObject({
      candidatesSeen: 2,
      interviewed: 1,
      admitted: 1,
      costPerAdmitted: { amount: 9000 },
    });
  });
});
