import mongoose from "mongoose";
import type { Connection } from "mongoose";

/**
 * Opens a dedicated connection to `dbName` (never mongoose's global default, so
 * several services or test files can share a process). Build models on it with
 * `connection.model(name, schema)`. Resolves once the server answered.
 */
export async function connectMongo(uri: string, dbName: string): Promise<Connection> {
  return mongoose.createConnection(uri, { dbName, serverSelectionTimeoutMS: 10_000 }).asPromise();
}

/** Readiness check: resolves when the store answers a ping, throws otherwise. */
export async function pingMongo(connection: Connection): Promise<void> {
  const db = connection.db;
  if (!db || connection.readyState !== mongoose.ConnectionStates.connected) {
    throw new Error(`MongoDB connection is not open (readyState ${connection.readyState})`);
  }
  await db.admin().command({ ping: 1 });
}
