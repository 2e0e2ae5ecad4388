import { Schema } from "mongoose";
import { outboxPlugin } from "@intl/kafka";
import type { OutboxEntry } from "@intl/kafka";
import type { Zone } from "../domain/countryCodes.ts";
import type { InstitutionIdentifiers } from "../domain/institutionIdentifiers.ts";
import type { OfficeEvidence } from "../domain/partnershipEvidence.ts";
import type { DimensionCoverage, PartnershipTier } from "../domain/partnershipCompleteness.ts";
import type { StrategicDesignation } from "../domain/strategicPartnership.ts";

/** Where the institution stands, kept on its document so tier, designation and evidence change atomically. */
export interface PartnershipState {
  tier: PartnershipTier;
  complete: boolean;
  dimensions: DimensionCoverage[];
  /** Null unless designated (stored as null, so "designated" is `$ne: null`). */
  strategic: StrategicDesignation | null;
  officeEvidence: OfficeEvidence[];
  /** When the assessment last changed. */
  assessedAt: Date | null;
}

/**
 * The institution aggregate. Absent identifiers are left out of the document
 * (never null): their unique indexes then ignore them, on MongoDB and FerretDB.
 */
export interface InstitutionDocument {
  _id: string;
  name: string;
  /** Lower case, no accents: what NAME sorting uses. */
  sortName: string;
  countryCode: string;
  zone: Zone;
  city: string | null;
  website: string | null;
  identifiers: Partial<Record<keyof InstitutionIdentifiers, string>>;
  partnership: PartnershipState;
  demo: boolean;
  /** Incremented by every change; events carry it as their sequence. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  _outbox: OutboxEntry[];
}

export const institutionSchema = new Schema<InstitutionDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    sortName: { type: String, required: true },
    countryCode: { type: String, required: true },
    zone: { type: String, required: true },
    city: { type: String, default: null },
    website: { type: String, default: null },
    identifiers: {
      schac: { type: String },
      erasmus: { type: String },
      pic: { type: String },
      ror: { type: String },
    },
    partnership: {
      tier: { type: String, required: true },
      complete: { type: Boolean, required: true },
      dimensions: { type: Schema.Types.Mixed, required: true },
      strategic: { type: Schema.Types.Mixed, default: null },
      officeEvidence: { type: Schema.Types.Mixed, default: [] },
      assessedAt: { type: Date, default: null },
    },
    demo: { type: Boolean, default: false },
    version: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: "institutions", versionKey: false, minimize: false },
);
institutionSchema.plugin(outboxPlugin);
// Sparse: institutions without an identifier do not collide on it.
for (const key of ["schac", "erasmus", "pic", "ror"]) {
  institutionSchema.index(
    { [`identifiers.${key}`]: 1 },
    { unique: true, sparse: true, name: `unique_${key}` },
  );
}
institutionSchema.index({ sortName: 1 });
institutionSchema.index({ countryCode: 1 });
institutionSchema.index({ zone: 1 });
institutionSchema.index({ "partnership.tier": 1 });
