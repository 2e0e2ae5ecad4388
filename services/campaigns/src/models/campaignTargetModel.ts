import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import type { CampaignDocument } from "./campaignModel.ts";
import { derivedLinks } from "@intl/mongo";
import type { DerivedLinks } from "@intl/mongo";

/**
 * One document per campaign × target institution (@intl/mongo's `derivedLinks`): the
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
  /** The campaign's version it was derived from. */
  version: number;
}

const campaignTargetSchema = new Schema<CampaignTargetDocument>(
  {
    _id: { type: String, required: true },
    institutionId: { type: String, required: true },
    campaignId: { type: String, required: true },
    startDate: { type: String, required: true },
    version: { type: Number },
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

/** The campaigns' target links: `sync` after each write of a campaign, `heal` at start. */
export function campaignTargets(models: {
  Campaign: Model<CampaignDocument>;
  CampaignTarget: Model<CampaignTargetDocument>;
}): DerivedLinks<CampaignDocument> {
  return derivedLinks<CampaignDocument, CampaignTargetDocument>({
    Owner: models.Campaign,
    Link: models.CampaignTarget,
    ownerField: "campaignId",
    derive: (campaign) =>
      campaign.targetInstitutionIds.map((institutionId) => ({
        _id: `${campaign._id}:${institutionId}`,
        institutionId,
        campaignId: campaign._id,
        startDate: campaign.startDate,
      })),
  });
}
