import { DomainError, ErrorKind } from "@intl/errors";
import { duplicateKeyIndexes, findByIds } from "@intl/mongo";
import type { Model } from "mongoose";
import { cellsOf, holdIdOf, holdStillStands } from "../domain/agendaBooking.ts";
import { CampaignsReason } from "../domain/errors.ts";
import type { InterviewStatus, Slot } from "../domain/interview.ts";
import type { SlotHoldDocument } from "./slotHoldModel.ts";

const MAX_ATTEMPTS = 5;

export type BookingOutcome = { booked: true } | { booked: false; conflictingInterviewId: string };

export interface AgendaRepository {
  /**
   * Holds every cell of `slot` in the agenda for `interviewId`, unless one is
   * held by an interview that still stands (abandoned holds are swept on the
   * way). All or nothing: on a conflict, the cells just taken are given back.
   */
  book(agendaId: string, interviewId: string, slot: Slot, now: Date): Promise<BookingOutcome>;
  /** Frees every cell `interviewId` holds in the agenda. */
  release(agendaId: string, interviewId: string): Promise<void>;
}

export function agendaRepository(
  SlotHold: Model<SlotHoldDocument>,
  interviewStatus: (interviewId: string) => Promise<InterviewStatus | null>,
): AgendaRepository {
  const release = async (agendaId: string, interviewId: string) => {
    await SlotHold.deleteMany({ agendaId, interviewId }).exec();
  };

  return {
    release,

    async book(agendaId, interviewId, slot, now) {
      const holds = cellsOf(slot).map((cell) => ({
        _id: holdIdOf(agendaId, cell),
        agendaId,
        interviewId,
        cell,
        heldAt: now,
      }));
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        let taken: number[];
        try {
          await SlotHold.collection.insertMany(holds as never[], { ordered: false });
          return { booked: true };
        } catch (error) {
          const duplicates = duplicateKeyIndexes(error);
          if (duplicates === null) {
            await release(agendaId, interviewId);
            throw error;
          }
          taken = duplicates;
        }
        const holders = await findByIds(
          SlotHold,
          taken.map((index) => holds[index]!._id),
          (condition) => SlotHold.find(condition).lean<SlotHoldDocument[]>().exec(),
        );
        // Cells this very interview already holds (a retried booking) are no conflict.
        const others = holders.filter((holder) => holder.interviewId !== interviewId);
        if (others.length === 0 && holders.length === taken.length) return { booked: true };
        const abandoned: string[] = [];
        for (const holderId of new Set(others.map((holder) => holder.interviewId))) {
          const status = await interviewStatus(holderId);
          const held = others.find((holder) => holder.interviewId === holderId)!;
          if (holdStillStands(held, status === null ? null : { status }, now)) {
            await release(agendaId, interviewId);
            return { booked: false, conflictingInterviewId: holderId };
          }
          abandoned.push(holderId);
        }
        await SlotHold.deleteMany({ agendaId, interviewId: { $in: abandoned } }).exec();
      }
      await release(agendaId, interviewId);
      throw new DomainError(
        ErrorKind.CONFLICT,
        CampaignsReason.CONCURRENT_CHANGE,
        "The agenda changed too often meanwhile; try again.",
      );
    },
  };
}
