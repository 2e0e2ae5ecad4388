import type { NewCampaignInput } from "../src/domain/campaignDetails.ts";

/**
 * IMT's China 2026 recruitment mission, the campaign the rules' and the service's tests start
 * from; `ids` names its two target institutions and its faculty as the test's world knows them.
 */
export function chinaMission(
  ids: { tsinghua: string; sjtu: string; facultyIds: string[] },
  overrides: Partial<NewCampaignInput> = {},
): NewCampaignInput {
  return {
    name: "China 2026 recruitment mission",
    countryCode: "CN",
    academicYear: "2026-2027",
    cities: ["Beijing", "Shanghai"],
    startDate: "2026-03-09",
    endDate: "2026-03-20",
    mode: "JOINT_WITH_IMT",
    targetInstitutionIds: [ids.tsinghua, ids.sjtu],
    programmeCodes: ["ICM", "MSC-DATA-SCIENCE"],
    facultyIds: ids.facultyIds,
    staff: [{ name: "Claire Martin", position: "international relations officer" }],
    budget: { amount: 18000, currency: "EUR" },
    followUpContacts: [
      { name: "Li Wei", role: "PROGRAMME_OFFICER", email: "li.wei@example.cn", institutionId: ids.sjtu },
    ],
    ...overrides,
  };
}
