import mongoose from "mongoose";
import { badInput } from "@intl/errors";
import { MongoKitErrorReason } from "./errors.ts";

const { EJSON } = mongoose.mongo.BSON;

export type SortDirection = 1 | -1;

/** One sort field; `_id` is always added as a tie-break in the same direction. */
export interface SortOrder {
  field: string;
  direction: SortDirection;
}

/** Where a page ended: the last node's sort value and id. */
export interface CursorPosition {
  value: unknown;
  id: unknown;
}

/**
 * Opaque cursor: base64url of extended JSON (so dates and ObjectIds keep their
 * type) carrying the ordering it was made for, so a cursor replayed under
 * another ordering is refused instead of silently skipping nodes.
 */
export function encodeCursor(sort: SortOrder, position: CursorPosition): string {
  const payload = [sort.field, sort.direction, position.value ?? null, position.id];
  return Buffer.from(EJSON.stringify(payload), "utf8").toString("base64url");
}

/** Reads a cursor made by `encodeCursor` for the same ordering; anything else is bad input on `after`. */
export function decodeCursor(sort: SortOrder, cursor: string, field = "after"): CursorPosition {
  const invalid = (message: string) => badInput(MongoKitErrorReason.INVALID_CURSOR, field, message);
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid("cursor is not a cursor returned by this list");
  let payload: unknown;
  try {
    payload = EJSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid("cursor is not a cursor returned by this list");
  }
  if (!Array.isArray(payload) || payload.length !== 4 || payload[3] === null || payload[3] === undefined) {
    throw invalid("cursor is not a cursor returned by this list");
  }
  const [sortField, direction, value, id] = payload as [unknown, unknown, unknown, unknown];
  if (sortField !== sort.field || direction !== sort.direction) {
    throw invalid("cursor was returned for another ordering of this list");
  }
  return { value, id };
}

/**
 * The filter selecting what comes strictly after `position` in
 * `sort` + `_id` order. Missing/null sort values sort first in ascending order
 * and last in descending order (MongoDB's order), and `$gt`/`$lt` never match
 * null, hence the explicit null branches.
 */
export function afterPositionFilter(sort: SortOrder, position: CursorPosition): Record<string, unknown> {
  const { field, direction } = sort;
  const beyond = direction === 1 ? "$gt" : "$lt";
  if (field === "_id") return { _id: { [beyond]: position.id } };
  const tie = { [field]: position.value, _id: { [beyond]: position.id } };
  if (position.value === null) {
    return direction === 1 ? { $or: [{ [field]: { $ne: null } }, tie] } : tie;
  }
  const strictlyBeyond = { [field]: { [beyond]: position.value } };
  return direction === 1 ? { $or: [strictlyBeyond, tie] } : { $or: [strictlyBeyond, tie, { [field]: null }] };
}

/** The graph's sort direction argument (`ASC` | `DESC`, ascending when absent) as the store's. */
export function sortDirection(direction: "ASC" | "DESC" | null | undefined): SortDirection {
  return direction === "DESC" ? -1 : 1;
}
