import { InterviewStatus } from "./interview.ts";
import type { Slot } from "./interview.ts";

/**
 * "No double booking" as unique keys: every person (a candidate, a panel member)
 * has an agenda made of 5-minute cells, and an interview holds each cell its slot
 * covers, one unique document per person and cell. Two overlapping slots on the
 * 5-minute grid always share a cell, so the store's unique `_id` refuses the
 * second booking atomically, on MongoDB and on FerretDB alike (whose conditional
 * updates are not atomic under concurrency, and whose filters lack `$elemMatch`
 * with operators inside `$not`).
 */
export const SLOT_GRID_MINUTES = 5;
/** A slot holds at most this long: an interview, not a day of meetings. */
export const MAX_SLOT_MINUTES = 240;

const GRID_MS = SLOT_GRID_MINUTES * 60_000;

export type AgendaOwner =
  { kind: "candidate"; applicationId: string } | { kind: "panel-member"; facultyId: string };

/** How long a hold may wait for its interview to be written before it counts as abandoned. */
export const ABANDONED_HOLD_GRACE_MS = 60_000;

export function agendaIdOf(owner: AgendaOwner): string {
  return owner.kind === "candidate" ? `candidate:${owner.applicationId}` : `panel-member:${owner.facultyId}`;
}

/** On the grid: a whole number of 5-minute steps since the epoch (so :00, :05, :10... with no seconds). */
export function isOnSlotGrid(instant: Date): boolean {
  return instant.getTime() % GRID_MS === 0;
}

/** The start of every 5-minute cell a slot on the grid covers. */
export function cellsOf(slot: Slot): Date[] {
  const cells: Date[] = [];
  for (let time = slot.start.getTime(); time < slot.end.getTime(); time += GRID_MS)
    cells.push(new Date(time));
  return cells;
}

/** The unique key of one person's cell. */
export function holdIdOf(agendaId: string, cell: Date): string {
  return `${agendaId}@${cell.toISOString()}`;
}

/**
 * Whether a conflicting hold still stands. It does not when its interview was
 * cancelled (the release did not finish) or was never written after the grace
 * period (the booking stopped half-way): such a hold is removed, not obeyed.
 */
export function holdStillStands(
  hold: { heldAt: Date },
  interview: { status: InterviewStatus } | null,
  now: Date,
): boolean {
  if (interview === null) return now.getTime() - hold.heldAt.getTime() < ABANDONED_HOLD_GRACE_MS;
  return interview.status !== InterviewStatus.CANCELLED;
}
