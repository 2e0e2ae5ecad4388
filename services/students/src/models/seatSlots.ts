import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import { isDuplicateKeyError } from "@intl/mongo";
import type { Direction } from "../domain/agreements.ts";

/**
 * The seats of one agreement for one academic year and direction, as slot
 * documents `<agreementId>|<year>|<direction>|<n>` (n < seats). A mobility
 * takes a seat by inserting a free slot: the unique `_id` makes two plannings
 * racing for the last seat end with one winner, on MongoDB and on FerretDB
 * alike (FerretDB 1.24 does not apply a conditional `$inc` atomically, inserts
 * are). Cancelling deletes the slot.
 */
export interface SeatSlotRecord {
  _id: string;
  agreementId: string;
  academicYear: string;
  direction: Direction;
  slot: number;
  takenAt: Date;
}

const seatSlotSchema = new Schema<SeatSlotRecord>(
  {
    _id: { type: String, required: true },
    agreementId: { type: String, required: true },
    academicYear: { type: String, required: true },
    direction: { type: String, required: true },
    slot: { type: Number, required: true },
    takenAt: { type: Date, required: true },
  },
  { versionKey: false, collection: "seat_slots" },
);
seatSlotSchema.index({ agreementId: 1, academicYear: 1, direction: 1 });

export type SeatSlotModel = Model<SeatSlotRecord>;

export function seatSlotModel(connection: Connection): SeatSlotModel {
  return connection.model<SeatSlotRecord>("SeatSlot", seatSlotSchema);
}

export interface SeatKey {
  agreementId: string;
  academicYear: string;
  direction: Direction;
}

export function seatSlotId(key: SeatKey, slot: number): string {
  return `${key.agreementId}|${key.academicYear}|${key.direction}|${slot}`;
}

/** Above this many seats, read which slots are taken rather than trying each in turn. */
const SLOTS_TRIED_BLINDLY = 8;

/** Takes a free seat among `seats`; returns its slot id, or null when every seat is taken. */
export async function takeSeat(
  slots: SeatSlotModel,
  key: SeatKey,
  seats: number,
  now: Date,
): Promise<string | null> {
  const taken =
    seats > SLOTS_TRIED_BLINDLY
      ? new Set(
          (await slots.find(key, { slot: 1 }).lean<{ slot: number }[]>().exec()).map((entry) => entry.slot),
        )
      : new Set<number>();
  for (let slot = 0; slot < seats; slot++) {
    if (taken.has(slot)) continue;
    try {
      await slots.create({ _id: seatSlotId(key, slot), ...key, slot, takenAt: now });
      return seatSlotId(key, slot);
    } catch (error) {
      // Someone took this one meanwhile: try the next.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  return null;
}

/** Frees a seat (cancelled mobility, or a planning that failed after taking it). */
export async function releaseSeat(slots: SeatSlotModel, slotId: string): Promise<void> {
  await slots.deleteOne({ _id: slotId }).exec();
}

/** Seats taken per (agreement, year, direction), for reports. */
export async function seatsTaken(slots: SeatSlotModel, key: SeatKey): Promise<number> {
  return slots.countDocuments(key).exec();
}
