import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import { outboxPlugin } from "@intl/kafka";
import { allowUnindexedQuery } from "@intl/mongo";
import type { OutboxEntry } from "@intl/kafka";
import { PhdPositionStatus } from "../domain/phdPosition.ts";
import type { PhdCandidateState, PhdPositionState } from "../domain/phdPosition.ts";
import { researchDomains } from "../domain/vocabulary.ts";

export type PhdPositionDocument = Omit<PhdPositionState, "id" | "candidates"> & {
  _id: string;
  candidates: (Omit<PhdCandidateState, "id"> & { _id: string })[];
  _outbox?: OutboxEntry[];
};

const assessmentSchema = new Schema(
  {
    scientificExcellence: { type: Number, required: true },
    motivation: { type: Number, required: true },
    professionalProject: { type: Number, required: true },
    assessedBy: { type: String, required: true },
    assessedAt: { type: Date, required: true },
  },
  { _id: false },
);

const candidateSchema = new Schema(
  {
    _id: { type: String, required: true },
    applicationId: { type: String, default: null },
    studentId: { type: String, default: null },
    fullName: { type: String, default: null },
    institutionId: { type: String, default: null },
    assessment: { type: assessmentSchema, default: null },
    candidateAgreedAt: { type: Date, default: null },
    coSupervisorAgreedAt: { type: Date, default: null },
    addedAt: { type: Date, required: true },
  },
  { _id: false },
);

const coSupervisorSchema = new Schema(
  { fullName: { type: String, required: true }, institutionId: { type: String, required: true } },
  { _id: false },
);

const phdPositionSchema = new Schema<PhdPositionDocument>(
  {
    _id: { type: String, required: true },
    subject: { type: String, required: true },
    domain: { type: String, enum: researchDomains, required: true },
    centreId: { type: String, required: true },
    supervisorId: { type: String, required: true },
    coSupervisor: { type: coSupervisorSchema, default: null },
    academicYear: { type: String, required: true },
    status: { type: String, enum: Object.values(PhdPositionStatus), required: true },
    candidates: { type: [candidateSchema], default: [] },
    selectedCandidateId: { type: String, default: null },
    selectedAt: { type: Date, default: null },
    openedAt: { type: Date, required: true },
    version: { type: Number, required: true },
    demo: { type: Boolean, default: false },
  },
  { collection: "phd_positions", autoIndex: false, versionKey: false },
);
phdPositionSchema.plugin(outboxPlugin);
phdPositionSchema.index({ status: 1, openedAt: 1 });
phdPositionSchema.index({ supervisorId: 1, openedAt: 1 });
phdPositionSchema.index({ centreId: 1, openedAt: 1 });
phdPositionSchema.index({ openedAt: 1 });
// Erasure finds a person's candidacies by student id or candidate id (docs/data-protection.md):
// FerretDB 1.24 pushes down no nested path, and an ADMIN's erasure is rare over a few hundred positions.
for (const path of ["candidates.studentId", "candidates._id"]) {
  allowUnindexedQuery(phdPositionSchema, {
    filter: [path],
    reason: "erasure of a PhD candidate (ADMIN, rare): positions are a few hundred",
  });
}

export function phdPositionModel(connection: Connection): Model<PhdPositionDocument> {
  return connection.model<PhdPositionDocument>("PhdPosition", phdPositionSchema);
}

export function positionFromDocument(document: PhdPositionDocument): PhdPositionState {
  const { _id, _outbox: _pending, candidates, ...rest } = document;
  return {
    id: _id,
    ...rest,
    coSupervisor: rest.coSupervisor ?? null,
    candidates: candidates.map(({ _id: candidateId, ...candidate }) => ({
      id: candidateId,
      ...candidate,
      assessment: candidate.assessment ?? null,
    })),
  };
}

export function positionToDocument(position: PhdPositionState): Omit<PhdPositionDocument, "_outbox"> {
  const { id, candidates, ...rest } = position;
  return {
    _id: id,
    ...rest,
    candidates: candidates.map(({ id: candidateId, ...candidate }) => ({ _id: candidateId, ...candidate })),
  };
}
