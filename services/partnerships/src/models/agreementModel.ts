import { allowUnindexedQuery } from "@intl/mongo";
import { Schema } from "mongoose";
import { outboxPlugin } from "@intl/kafka";
import type { OutboxEntry } from "@intl/kafka";
import type { Zone } from "../domain/countryCodes.ts";
import type { AgreementStatus } from "../domain/agreementLifecycle.ts";
import type { AgreementTerms } from "../domain/agreementTerms.ts";

export interface AgreementRenewalRecord {
  renewedOn: string;
  previousLastAcademicYear: string;
  lastAcademicYear: string;
}

/** The agreement aggregate; country and zone are copied from its institution for filtering and counting. */
export interface AgreementDocument extends AgreementTerms {
  _id: string;
  institutionId: string;
  countryCode: string;
  zone: Zone;
  status: AgreementStatus;
  /** First instant after the last academic year: what the expiry job looks for. */
  endsAt: Date;
  activatedOn: string | null;
  expiredOn: string | null;
  terminatedOn: string | null;
  terminationReason: string | null;
  renewals: AgreementRenewalRecord[];
  demo: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  _outbox: OutboxEntry[];
}

const nullableString = { type: String, default: null };

export const agreementSchema = new Schema<AgreementDocument>(
  {
    _id: { type: String, required: true },
    institutionId: { type: String, required: true },
    countryCode: { type: String, required: true },
    zone: { type: String, required: true },
    type: { type: String, required: true },
    status: { type: String, required: true },
    title: nullableString,
    programmeCodes: { type: [String], default: [] },
    eqfLevels: { type: [Number], default: [] },
    iscedFields: { type: [String], default: [] },
    seatsOutgoingPerYear: { type: Number, required: true },
    seatsIncomingPerYear: { type: Number, required: true },
    languageRequirements: {
      type: [new Schema({ language: String, level: String }, { _id: false })],
      default: [],
    },
    firstAcademicYear: { type: String, required: true },
    lastAcademicYear: { type: String, required: true },
    endsAt: { type: Date, required: true },
    signedByPartnerOn: nullableString,
    signedBySchoolOn: nullableString,
    activatedOn: nullableString,
    expiredOn: nullableString,
    terminatedOn: nullableString,
    terminationReason: nullableString,
    renewals: {
      type: [
        new Schema(
          { renewedOn: String, previousLastAcademicYear: String, lastAcademicYear: String },
          { _id: false },
        ),
      ],
      default: [],
    },
    demo: { type: Boolean, default: false },
    version: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: "agreements", versionKey: false },
);
agreementSchema.plugin(outboxPlugin);
agreementSchema.index({ institutionId: 1, createdAt: -1 });
agreementSchema.index({ status: 1, endsAt: 1 });
agreementSchema.index({ countryCode: 1 });
agreementSchema.index({ createdAt: 1 });
agreementSchema.index({ type: 1, createdAt: 1 });
allowUnindexedQuery(agreementSchema, {
  filter: ["firstAcademicYear", "lastAcademicYear"],
  reason:
    "agreements in force in an academic year (a range on two fields, which FerretDB 1.24 never pushes down): " +
    "an office/analyst filter of the agreements list, not its default",
});
