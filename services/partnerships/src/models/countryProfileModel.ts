import { allowUnindexedQuery } from "@intl/mongo";
import { Schema } from "mongoose";
import type { CountryProfile } from "../domain/countryProfile.ts";
import { zones } from "../domain/countryCodes.ts";

/** The office's profile of a country, keyed by its ISO code. */
export interface CountryProfileDocument extends Omit<CountryProfile, "code"> {
  _id: string;
  createdAt: Date;
  updatedAt: Date;
}

const score = { type: Number, default: null };

export const countryProfileSchema = new Schema<CountryProfileDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    zone: { type: String, enum: zones, required: true },
    imtPriority: { type: Boolean, required: true },
    schoolTarget: { type: Boolean, required: true },
    scores: {
      economicPotential: score,
      academicLevel: score,
      feasibility: {
        priorKnowledge: score,
        acceptability: score,
        stability: score,
        sharedWill: score,
        roomForProgress: score,
      },
    },
    note: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: "country_profiles", versionKey: false },
);
countryProfileSchema.index({ zone: 1 });
countryProfileSchema.index({ name: 1 });
// One profile per country (about 250 documents): filters of the countries list need no index.
const fewProfiles = "one profile per country, about 250 documents: reading them all is cheap";
allowUnindexedQuery(countryProfileSchema, {
  filter: ["zone"],
  reason: `several zones ($in): ${fewProfiles}`,
});
allowUnindexedQuery(countryProfileSchema, { filter: ["schoolTarget"], reason: fewProfiles });
allowUnindexedQuery(countryProfileSchema, { filter: ["$or"], reason: `by priority: ${fewProfiles}` });
