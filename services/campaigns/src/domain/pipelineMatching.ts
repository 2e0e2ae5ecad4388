import { CampaignStatus } from "./campaign.ts";
import type { Campaign } from "./campaign.ts";
import type { KnownApplication } from "./applicationProgress.ts";

/**
 * An application joins a campaign's pipeline by itself when the campaign
 * recruits in the application's country, for its programme and its intake
 * year, and still takes candidates (PLANNED or OPEN).
 */
export function campaignRecruitsApplication(
  campaign: Pick<Campaign, "countryCode" | "academicYear" | "programmeCodes" | "status">,
  application: Pick<KnownApplication, "countryCode" | "academicYear" | "programmeCode">,
): boolean {
  return (
    campaign.status !== CampaignStatus.CLOSED &&
    campaign.countryCode === application.countryCode &&
    campaign.academicYear === application.academicYear &&
    campaign.programmeCodes.includes(application.programmeCode)
  );
}

/** The id of a candidate: one per campaign and application, whatever the number of events or clicks. */
export function candidateId(campaignId: string, applicationId: string): string {
  return `${campaignId}:${applicationId}`;
}
