import { DomainError, ErrorKind } from "@intl/errors";
import { CampaignStatus } from "./campaign.ts";
import type { Campaign } from "./campaign.ts";
import { CampaignsReason } from "./errors.ts";

const nextStatus: Record<"open" | "close", { from: CampaignStatus; to: CampaignStatus }> = {
  open: { from: CampaignStatus.PLANNED, to: CampaignStatus.OPEN },
  close: { from: CampaignStatus.OPEN, to: CampaignStatus.CLOSED },
};

/** A campaign moves PLANNED → OPEN → CLOSED, one step at a time, never back. */
export function campaignStatusAfter(action: "open" | "close", current: CampaignStatus): CampaignStatus {
  const step = nextStatus[action];
  if (current !== step.from) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      CampaignsReason.CAMPAIGN_ILLEGAL_TRANSITION,
      `Only a ${step.from} campaign can be moved to ${step.to}; this one is ${current}.`,
      { details: { status: current } },
    );
  }
  return step.to;
}

/** A closed campaign is history: its details and its pipeline no longer change. */
export function assertCampaignNotClosed(campaign: Pick<Campaign, "status">, field?: string): void {
  if (campaign.status === CampaignStatus.CLOSED) {
    throw new DomainError(ErrorKind.CONFLICT, CampaignsReason.CAMPAIGN_CLOSED, "The campaign is closed.", {
      ...(field ? { field } : {}),
    });
  }
}
