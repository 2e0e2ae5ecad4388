/**
 * The conjunction of `conditions` as one filter whose top-level keys the store
 * can push down: merged into a single object when no two conditions name the
 * same key, `$and` only for the clashing ones. Why: FerretDB 1.24 pushes down
 * only top-level equalities; a condition nested in `$and` is applied after
 * reading the whole collection.
 */
export function allOf(...conditions: readonly Record<string, unknown>[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  const clashing: Record<string, unknown>[] = [];
  for (const condition of conditions) {
    for (const [key, value] of Object.entries(condition)) {
      if (key === "$and" && Array.isArray(value)) {
        const inner = allOf(...(value as Record<string, unknown>[]));
        for (const [innerKey, innerValue] of Object.entries(inner)) place(innerKey, innerValue);
      } else {
        place(key, value);
      }
    }
  }
  function place(key: string, value: unknown) {
    if (key in merged) clashing.push({ [key]: value });
    else merged[key] = value;
  }
  if (clashing.length === 0) return merged;
  const and = (merged.$and as Record<string, unknown>[] | undefined) ?? [];
  return { ...merged, $and: [...and, ...clashing] };
}

/**
 * The condition "one of `values`": a plain equality when there is one value (the
 * store pushes it down), `$in` otherwise.
 */
export function oneOf<T>(values: readonly T[]): T | { $in: T[] } {
  return values.length === 1 ? values[0]! : { $in: [...values] };
}

/**
 * Whether `filter` can match no document at all because a top-level condition
 * is an empty `$in` (e.g. a partner asking for another institution's records):
 * such a query is answered without the store, which would read a whole
 * collection on FerretDB to find nothing.
 */
export function matchesNothing(filter: Record<string, unknown>): boolean {
  return Object.values(filter).some(
    (value) =>
      value !== null &&
      typeof value === "object" &&
      Array.isArray((value as { $in?: unknown }).$in) &&
      (value as { $in: unknown[] }).$in.length === 0,
  );
}
