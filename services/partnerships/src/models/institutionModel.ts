import { allowUnindexedQuery } from "@intl/mongo";
import { Schema } from "mongoose";
import type { Model } from "mongoose";
import { outboxPlugin } from "@intl/kafka";
import type { OutboxEntry } from "@intl/kafka";
import type { InstitutionIdentifiers } from "../domain/institutionIdentifiers.ts";
import type { InstitutionDetails } from "../domain/institutionRegistration.ts";
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
 * The validated details as the document holds them. Absent identifiers are left out
 * (never null): their unique indexes then ignore them, on MongoDB and FerretDB.
 */
export type StoredInstitutionDetails = Omit<InstitutionDetails, "identifiers"> & {
  identifiers: Partial<Record<keyof InstitutionIdentifiers, string>>;
};

/** Only the identifiers that are set stay in (see the sparse unique indexes). */
export function storedDetails(details: InstitutionDetails): StoredInstitutionDetails {
  const identifiers = Object.fromEntries(
    Object.entries(details.identifiers).filter(([, value]) => value !== null),
  ) as StoredInstitutionDetails["identifiers"];
  return { ...details, identifiers };
}

/** The institution aggregate: its details (`sortName` is what NAME sorting uses) and its standing. */
export interface InstitutionDocument extends StoredInstitutionDetails {
  _id: string;
  partnership: PartnershipState;
  demo: boolean;
  // Top-level copies of nested fields, written with them (see `lookupFieldsOf`).
  tier: PartnershipTier;
  strategic: boolean;
  complete: boolean;
  identifierSchac: string | null;
  identifierErasmus: string | null;
  identifierPic: string | null;
  identifierRor: string | null;
  /** Incremented by every change; events carry it as their sequence. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  _outbox: OutboxEntry[];
}

const identifierKeys = ["schac", "erasmus", "pic", "ror"] as const;

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
    tier: { type: String },
    strategic: { type: Boolean },
    complete: { type: Boolean },
    identifierSchac: { type: String, default: null },
    identifierErasmus: { type: String, default: null },
    identifierPic: { type: String, default: null },
    identifierRor: { type: String, default: null },
    version: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: "institutions", versionKey: false, minimize: false },
);
institutionSchema.plugin(outboxPlugin);
// Sparse: institutions without an identifier do not collide on it.
for (const key of identifierKeys) {
  institutionSchema.index(
    { [`identifiers.${key}`]: 1 },
    { unique: true, sparse: true, name: `unique_${key}` },
  );
}
institutionSchema.index({ sortName: 1 });
institutionSchema.index({ countryCode: 1 });
institutionSchema.index({ zone: 1 });
// Lookups and list filters on the top-level copies (FerretDB pushes no nested path down).
institutionSchema.index({ tier: 1, sortName: 1 });
institutionSchema.index({ strategic: 1, sortName: 1 });
institutionSchema.index({ complete: 1 });
institutionSchema.index({ demo: 1, sortName: 1 });
allowUnindexedQuery(institutionSchema, {
  filter: ["countryCode"],
  reason:
    "the institutions list filtered by several countries or by a country priority ($in/$nin over country codes): " +
    "an office/analyst filter, not the list's default; one country is a pushed-down equality",
});
allowUnindexedQuery(institutionSchema, {
  filter: ["tier"],
  reason:
    "the institutions list filtered by several tiers ($in): an office/analyst filter, not the list's default; " +
    "one tier is a pushed-down equality",
});
for (const key of identifierKeys) institutionSchema.index({ [identifierLookupField(key)]: 1 });

/** The top-level copy of `identifiers[key]`: what a lookup by that identifier filters on. */
export function identifierLookupField(
  key: keyof InstitutionIdentifiers,
): "identifierSchac" | "identifierErasmus" | "identifierPic" | "identifierRor" {
  return `identifier${key[0]!.toUpperCase()}${key.slice(1)}` as ReturnType<typeof identifierLookupField>;
}

/**
 * Top-level copies of the nested fields that lookups and lists filter on,
 * written in the same single-document update as what they copy. Why: FerretDB
 * 1.24 pushes down only top-level equalities; a filter on `partnership.tier` or
 * `identifiers.ror` reads every institution. Documents stored before the copies
 * get them at start (`copyLookupFields`).
 */
export function partnershipLookupFields(partnership: PartnershipState) {
  return {
    tier: partnership.tier,
    strategic: partnership.strategic !== null,
    complete: partnership.complete,
  };
}

export function identifierLookupFields(identifiers: InstitutionDocument["identifiers"]) {
  return Object.fromEntries(
    identifierKeys.map((key) => [identifierLookupField(key), identifiers[key] ?? null]),
  ) as Pick<InstitutionDocument, ReturnType<typeof identifierLookupField>>;
}

export function lookupFieldsOf(institution: Pick<InstitutionDocument, "identifiers" | "partnership">) {
  return {
    ...partnershipLookupFields(institution.partnership),
    ...identifierLookupFields(institution.identifiers),
  };
}

/**
 * Gives the documents stored before the lookup copies existed their copies (at
 * start, before the service answers; one read of the collection). Each update is
 * conditioned on the version read, so a change meanwhile (which writes its own
 * copies) is left alone.
 */
export async function copyLookupFields(Institution: Model<InstitutionDocument>): Promise<number> {
  const documents = await Institution.find({}, { identifiers: 1, partnership: 1, version: 1, tier: 1 })
    .lean<Pick<InstitutionDocument, "_id" | "identifiers" | "partnership" | "version" | "tier">[]>()
    .exec();
  const lacking = documents.filter((document) => document.tier === undefined);
  for (const document of lacking) {
    await Institution.updateOne(
      { _id: document._id, version: document.version },
      { $set: lookupFieldsOf(document) },
    ).exec();
  }
  return lacking.length;
}
