import { Schema } from "mongoose";
import type { PartnershipDimension } from "../domain/partnershipCompleteness.ts";

/** Read model of the research service's collaborations: what evidences research, corporate and culture dimensions. */
export interface ResearchCollaborationDocument {
  _id: string;
  type: string;
  institutionIds: string[];
  companies: string[];
  dimensions: PartnershipDimension[];
  centreId: string;
  leadFacultyId: string;
  startDate: string;
  endDate: string | null;
  ongoing: boolean;
  /** The collaboration's version in the research service: older events are ignored. */
  sequence: number;
  updatedAt: Date;
}

export const researchCollaborationSchema = new Schema<ResearchCollaborationDocument>(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    institutionIds: { type: [String], default: [] },
    companies: { type: [String], default: [] },
    dimensions: { type: [String], default: [] },
    centreId: { type: String, required: true },
    leadFacultyId: { type: String, required: true },
    startDate: { type: String, required: true },
    endDate: { type: String, default: null },
    ongoing: { type: Boolean, required: true },
    sequence: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: "research_collaborations", versionKey: false },
);
researchCollaborationSchema.index({ institutionIds: 1 });
