import { describe, expect, it } from "vitest";
import { createByIdLoader } from "@intl/subgraph";
import type { Campaign } from "../domain/campaign.ts";
import { referencedCampaign } from "./context.ts";

/** The per-request campaign loader over a store that holds `found` only. */
function loaderOf(...found: Campaign[]) {
  return createByIdLoader<Campaign>(async (ids) => found.filter((campaign) => ids.includes(campaign.id)));
}

const campaign = { id: "campaign-1" } as Campaign;

describe("the campaign a candidate belongs to (CampaignCandidate.campaign, non-null)", () => {
  it("is the one the loader finds", async () => {
    await expect(
      referencedCampaign({ loaders: { campaign: loaderOf(campaign) } }, "campaign-1"),
    ).resolves.toBe(campaign);
  });

  it("is a coded NOT_FOUND, never a null the schema forbids, when it is missing", async () => {
    await expect(
      referencedCampaign({ loaders: { campaign: loaderOf() } }, "campaign-gone"),
    ).rejects.toMatchObject({
      kind: "NOT_FOUND",
      reason: "CAMPAIGN_NOT_FOUND",
    });
  });
});
