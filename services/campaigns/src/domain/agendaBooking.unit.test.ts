import { describe, expect, it } from "vitest";
import {
  ABANDONED_HOLD_GRACE_MS,
  agendaIdOf,
  cellsOf,
  holdIdOf,
  holdStillStands,
  isOnSlotGrid,
} from "./agendaBooking.ts";
import { slotsOverlap } from "./interviewScheduling.ts";

const at = (iso: string) => new Date(iso);
const slot = (start: string, end: string) => ({ start: at(start), end: at(end) });

describe("a person's agenda, in 5-minute cells", () => {
  it("has a slot hold every cell it covers, end excluded", () => {
    expect(
      cellsOf(slot("2026-03-10T09:00:00Z", "2026-03-10T09:20:00Z")).map((cell) => cell.toISOString()),
    ).toEqual([
      "2026-03-10T09:00:00.000Z",
      "2026-03-10T09:05:00.000Z",
      "2026-03-10T09:10:00.000Z",
      "2026-03-10T09:15:00.000Z",
    ]);
  });

  it("makes overlapping slots share a cell, and back-to-back slots share none", () => {
    const cells = (start: string, end: string) =>
      new Set(cellsOf(slot(start, end)).map((cell) => cell.getTime()));
    const shareACell = (a: Set<number>, b: Set<number>) => [...a].some((cell) => b.has(cell));
    const nine = cells("2026-03-10T09:00:00Z", "2026-03-10T10:00:00Z");
    for (const [start, end] of [
      ["2026-03-10T09:55:00Z", "2026-03-10T10:30:00Z"],
      ["2026-03-10T08:00:00Z", "2026-03-10T11:00:00Z"],
      ["2026-03-10T09:15:00Z", "2026-03-10T09:20:00Z"],
    ] as const) {
      expect(slotsOverlap(slot("2026-03-10T09:00:00Z", "2026-03-10T10:00:00Z"), slot(start, end))).toBe(true);
      expect(shareACell(nine, cells(start, end))).toBe(true);
    }
    expect(shareACell(nine, cells("2026-03-10T10:00:00Z", "2026-03-10T10:30:00Z"))).toBe(false);
    expect(shareACell(nine, cells("2026-03-10T08:30:00Z", "2026-03-10T09:00:00Z"))).toBe(false);
  });

  it("accepts instants on the 5-minute grid only", () => {
    expect(isOnSlotGrid(at("2026-03-10T09:05:00Z"))).toBe(true);
    // Time zone offsets are whole quarters of an hour: a local 09:05 in Delhi is on the grid too.
    expect(isOnSlotGrid(at("2026-03-10T09:05:00+05:30"))).toBe(true);
    expect(isOnSlotGrid(at("2026-03-10T09:07:00Z"))).toBe(false);
    expect(isOnSlotGrid(at("2026-03-10T09:05:30Z"))).toBe(false);
  });

  it("keys each cell by person: a candidate and a faculty member with the same id never collide", () => {
    const cell = at("2026-03-10T09:00:00Z");
    expect(holdIdOf(agendaIdOf({ kind: "candidate", applicationId: "x" }), cell)).not.toBe(
      holdIdOf(agendaIdOf({ kind: "panel-member", facultyId: "x" }), cell),
    );
  });
});

describe("a conflicting hold", () => {
  const now = at("2026-03-01T00:10:00Z");
  const hold = { heldAt: at("2026-03-01T00:09:30Z") };

  it("stands while its interview is scheduled or completed", () => {
    expect(holdStillStands(hold, { status: "SCHEDULED" }, now)).toBe(true);
    expect(holdStillStands(hold, { status: "COMPLETED" }, now)).toBe(true);
  });

  it("no longer stands once its interview is cancelled", () => {
    expect(holdStillStands(hold, { status: "CANCELLED" }, now)).toBe(false);
  });

  it("stands a while for an interview being written, then counts as abandoned", () => {
    expect(holdStillStands(hold, null, now)).toBe(true);
    expect(holdStillStands(hold, null, new Date(hold.heldAt.getTime() + ABANDONED_HOLD_GRACE_MS))).toBe(
      false,
    );
  });
});
