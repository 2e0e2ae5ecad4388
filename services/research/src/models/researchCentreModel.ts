import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import type { ResearchCentreState } from "../domain/researchCentre.ts";
import { researchDomains } from "../domain/vocabulary.ts";

export type ResearchCentreDocument = Omit<ResearchCentreState, "id"> & { _id: string };

const researchCentreSchema = new Schema<ResearchCentreDocument>(
  {
    _id: { type: String, required: true },
    code: { type: String, required: true },
    name: { type: String, required: true },
    domains: { type: [String], enum: researchDomains, required: true },
    demo: { type: Boolean, default: false },
  },
  { collection: "research_centres", autoIndex: false, versionKey: false },
);
researchCentreSchema.index({ code: 1 }, { unique: true });
researchCentreSchema.index({ domains: 1 });

export function researchCentreModel(connection: Connection): Model<ResearchCentreDocument> {
  return connection.model<ResearchCentreDocument>("ResearchCentre", researchCentreSchema);
}

export function centreFromDocument(document: ResearchCentreDocument): ResearchCentreState {
  const { _id, ...rest } = document;
  return { id: _id, ...rest };
}
