import { allowUnindexedQuery } from "@intl/mongo";
import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import type { Campaign } from "../domain/campaign.ts";
import { CampaignMode, CampaignStatus, FollowUpContactRole } from "../domain/campaign.ts";

export type CampaignDocument = Omit<Campaign, "id"> & { _id: string; linksPending?: boolean };

const campaignSchema = new Schema<CampaignDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    countryCode: { type: String, required: true },
    cities: { type: [String], required: true },
    academicYear: { type: String, required: true },
    startDate: { type: String, required: true },
    endDate: { type: String, required: true },
    mode: { type: String, enum: Object.values(CampaignMode), required: true },
    status: { type: String, enum: Object.values(CampaignStatus), required: true },
    targetInstitutionIds: { type: [String], default: [] },
    programmeCodes: { type: [String], required: true },
    facultyIds: { type: [String], default: [] },
    staff: {
      type: [
        { _id: false, name: { type: String, required: true }, position: { type: String, default: null } },
      ],
      default: [],
    },
    budget: {
      type: new Schema(
        { amount: { type: Number, required: true }, currency: { type: String, required: true } },
        { _id: false },
      ),
      default: null,
    },
    followUpContacts: {
      type: [
        {
          _id: false,
          name: { type: String, required: true },
          role: { type: String, enum: Object.values(FollowUpContactRole), required: true },
          email: { type: String, required: true },
          institutionId: { type: String, required: true },
        },
      ],
      default: [],
    },
    demo: { type: Boolean, default: false },
    /** Set by each write until the campaign's target links are derived (see `derivedLinks.ts`). */
    linksPending: { type: Boolean },
    version: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: "campaigns", autoIndex: false, versionKey: false },
);
// Automatic pipeline: the campaigns of a country and intake still taking candidates.
campaignSchema.index({ countryCode: 1, academicYear: 1, status: 1 });
// The campaigns list filtered by a target institution (CampaignFilter.institutionId) still matches the array.
campaignSchema.index({ targetInstitutionIds: 1 });
campaignSchema.index({ academicYear: 1, startDate: 1 });
campaignSchema.index({ linksPending: 1 }, { sparse: true });
allowUnindexedQuery(campaignSchema, {
  filter: ["targetInstitutionIds"],
  reason:
    "the campaigns list filtered by one target institution: recruitment missions are a few dozen a year; " +
    "the Institution entity's campaigns go through CampaignTarget links instead",
});
allowUnindexedQuery(campaignSchema, {
  filter: ["followUpContacts.0"],
  reason:
    "erasure of a follow-up contact (ADMIN, rare): the campaigns with contacts are read to find the contact by " +
    "the reference of their email, which no index can hold; recruitment missions are a few dozen a year",
});
campaignSchema.index({ startDate: 1 });
campaignSchema.index({ createdAt: 1 });
campaignSchema.index({ countryCode: 1, startDate: 1 });

export function campaignModel(connection: Connection): Model<CampaignDocument> {
  return connection.model<CampaignDocument>("Campaign", campaignSchema);
}

export function campaignFromDocument(document: CampaignDocument): Campaign {
  const {
    _id,
    staff,
    budget,
    followUpContacts,
    cities,
    targetInstitutionIds,
    programmeCodes,
    facultyIds,
    linksPending: _linksPending, // storage only
    ...rest
  } = document;
  return {
    id: _id,
    ...rest,
    cities: [...cities],
    targetInstitutionIds: [...targetInstitutionIds],
    programmeCodes: [...programmeCodes],
    facultyIds: [...facultyIds],
    staff: staff.map((member) => ({ name: member.name, position: member.position ?? null })),
    budget: budget ? { amount: budget.amount, currency: budget.currency } : null,
    followUpContacts: followUpContacts.map((contact) => ({
      name: contact.name,
      role: contact.role,
      email: contact.email,
      institutionId: contact.institutionId,
    })),
  };
}

export function campaignToDocument(campaign: Campaign): CampaignDocument {
  const { id, ...rest } = campaign;
  return { _id: id, ...rest };
}
