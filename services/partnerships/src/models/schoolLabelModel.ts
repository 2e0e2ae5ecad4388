import { Schema } from "mongoose";
import type { SchoolLabel } from "../domain/schoolLabel.ts";

export interface SchoolLabelDocument extends SchoolLabel {
  _id: string;
  createdAt: Date;
}

export const schoolLabelSchema = new Schema<SchoolLabelDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    kind: { type: String, required: true },
    awardedBy: { type: String, default: null },
    obtainedOn: { type: String, required: true },
    validUntil: { type: String, default: null },
    criteria: { type: [String], default: [] },
    rank: { type: Number, default: null },
    rankScope: { type: String, default: null },
    note: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: "school_labels", versionKey: false },
);
schoolLabelSchema.index({ obtainedOn: 1 });
