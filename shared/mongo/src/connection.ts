import mongoose from "mongoose";
import type { Connection } from "mongoose";
import { tracingEnabled } from "@intl/telemetry";
import { recordCommandDurations } from "./command-metrics.ts";
import { DEFAULT_QUERY_MAX_TIME_MS, limitQueryTime } from "./query-deadline.ts";
import { enableReadCache } from "./read-cache.ts";

/** Store connections per connectMongo call unless told otherwise. */
export const DEFAULT_MAX_POOL_SIZE = 16;

export interface ConnectMongoOptions {
  /** Every query's `maxTimeMS` unless it sets its own (default 4000; MONGODB_MAX_TIME_MS). */
  maxTimeMS?: number;
  /** Connections to the store at most (default 16; MONGODB_MAX_POOL_SIZE); more queries wait for one. */
  maxPoolSize?: number;
  /**
   * How long a read made by a GraphQL query may be served from the read cache
   * (`read-cache.ts`; default 0: off; STORE_READ_CACHE_MS for the services).
   */
  readCacheMs?: number;
  /**
   * Emit the driver's command events (`connection.getClient().on("commandStarted", ...)`), for
   * diagnostics and tests. On whenever the read cache is (it learns of writes from them); the
   * `intl_store_command_duration_seconds` metric is recorded whenever they are on.
   */
  monitorCommands?: boolean;
}

/**
 * Opens a dedicated connection to `dbName` (never mongoose's global default, so
 * several services or test files can share a process). Build models on it with
 * `connection.model(name, schema)`. Resolves once the server answered.
 * Every query on it is bounded by `maxTimeMS`, and a dead store fails calls
 * within seconds (server selection, connect) instead of letting them hang.
 */
export async function connectMongo(
  uri: string,
  dbName: string,
  options: ConnectMongoOptions = {},
): Promise<Connection> {
  // Off by default: with it the driver decodes every reply a second time for its event.
  // On with tracing too: store commands are spans (command-metrics.ts).
  const monitorCommands =
    (options.monitorCommands ?? false) || (options.readCacheMs ?? 0) > 0 || tracingEnabled();
  const connection = mongoose.createConnection(uri, {
    dbName,
    serverSelectionTimeoutMS: 5_000,
    connectTimeoutMS: 5_000,
    // A socket silent this long is dead; well above any bounded query, and above the
    // unbounded writes and index builds of a large demo load on FerretDB.
    socketTimeoutMS: 30_000,
    // The read cache learns of this process's writes from the command monitor.
    monitorCommands,
    // Bounded: FerretDB on PostgreSQL stops answering once its own pool is exhausted (see
    // MONGODB_MAX_POOL_SIZE in @intl/config), and a query waits for a free connection no longer
    // than a subgraph operation may last.
    maxPoolSize: options.maxPoolSize ?? DEFAULT_MAX_POOL_SIZE,
    waitQueueTimeoutMS: 5_000,
  });
  limitQueryTime(connection, options.maxTimeMS ?? DEFAULT_QUERY_MAX_TIME_MS);
  enableReadCache(connection, { ttlMs: options.readCacheMs ?? 0 });
  if (monitorCommands) recordCommandDurations(connection);
  return connection.asPromise();
}

/** Readiness check: resolves when the store answers a ping, throws otherwise. */
export async function pingMongo(connection: Connection): Promise<void> {
  const db = connection.db;
  if (!db || connection.readyState !== mongoose.ConnectionStates.connected) {
    throw new Error(`MongoDB connection is not open (readyState ${connection.readyState})`);
  }
  await db.admin().command({ ping: 1 });
}
