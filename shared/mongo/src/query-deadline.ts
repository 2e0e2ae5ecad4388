import type { Aggregate, Connection, MongooseQueryMiddleware, Query, Schema } from "mongoose";

/** Each connection's time limit for one store query (`maxTimeMS`), set by `limitQueryTime`. */
const queryTimeLimits = new WeakMap<Connection, number>();

/** The default `maxTimeMS` of every query: below a subgraph operation's deadline (4500 ms). */
export const DEFAULT_QUERY_MAX_TIME_MS = 4000;

/** The query operations that accept `maxTimeMS` (FerretDB 1.24 honours it on reads; see docs/architecture.md). */
const boundedQueries: MongooseQueryMiddleware[] = [
  "find",
  "findOne",
  "countDocuments",
  "estimatedDocumentCount",
  // Not "distinct": FerretDB 1.24 refuses it there (`distinct: unknown field "maxTimeMS"`).
  "findOneAndUpdate",
  "findOneAndDelete",
  "findOneAndReplace",
  "updateOne",
  "updateMany",
  "replaceOne",
  "deleteOne",
  "deleteMany",
];

/**
 * Gives every query of every model of a connection a `maxTimeMS` unless the query
 * set its own, so the store abandons work whose answer the caller no longer
 * waits for (a store query otherwise runs to its end long after its request
 * timed out, and an overload outlives its cause). Register it through
 * `limitQueryTime`, which `connectMongo` calls.
 */
export function queryDeadlinePlugin(schema: Schema): void {
  schema.pre(boundedQueries, function (this: Query<unknown, unknown>) {
    const limit = queryTimeLimits.get(this.model.db);
    if (limit !== undefined && this.getOptions().maxTimeMS === undefined) this.maxTimeMS(limit);
  });
  schema.pre("aggregate", function (this: Aggregate<unknown>) {
    const limit = queryTimeLimits.get(this.model().db);
    if (limit !== undefined && this.options.maxTimeMS === undefined) this.option({ maxTimeMS: limit });
  });
}

/**
 * Bounds each query on `connection` to `maxTimeMS` (the plugin reads the limit of
 * the query's own connection, so one schema may serve connections with different limits).
 * Call before building models on the connection.
 */
export function limitQueryTime(connection: Connection, maxTimeMS: number): void {
  queryTimeLimits.set(connection, maxTimeMS);
  connection.plugin(queryDeadlinePlugin);
}
