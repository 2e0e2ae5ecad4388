import { describe, expect, it } from "vitest";
import { validateNetwork } from "./networkMembership.ts";
import { progressTowards } from "./partnershipTargets.ts";
import { validateSchoolLabel } from "./schoolLabel.ts";

const now = new Date("2025-10-01T10:00:00Z");

describe("networks", () => {
  it("records a network the school belongs to", () => {
    expect(
      validateNetwork(
        {
          name: " Institut Mines-Télécom ",
          acronym: "IMT",
          scope: "NATIONAL",
          schoolMember: true,
          schoolMemberSince: "2012-01-01",
        },
        now,
      ),
    ).toMatchObject({
      name: "Institut Mines-Télécom",
      scope: "NATIONAL",
      schoolMember: true,
      schoolMemberSince: "2012-01-01",
    });
  });

  it("refuses a nameless network and a membership dated in the future", () => {
    expect(() => validateNetwork({ name: "", scope: "REGIONAL" }, now)).toThrow(
      expect.objectContaining({ field: "input.name" }),
    );
    expect(() =>
      validateNetwork(
        { name: "CESAER", scope: "INTERNATIONAL", schoolMember: true, schoolMemberSince: "2026-01-01" },
        now,
      ),
    ).toThrow(expect.objectContaining({ reason: "DATE_IN_FUTURE", field: "input.schoolMemberSince" }));
  });

  it("refuses a membership date for a network the school is not a member of", () => {
    expect(() =>
      validateNetwork({ name: "CESAER", scope: "INTERNATIONAL", schoolMemberSince: "2010-01-01" }, now),
    ).toThrow(
      expect.objectContaining({
        reason: "NETWORK_MEMBERSHIP_INCONSISTENT",
        field: "input.schoolMemberSince",
      }),
    );
  });
});

describe("labels and rankings", () => {
  it("records CeQuint with its five criteria", () => {
    const label = validateSchoolLabel(
      { name: "CeQuint", kind: "LABEL", obtainedOn: "2018-11-01", criteria: ["a", "b", "c", "d", "e"] },
      now,
    );
    expect(label.criteria).toHaveLength(5);
  });

  it("accepts a rank only for a ranking", () => {
    expect(
      validateSchoolLabel({ name: "THE", kind: "RANKING", obtainedOn: "2020-01-01", rank: 5 }, now).rank,
    ).toBe(5);
    expect(() =>
      validateSchoolLabel({ name: "CeQuint", kind: "LABEL", obtainedOn: "2018-11-01", rank: 1 }, now),
    ).toThrow(expect.objectContaining({ reason: "LABEL_RANK_INVALID", field: "input.rank" }));
  });
});

describe("targets", () => {
  it("reports progress as a ratio of the target", () => {
    expect(progressTowards(26, 40)).toEqual({ actual: 26, target: 40, ratio: 0.65 });
  });
});
