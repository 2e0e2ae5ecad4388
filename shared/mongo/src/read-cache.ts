import { AsyncLocalStorage } from "node:async_hooks";
import mongoose from "mongoose";
import type { Connection, MongooseQueryMiddleware, Query, Schema } from "mongoose";
import { counter } from "@intl/metrics";

/**
 * A cache of store reads made by GraphQL queries, per connection.
 *
 * Why: FerretDB 1.24 on PostgreSQL spends several milliseconds of CPU on even a
 * lookup by `_id`, so a federated query that fans out to a few hundred lookups
 * saturates a 2-core machine at a handful of requests per second, while many
 * users ask the same things (the dashboard, the institutions list).
 *
 * What stays true:
 * - Only reads inside a read-only GraphQL operation use it (`runInReadScope` +
 *   `markReadOnly`, set by the subgraph server for `query` operations). Mutations,
 *   consumers, the outbox relay and every read-decide-write read the store.
 * - Every write this process sends on the connection (seen on the driver's command
 *   monitor, at its start and at its end) drops everything cached for that connection:
 *   a query never sees data older than this process's last write.
 * - Writes from other processes (a seed, a second replica on MongoDB) are seen after at
 *   most `ttlMs`.
 * - Each hit gets its own copy (documents are hydrated anew), so a resolver that
 *   changes what it read changes nothing for the next request.
 */

/** What the subgraph server records about the operation running in the current async context. */
interface ReadScope {
  readOnly: boolean;
}

const readScope = new AsyncLocalStorage<ReadScope>();

/** Runs `work` (an HTTP request) in a scope where `markReadOnly` may enable cached reads. */
export function runInReadScope<T>(work: () => T): T {
  return readScope.run({ readOnly: false }, work);
}

/** Called once the operation is known to be a `query`: its reads may be served from the cache. */
export function markReadOnly(): void {
  const scope = readScope.getStore();
  if (scope) scope.readOnly = true;
}

interface Entry {
  generation: number;
  expiresAt: number;
  /** Lean results (plain objects), or raw objects to hydrate, or a number. */
  value: unknown;
  hydrate: boolean;
}

interface ConnectionCache {
  ttlMs: number;
  maxEntries: number;
  /** Bumped by every write command, at its start and its end. */
  generation: number;
  entries: Map<string, Entry>;
  /** Reads on their way to the store: the same read asked meanwhile waits for their answer. */
  inflight: Map<string, { generation: number; done: Promise<Entry | undefined> }>;
  hits: number;
  misses: number;
  /** Collections kept out of the cache (`keepOutOfReadCache`). */
  uncached: Set<string>;
}

const caches = new WeakMap<Connection, ConnectionCache>();

const lookups = counter({
  name: "intl_store_read_cache_total",
  help: "Reads of GraphQL query operations looked up in the read cache, by result (hit: the store was not asked, miss)",
  labelNames: ["result"],
});

const WRITE_COMMANDS = new Set([
  "insert",
  "update",
  "delete",
  "findAndModify",
  "create",
  "drop",
  "dropDatabase",
  "renameCollection",
]);

const CACHED_OPERATIONS: MongooseQueryMiddleware[] = [
  "find",
  "findOne",
  "countDocuments",
  "estimatedDocumentCount",
  "distinct",
];

/** The hit and miss counts of a connection's cache (for the bench and tests). */
export function readCacheStats(connection: Connection): { hits: number; misses: number; entries: number } {
  const cache = caches.get(connection);
  return { hits: cache?.hits ?? 0, misses: cache?.misses ?? 0, entries: cache?.entries.size ?? 0 };
}

/**
 * Turns the read cache on for `connection` (created with `monitorCommands: true`), with
 * entries kept at most `ttlMs`. Call before building models on the connection.
 */
export function enableReadCache(
  connection: Connection,
  options: { ttlMs: number; maxEntries?: number },
): void {
  if (options.ttlMs <= 0 || caches.has(connection)) return;
  const cache: ConnectionCache = {
    ttlMs: options.ttlMs,
    maxEntries: options.maxEntries ?? 5_000,
    generation: 0,
    entries: new Map(),
    inflight: new Map(),
    hits: 0,
    misses: 0,
    uncached: new Set(),
  };
  caches.set(connection, cache);
  const writes = new Set<number>();
  const invalidate = () => {
    cache.generation++;
    cache.entries.clear();
  };
  const client = connection.getClient();
  client.on("commandStarted", (event) => {
    if (!WRITE_COMMANDS.has(event.commandName)) return;
    if (event.commandName === "insert" && cache.uncached.has(String(event.command.insert))) return;
    writes.add(event.requestId);
    invalidate();
  });
  const ended = (event: { requestId: number }) => {
    if (writes.delete(event.requestId)) invalidate();
  };
  client.on("commandSucceeded", ended);
  client.on("commandFailed", ended);
  connection.plugin(readCachePlugin);
}

/**
 * Keeps `collection` out of the cache: its reads always go to the store, and inserts into it leave
 * the cache alone. For an append-only collection no cached read depends on (the record of access,
 * written after most queries, would otherwise empty the cache each time).
 */
