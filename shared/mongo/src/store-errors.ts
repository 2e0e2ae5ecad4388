/** The store's code for a second document with the same unique key (MongoDB's and FerretDB's). */
const DUPLICATE_KEY = 11000;

/** A write refused because a unique key (the `_id` or a unique index) is already taken. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === DUPLICATE_KEY;
}

/**
 * The positions of the writes a bulk write (`insertMany`, `bulkWrite`, unordered)
 * had refused for a duplicate key: `[]` for a single refused write, `null` when
 * anything else failed (or nothing did).
 */
export function duplicateKeyIndexes(error: unknown): number[] | null {
  if (typeof error !== "object" || error === null) return null;
  const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
  const list = (Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : []) as {
    code?: unknown;
    index: number;
  }[];
  if (list.length === 0) return isDuplicateKeyError(error) ? [] : null;
  if (!list.every((writeError) => writeError.code === DUPLICATE_KEY)) return null;
  return list.map((writeError) => writeError.index);
}
