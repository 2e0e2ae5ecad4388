import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import type { CampaignDocument } from "./campaignModel.ts";
import { replaceLinks } from "./derivedLinks.ts";

/**
 * One document per campaign × target institution (see `derivedLinks.ts`): the
 * Institution entity's `campaigns` by a top-level equality on `institutionId`
 * instead of a match on the array `targetInstitutionIds`.
 */
export interface CampaignTargetDocument {
  /** `${campaignId}:${institutionId}` */
  _id: string;
  institutionId: string;
  campaignId: string;
  /** The campaign's, for the order of an institution's campaigns. */
  startDate: string;
}

const campaignTargetSchema = new Schema<CampaignTargetDocument>(
  {
    _id: { type: String, required: true },
    institutionId: { type: String, required: true },
    campaignId: { type: String, required: true },
    startDate: { type: String, required: true },
  },
  { collection: "campaign_targets", autoIndex: false, versionKey: false },
);
campaignTargetSchema.index({ institutionId: 1, startDate: 1 });
campaignTargetSchema.index({ campaignId: 1 });

export function campaignTargetModel(connection: Connection): Model<CampaignTargetDocument> {
  return (
    (connection.models.CampaignTarget as Model<CampaignTargetDocument> | undefined) ??
    connection.model<CampaignTargetDocument>("CampaignTarget", campaignTargetSchema)
  );
}

/** Makes the campaign's target links those of its current targets (after the campaign's write, in its write-queue turn). */
export function syncCampaignTargets(
  models: { Campaign: Model<CampaignDocument>; CampaignTarget: Model<CampaignTargetDocument> },
  campaign: Pick<CampaignDocument, "_id" | "targetInstitutionIds" | "startDate">,
): Promise<void> {
  return replaceLinks(
    { Owner: models.Campaign, Link: models.CampaignTarget },
    { field: "campaignId", id: campaign._id },
    campaign.targetInstitutionIds.map((institutionId) => ({
      _id: `${campaign._id}:${institutionId}`,
      institutionId,
      campaignId: campaign._id,
      startDate: campaign.startDate,
    })),
  );
}
