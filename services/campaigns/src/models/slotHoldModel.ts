import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";

/**
 * One 5-minute cell of one person's agenda, held by one interview. Its `_id`
 * (`<agenda>@<cell start>`) is the whole "no double booking" rule: a second
 * hold of the same cell is a duplicate key (see domain/agendaBooking.ts).
 */
export interface SlotHoldDocument {
  _id: string;
  agendaId: string;
  interviewId: string;
  cell: Date;
  /** When it was taken: a hold whose interview never got written is swept after a grace period. */
  heldAt: Date;
}

const slotHoldSchema = new Schema<SlotHoldDocument>(
  {
    _id: { type: String, required: true },
    agendaId: { type: String, required: true },
    interviewId: { type: String, required: true },
    cell: { type: Date, required: true },
    heldAt: { type: Date, required: true },
  },
  { collection: "slot_holds", autoIndex: false, versionKey: false },
);
slotHoldSchema.index({ interviewId: 1 });
slotHoldSchema.index({ agendaId: 1, cell: 1 });

export function slotHoldModel(connection: Connection): Model<SlotHoldDocument> {
  return connection.model<SlotHoldDocument>("SlotHold", slotHoldSchema);
}
