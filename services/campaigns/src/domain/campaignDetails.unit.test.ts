import { describe, expect, it } from "vitest";
import { validateCampaignChanges, validateNewCampaign } from "./campaignDetails.ts";
import type { KnownInstitutions, NewCampaignInput } from "./campaignDetails.ts";
import { chinaMission as mission } from "../../test/fixtures.ts";

const institutions: KnownInstitutions = new Map([
  ["tsinghua", { countryCode: "CN" }],
  ["sjtu", { countryCode: "CN" }],
  ["emi", { countryCode: "MA" }],
]);

const chinaMission = (overrides: Partial<NewCampaignInput> = {}) =>
  mission({ tsinghua: "tsinghua", sjtu: "sjtu", facultyIds: ["f-1"] }, overrides);

function failureOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return error as {
      kind: string;
      reason: string;
      field?: string;
      details?: { errors?: { field: string }[] };
    };
  }
  throw new Error("expected the rule to refuse");
}

describe("a campaign's details", () => {
  it("accepts a joint mission with IMT in China targeting Chinese partners", () => {
    // Given a well-formed mission; When it is validated; Then it comes back normalised
    const campaign = validateNewCampaign(chinaMission({ name: "  China 2026  " }), institutions);
    expect(campaign).toMatchObject({
      name: "China 2026",
      countryCode: "CN",
      mode: "JOINT_WITH_IMT",
      budget: { amount: 18000, currency: "EUR" },
    });
  });

  it("refuses a mission with IMT outside IMT's priority countries", () => {
    const error = failureOf(() =>
      validateNewCampaign(
        chinaMission({ countryCode: "MA", targetInstitutionIds: ["emi"], followUpContacts: [] }),
        institutions,
      ),
    );
    expect(error).toMatchObject({
      kind: "BAD_USER_INPUT",
      reason: "JOINT_MODE_OUTSIDE_IMT_PRIORITY_COUNTRY",
      field: "input.mode",
    });
  });

  it("accepts a mission run by the school alone anywhere", () => {
    const campaign = validateNewCampaign(
      chinaMission({
        countryCode: "MA",
        mode: "SCHOOL_ONLY",
        targetInstitutionIds: ["emi"],
        followUpContacts: [],
      }),
      institutions,
    );
    expect(campaign.mode).toBe("SCHOOL_ONLY");
  });

  it("refuses an end date before the start date", () => {
    const error = failureOf(() =>
      validateNewCampaign(chinaMission({ startDate: "2026-03-20", endDate: "2026-03-19" }), institutions),
    );
    expect(error).toMatchObject({ reason: "END_BEFORE_START", field: "input.endDate" });
  });

  it("accepts a one-day mission", () => {
    expect(
      validateNewCampaign(chinaMission({ startDate: "2026-03-20", endDate: "2026-03-20" }), institutions)
        .endDate,
    ).toBe("2026-03-20");
  });

  it("refuses dates that are not calendar days", () => {
    expect(
      failureOf(() => validateNewCampaign(chinaMission({ startDate: "2026-02-30" }), institutions)),
    ).toMatchObject({
      reason: "INVALID_DATE",
      field: "input.startDate",
    });
  });

  it("refuses a target institution it does not know, naming its position", () => {
    const error = failureOf(() =>
      validateNewCampaign(
        chinaMission({ targetInstitutionIds: ["tsinghua", "nowhere"], followUpContacts: [] }),
        institutions,
      ),
    );
    expect(error).toMatchObject({
      kind: "BAD_USER_INPUT",
      reason: "INSTITUTION_NOT_FOUND",
      field: "input.targetInstitutionIds[1]",
    });
  });

  it("refuses a target institution in another country", () => {
    const error = failureOf(() =>
      validateNewCampaign(
        chinaMission({ targetInstitutionIds: ["emi"], followUpContacts: [] }),
        institutions,
      ),
    );
    expect(error).toMatchObject({
      reason: "INSTITUTION_OUTSIDE_CAMPAIGN_COUNTRY",
      field: "input.targetInstitutionIds[0]",
    });
  });

  it("refuses a follow-up contact at an institution the campaign does not target", () => {
    const error = failureOf(() =>
      validateNewCampaign(
        chinaMission({
          targetInstitutionIds: ["tsinghua"],
          followUpContacts: [
            { name: "Li Wei", role: "PROGRAMME_OFFICER", email: "li@example.cn", institutionId: "sjtu" },
          ],
        }),
        institutions,
      ),
    );
    expect(error).toMatchObject({
      reason: "CONTACT_OUTSIDE_TARGETS",
      field: "input.followUpContacts[0].institutionId",
    });
  });

  it("refuses a contact without a valid email", () => {
    const error = failureOf(() =>
      validateNewCampaign(
        chinaMission({
          followUpContacts: [
            { name: "Li Wei", role: "INTERNATIONAL_OFFICER", email: "li wei at sjtu", institutionId: "sjtu" },
          ],
        }),
        institutions,
      ),
    );
    expect(error).toMatchObject({ reason: "INVALID_EMAIL", field: "input.followUpContacts[0].email" });
  });

  it("refuses a negative budget and a currency that is not ISO 4217", () => {
    const error = failureOf(() =>
      validateNewCampaign(chinaMission({ budget: { amount: -1, currency: "euro" } }), institutions),
    );
    expect(error).toMatchObject({ reason: "INVALID_BUDGET", field: "input.budget.amount" });
    expect(error.details?.errors?.map((e) => e.field)).toEqual([
      "input.budget.amount",
      "input.budget.currency",
    ]);
  });

  it("refuses a campaign without programme, and a malformed programme code", () => {
    expect(
      failureOf(() => validateNewCampaign(chinaMission({ programmeCodes: [] }), institutions)),
    ).toMatchObject({ field: "input.programmeCodes" });
    expect(
      failureOf(() =>
        validateNewCampaign(chinaMission({ programmeCodes: ["ICM", "msc data"] }), institutions),
      ),
    ).toMatchObject({
      reason: "INVALID_PROGRAMME_CODE",
      field: "input.programmeCodes[1]",
    });
  });

  it("refuses a faculty member listed twice", () => {
    expect(
      failureOf(() => validateNewCampaign(chinaMission({ facultyIds: ["f-1", "f-2", "f-1"] }), institutions)),
    ).toMatchObject({
      reason: "DUPLICATE_VALUE",
      field: "input.facultyIds[2]",
    });
  });

  it("refuses a bad country code and a bad academic year, reporting both", () => {
    const error = failureOf(() =>
      validateNewCampaign(chinaMission({ countryCode: "China", academicYear: "2026-2028" }), institutions),
    );
    expect(error).toMatchObject({ reason: "INVALID_COUNTRY", field: "input.countryCode" });
    expect(error.details?.errors?.map((e) => e.field)).toContain("input.academicYear");
  });

  it("refuses a campaign without any city", () => {
    expect(failureOf(() => validateNewCampaign(chinaMission({ cities: [] }), institutions))).toMatchObject({
      field: "input.cities",
    });
  });
});

describe("changing a campaign's details", () => {
  const current = { ...validateNewCampaign(chinaMission(), institutions) };

  it("keeps what is not given and replaces what is", () => {
    const changed = validateCampaignChanges(
      current,
      { cities: ["Wuhan"], budget: { amount: 20000, currency: "EUR" } },
      institutions,
    );
    expect(changed).toMatchObject({
      cities: ["Wuhan"],
      budget: { amount: 20000 },
      programmeCodes: ["ICM", "MSC-DATA-SCIENCE"],
      name: current.name,
    });
  });

  it("checks the result under the same rules (dates stay ordered)", () => {
    expect(
      failureOf(() => validateCampaignChanges(current, { endDate: "2026-03-01" }, institutions)),
    ).toMatchObject({
      reason: "END_BEFORE_START",
      field: "input.endDate",
    });
  });

  it("refuses dropping a target that a follow-up contact works at", () => {
    expect(
      failureOf(() => validateCampaignChanges(current, { targetInstitutionIds: ["tsinghua"] }, institutions)),
    ).toMatchObject({
      reason: "CONTACT_OUTSIDE_TARGETS",
    });
  });
});
