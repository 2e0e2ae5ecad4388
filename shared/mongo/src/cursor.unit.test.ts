import { describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { isDomainError } from "@intl/errors";
import { afterPositionFilter, decodeCursor, encodeCursor } from "./cursor.ts";
import type { SortOrder } from "./cursor.ts";

const byName: SortOrder = { field: "name", direction: 1 };

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("pagination cursor", () => {
  it("round-trips a string sort value and id", () => {
    const cursor = encodeCursor(byName, { value: "Politecnico di Milano", id: "inst-42" });
    expect(decodeCursor(byName, cursor)).toEqual({ value: "Politecnico di Milano", id: "inst-42" });
  });

  it("keeps dates and ObjectIds typed so the next page query compares like with like", () => {
    const bySignedAt: SortOrder = { field: "signedAt", direction: -1 };
    const id = new mongoose.Types.ObjectId();
    const position = decodeCursor(
      bySignedAt,
      encodeCursor(bySignedAt, { value: new Date("2024-09-01T00:00:00Z"), id }),
    );
    expect(position.value).toBeInstanceOf(Date);
    expect((position.value as Date).toISOString()).toBe("2024-09-01T00:00:00.000Z");
    expect(position.id).toBeInstanceOf(mongoose.Types.ObjectId);
    expect(String(position.id)).toBe(String(id));
  });

  it("keeps numbers and a missing sort value (null)", () => {
    const bySeats: SortOrder = { field: "seats", direction: 1 };
    expect(decodeCursor(bySeats, encodeCursor(bySeats, { value: 12, id: "a" }))).toEqual({
      value: 12,
      id: "a",
    });
    expect(decodeCursor(bySeats, encodeCursor(bySeats, { value: undefined, id: "a" }))).toEqual({
      value: null,
      id: "a",
    });
  });

  it("is opaque: base64url without padding", () => {
    expect(encodeCursor(byName, { value: "x?y/z", id: "1" })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ["garbage characters", "not a cursor!"],
    ["base64 of non-JSON", Buffer.from("hello").toString("base64url")],
    ["JSON of the wrong shape", Buffer.from(JSON.stringify({ a: 1 })).toString("base64url")],
    ["an array without an id", Buffer.from(JSON.stringify(["name", 1, "x", null])).toString("base64url")],
  ])("refuses %s as bad input on `after`", (_label, cursor) => {
    const error = errorOf(() => decodeCursor(byName, cursor));
    expect(isDomainError(error)).toBe(true);
    expect(error).toMatchObject({ kind: "BAD_USER_INPUT", reason: "INVALID_CURSOR", field: "after" });
  });

  it("refuses a cursor made for another ordering", () => {
    const cursor = encodeCursor(byName, { value: "a", id: "1" });
    expect(errorOf(() => decodeCursor({ field: "name", direction: -1 }, cursor))).toMatchObject({
      reason: "INVALID_CURSOR",
      field: "after",
    });
    expect(errorOf(() => decodeCursor({ field: "city", direction: 1 }, cursor))).toMatchObject({
      field: "after",
    });
  });
});

describe("what comes after a cursor", () => {
  it("ascending: greater values, or the same value with a greater id", () => {
    expect(afterPositionFilter(byName, { value: "m", id: "5" })).toEqual({
      $or: [{ name: { $gt: "m" } }, { name: "m", _id: { $gt: "5" } }],
    });
  });

  it("descending: smaller values, the same value with a smaller id, then the missing values that sort last", () => {
    expect(afterPositionFilter({ field: "name", direction: -1 }, { value: "m", id: "5" })).toEqual({
      $or: [{ name: { $lt: "m" } }, { name: "m", _id: { $lt: "5" } }, { name: null }],
    });
  });

  it("ascending from a missing value: every present value, or missing with a greater id", () => {
    expect(afterPositionFilter(byName, { value: null, id: "5" })).toEqual({
      $or: [{ name: { $ne: null } }, { name: null, _id: { $gt: "5" } }],
    });
  });

  it("sorting by _id needs no tie-break", () => {
    expect(afterPositionFilter({ field: "_id", direction: -1 }, { value: "5", id: "5" })).toEqual({
      _id: { $lt: "5" },
    });
  });
});
