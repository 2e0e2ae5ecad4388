import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import { outboxPlugin } from "@intl/kafka";
import type { OutboxEntry } from "@intl/kafka";
import { CollaborationStatus } from "../domain/collaboration.ts";
import type { CollaborationState } from "../domain/collaboration.ts";
import { collaborationDimensions, collaborationTypes } from "../domain/vocabulary.ts";

export type CollaborationDocument = Omit<CollaborationState, "id"> & {
  _id: string;
  _outbox?: OutboxEntry[];
  /** Set by every write until its institution links are written (see collaborationLinkModel.ts). */
  linksPending?: boolean;
};

const fundingSchema = new Schema(
  {
    amount: { type: Number, required: true },
    currency: { type: String, required: true },
    funder: { type: String, required: true },
  },
  { _id: false },
);

const collaborationSchema = new Schema<CollaborationDocument>(
  {
    _id: { type: String, required: true },
    title: { type: String, required: true },
    type: { type: String, enum: collaborationTypes, required: true },
    status: { type: String, enum: Object.values(CollaborationStatus), required: true },
    institutionIds: { type: [String], default: [] },
    companies: { type: [String], default: [] },
    leadFacultyId: { type: String, required: true },
    centreId: { type: String, required: true },
    startDate: { type: String, required: true },
    endDate: { type: String, default: null },
    funding: { type: fundingSchema, default: null },
    dimensions: { type: [String], enum: collaborationDimensions, default: [] },
    description: { type: String, default: null },
    startedAt: { type: Date, default: null },
    endedAt: { type: Date, default: null },
    version: { type: Number, required: true },
    demo: { type: Boolean, default: false },
    linksPending: { type: Boolean },
  },
  { collection: "collaborations", autoIndex: false, versionKey: false },
);
collaborationSchema.plugin(outboxPlugin);
// Lists by institution go through the links (collaborationLinkModel.ts): FerretDB pushes no array match down.
collaborationSchema.index({ linksPending: 1 });
collaborationSchema.index({ status: 1, startDate: 1 });
collaborationSchema.index({ centreId: 1, startDate: 1 });
collaborationSchema.index({ leadFacultyId: 1, startDate: 1 });
collaborationSchema.index({ startDate: 1 });

export function collaborationModel(connection: Connection): Model<CollaborationDocument> {
  return connection.model<CollaborationDocument>("Collaboration", collaborationSchema);
}

export function collaborationFromDocument(document: CollaborationDocument): CollaborationState {
  const { _id, _outbox: _pending, linksPending: _linksPending, ...rest } = document;
  return { id: _id, ...rest, funding: rest.funding ?? null };
}