export function keepOutOfReadCache(connection: Connection, collection: string): void {
  caches.get(connection)?.uncached.add(collection);
}

/** A stable text for a filter, projection or options: regular expressions and dates keep their value. */
export function cacheKeyPart(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, item: unknown) => {
    if (item instanceof RegExp) return `/${item.source}/${item.flags}`;
    if (typeof item === "bigint") return `${item}n`;
    if (typeof item === "function") return undefined;
    return item;
  });
}

type CachedQuery = Query<unknown, unknown> & {
  op?: string;
  _readCache?: {
    key: string;
    generation: number;
    cache: ConnectionCache;
    hydrate: boolean;
    settle: (entry: Entry | undefined) => void;
  };
};

function readCachePlugin(schema: Schema): void {
  schema.pre(CACHED_OPERATIONS, async function (this: CachedQuery) {
    const scope = readScope.getStore();
    const cache = caches.get(this.model.db);
    if (!scope?.readOnly || !cache || cache.uncached.has(this.model.collection.collectionName)) return;
    const options = this.getOptions();
    const lean = Boolean(this.mongooseOptions().lean);
    const key = [
      this.op,
      this.model.collection.collectionName,
      cacheKeyPart(this.getFilter()),
      cacheKeyPart(this.projection()),
      cacheKeyPart({ sort: options.sort, limit: options.limit, skip: options.skip, lean }),
      this.op === "distinct" ? cacheKeyPart((this as unknown as { _distinct?: unknown })._distinct) : "",
    ].join("|");
    const valid = (entry: Entry | undefined): entry is Entry =>
      entry !== undefined && entry.generation === cache.generation && entry.expiresAt > Date.now();
    let entry = cache.entries.get(key);
    // Many users asking the same thing at once: one read goes to the store, the others wait for it.
    const inflight = cache.inflight.get(key);
    if (!valid(entry) && inflight && inflight.generation === cache.generation) entry = await inflight.done;
    if (valid(entry)) {
      cache.hits++;
      lookups.inc({ result: "hit" });
      // Mongoose's way to answer a query from a pre hook: the store is not asked.
      throw mongoose.skipMiddlewareFunction(copyOut(this, entry));
    }
    cache.misses++;
    lookups.inc({ result: "miss" });
    let settle: (entry: Entry | undefined) => void = () => undefined;
    const done = new Promise<Entry | undefined>((resolve) => (settle = resolve));
    const generation = cache.generation;
    cache.inflight.set(key, { generation, done });
    this._readCache = {
      key,
      generation,
      cache,
      hydrate: !lean,
      settle: (settled) => {
        if (cache.inflight.get(key)?.done === done) cache.inflight.delete(key);
        settle(settled);
      },
    };
  });

  schema.post(CACHED_OPERATIONS, function (this: CachedQuery, result: unknown) {
    const pending = this._readCache;
    if (!pending) return;
    this._readCache = undefined;
    const { cache } = pending;
    // A write started or ended since this read began: what it read may already be old.
    if (cache.generation !== pending.generation) return pending.settle(undefined);
    if (cache.entries.size >= cache.maxEntries) {
      const oldest = cache.entries.keys().next().value;
      if (oldest !== undefined) cache.entries.delete(oldest);
    }
    const entry: Entry = {
      generation: pending.generation,
      expiresAt: Date.now() + cache.ttlMs,
      value: copyIn(result, pending.hydrate),
      hydrate: pending.hydrate,
    };
    cache.entries.set(pending.key, entry);
    pending.settle(entry);
  });

  // A failed read releases those waiting for it: they read the store themselves.
  schema.post(CACHED_OPERATIONS, { errorHandler: true }, function (this: CachedQuery, _error: unknown) {
    this._readCache?.settle(undefined);
    this._readCache = undefined;
  });
}

type Hydratable = { toObject(options?: object): unknown };
const isDocument = (value: unknown): value is Hydratable =>
  typeof (value as Hydratable | null)?.toObject === "function";

/** A deep copy that keeps BSON types (ObjectId, Date, Decimal128…), as the driver would have returned them. */
function bsonCopy(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const { BSON } = mongoose.mongo;
  return BSON.deserialize(BSON.serialize({ value }, { ignoreUndefined: true }), { promoteValues: true })[
    "value"
  ];
}

function copyIn(result: unknown, hydrate: boolean): unknown {
  if (!hydrate) return bsonCopy(result);
  const raw = (value: unknown) =>
    isDocument(value) ? value.toObject({ depopulate: true, virtuals: false, getters: false }) : value;
  return bsonCopy(Array.isArray(result) ? result.map(raw) : raw(result));
}

function copyOut(query: CachedQuery, entry: Entry): unknown {
  const value = bsonCopy(entry.value);
  if (!entry.hydrate || value === null || typeof value !== "object") return value;
  const hydrate = (raw: unknown) =>
    raw !== null && typeof raw === "object" ? query.model.hydrate(raw as Record<string, unknown>) : raw;
  return Array.isArray(value) ? value.map(hydrate) : hydrate(value);
}
