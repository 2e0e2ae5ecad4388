import { shownCount, shownCountFields } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import type { Outcomes } from "../domain/campaignOutcomes.ts";
import type { CampaignOutcomesResolvers } from "../generated/resolvers-types.ts";

type Count = "candidatesSeen" | "interviewed" | "admitted" | "enrolled";

/** Whether every one of `counts` is shown to `viewer` (a ratio of hidden counts would give them away). */
const allShown = (viewer: Viewer, outcomes: Outcomes, ...counts: Count[]) =>
  counts.every((count) => shownCount(viewer, outcomes[count]).value !== null);

/**
 * A campaign's (or a country's) funnel as one viewer may see it: each count of people through
 * @intl/auth's shownCount (an ANALYST sees "<5" for 1 to 4), and no rate or cost built on a hidden one.
 */
export const outcomeResolvers: CampaignOutcomesResolvers = {
  ...shownCountFields<Outcomes, Count>("candidatesSeen", "interviewed", "admitted", "enrolled"),
  interviewRate: (outcomes, _args, { viewer }) =>
    allShown(viewer, outcomes, "interviewed", "candidatesSeen") ? outcomes.interviewRate : null,
  admissionRate: (outcomes, _args, { viewer }) =>
    allShown(viewer, outcomes, "admitted", "interviewed") ? outcomes.admissionRate : null,
  enrolmentRate: (outcomes, _args, { viewer }) =>
    allShown(viewer, outcomes, "enrolled", "admitted") ? outcomes.enrolmentRate : null,
  costPerAdmitted: (outcomes, _args, { viewer }) =>
    allShown(viewer, outcomes, "admitted") ? outcomes.costPerAdmitted : null,
};
