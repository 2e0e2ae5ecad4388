import type { Connection } from "mongoose";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import type { SortOrder } from "./cursor.ts";
import type { AnyModel, RawDocumentOf } from "./model-types.ts";
import { pageSize } from "./pagination.ts";
import type { PageConnection } from "./pagination.ts";

/** Which server answers on the connection: it decides how a batch of lookups is sent. */
export type StoreKind = "mongodb" | "ferretdb";

const detecting = new WeakMap<Connection, Promise<StoreKind>>();
const detected = new WeakMap<Connection, StoreKind>();

/**
 * Asks the server once per connection (FerretDB's `buildInfo` answers with a
 * `ferretdbVersion` field, MongoDB's does not) and remembers the answer.
 */
export function storeKind(connection: Connection): Promise<StoreKind> {
  let kind = detecting.get(connection);
  if (!kind) {
    kind = (async () => {
      const db = connection.db ?? (await connection.asPromise()).db;
      const info = await db!.admin().command({ buildInfo: 1 });
      const answer: StoreKind = typeof info.ferretdbVersion === "string" ? "ferretdb" : "mongodb";
      detected.set(connection, answer);
      return answer;
    })();
    kind.catch(() => detecting.delete(connection)); // a failed probe is retried by the next call
    detecting.set(connection, kind);
  }
  return kind;
}

/** The store kind if `storeKind` already found it, else undefined (never asks the server). */
export function knownStoreKind(connection: Connection): StoreKind | undefined {
  return detected.get(connection);
}

/** How many equality lookups of one batch run at once on FerretDB (the pool holds 100 connections by default). */
export const BATCH_LOOKUP_CONCURRENCY = 10;

/**
 * Runs a batch of lookups of `field` in `values` the way the store can serve it:
 * one `{ field: { $in: values } }` query on MongoDB; on FerretDB 1.24, which
 * pushes down only top-level equality (an `$in`, even on `_id`, reads the whole
 * collection: 695 ms for 3 ids out of 20,000, against 14 ms per equality), one
 * `{ field: value }` query per distinct value, at most `concurrency` at a time.
 * `run` builds and executes the query from the condition it is given, so extra
 * conditions, projections and sorts stay the caller's; results come concatenated
 * in no particular order.
 */
export async function findWhereIn<T>(
  model: AnyModel,
  field: string,
  values: readonly unknown[],
  run: (condition: Record<string, unknown>) => Promise<readonly T[]>,
  options: { concurrency?: number } = {},
): Promise<T[]> {
  const distinct = [...new Set(values)];
  if (distinct.length === 0) return [];
  if (distinct.length === 1) return [...(await run({ [field]: distinct[0] }))];
  if ((await storeKind(model.db)) === "mongodb") return [...(await run({ [field]: { $in: distinct } }))];
  const results = await mapConcurrently(distinct, options.concurrency ?? BATCH_LOOKUP_CONCURRENCY, (value) =>
    run({ [field]: value }),
  );
  return results.flat();
}

/** Documents by `_id`, batched as the store can serve it (see `findWhereIn`). */
export function findByIds<T>(
  model: AnyModel,
  ids: readonly unknown[],
  run: (condition: Record<string, unknown>) => Promise<readonly T[]>,
): Promise<T[]> {
  return findWhereIn(model, "_id", ids, run);
}

/**
 * One page of the documents of a known list of string `ids`, in `_id` order:
 * what `paginate(model, { filter: { _id: { $in: ids } } })` answers, with the
 * page's documents fetched by `findByIds` (an `$in` reads the whole collection
 * on FerretDB). `totalCount` counts the ids, which the caller knows to exist.
 */
export async function paginateIds<M extends AnyModel>(
  model: M,
  ids: readonly string[],
  request: { first?: number | null; after?: string | null } = {},
): Promise<PageConnection<RawDocumentOf<M>>> {
  const sort: SortOrder = { field: "_id", direction: 1 };
  const limit = pageSize(request.first);
  const position = request.after ? decodeCursor(sort, request.after) : null;
  const sorted = [...new Set(ids)].sort();
  const remaining = position ? sorted.filter((id) => id > String(position.id)) : sorted;
  const wanted = remaining.slice(0, limit + 1);
  const found = await findByIds<RawDocumentOf<M>>(
    model,
    wanted,
    (condition) => model.find(condition).lean().exec() as Promise<RawDocumentOf<M>[]>,
  );
  const byId = new Map(found.map((document) => [String(document._id), document]));
  const ordered = wanted.flatMap((id) => byId.get(id) ?? []);
  const nodes = ordered.slice(0, limit);
  const last = nodes.at(-1);
  return {
    nodes,
    pageInfo: {
      hasNextPage: remaining.length > limit,
      endCursor: last ? encodeCursor(sort, { value: last._id, id: last._id }) : null,
    },
    totalCount: sorted.length,
  };
}

async function mapConcurrently<V, R>(
  values: readonly V[],
  limit: number,
  work: (value: V) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(values.length);
  let next = 0;
  async function worker() {
    while (next < values.length) {
      const index = next++;
      results[index] = await work(values[index]!);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, values.length) }, worker));
  return results;
}
