import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import { outboxPlugin } from "@intl/kafka";
import type { OutboxEntry } from "@intl/kafka";
import { FacultyMobilityStatus } from "../domain/facultyMobility.ts";
import type { FacultyMobilityState } from "../domain/facultyMobility.ts";
import { MobilityDirection } from "../domain/vocabulary.ts";

export type FacultyMobilityDocument = Omit<FacultyMobilityState, "id"> & {
  _id: string;
  _outbox?: OutboxEntry[];
};

const facultyMobilitySchema = new Schema<FacultyMobilityDocument>(
  {
    _id: { type: String, required: true },
    direction: { type: String, enum: Object.values(MobilityDirection), required: true },
    status: { type: String, enum: Object.values(FacultyMobilityStatus), required: true },
    facultyId: { type: String, default: null },
    institutionId: { type: String, required: true },
    guestName: { type: String, default: null },
    purpose: { type: String, required: true },
    startDate: { type: String, required: true },
    endDate: { type: String, required: true },
    completedAt: { type: Date, default: null },
    version: { type: Number, required: true },
    demo: { type: Boolean, default: false },
  },
  { collection: "faculty_mobilities", autoIndex: false, versionKey: false },
);
facultyMobilitySchema.plugin(outboxPlugin);
facultyMobilitySchema.index({ institutionId: 1, startDate: 1 });
facultyMobilitySchema.index({ facultyId: 1, startDate: 1 });
facultyMobilitySchema.index({ direction: 1, status: 1, startDate: 1 });
facultyMobilitySchema.index({ startDate: 1 });

export function facultyMobilityModel(connection: Connection): Model<FacultyMobilityDocument> {
  return connection.model<FacultyMobilityDocument>("FacultyMobility", facultyMobilitySchema);
}

export function mobilityFromDocument(document: FacultyMobilityDocument): FacultyMobilityState {
  const { _id, _outbox: _pending, ...rest } = document;
  return { id: _id, ...rest };
}
