import DataLoader from "dataloader";

/**
 * A per-request DataLoader by id: every `load(id)` of one tick becomes one
 * `fetch(ids)`, whatever order and subset the fetch returns; results come back
 * in key order, `null` for ids that do not exist. Create it in `buildContext` so
 * the cache dies with the request. Fetch with `@intl/mongo`'s `findByIds` /
 * `findWhereIn`, which send the batch the way the store serves it: one `$in` on
 * MongoDB, parallel top-level equalities on FerretDB (where an `$in` is a full scan).
 */
export function createByIdLoader<T extends { id: string }>(
  fetch: (ids: readonly string[]) => Promise<readonly T[]>,
  options: { maxBatchSize?: number } = {},
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(
    async (ids) => {
      const found = await fetch(ids);
      const byId = new Map<string, T>();
      for (const item of found) byId.set(String(item.id), item);
      return ids.map((id) => byId.get(id) ?? null);
    },
    { maxBatchSize: options.maxBatchSize ?? 100 },
  );
}
