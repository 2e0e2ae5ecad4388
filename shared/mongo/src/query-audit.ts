import { fileURLToPath } from "node:url";
import mongoose from "mongoose";
import type { Connection, Schema } from "mongoose";
import { knownStoreKind } from "./batch-lookup.ts";
import type { StoreKind } from "./batch-lookup.ts";
import type { AnyModel } from "./model-types.ts";

/**
 * The query audit: records the filter and sort of every query the code sends
 * through mongoose and checks each against the indexes declared on the model's
 * schema, by what FerretDB 1.24 on PostgreSQL can push down (measured: a
 * top-level equality on an indexed field of a string, boolean, date or integer
 * value, also on a field holding an array of them; `_id` equality; nothing nested
 * in `$and`/`$or`, no `$in`, no other condition on an array field, no dotted path). A query is supported when one of its top-level keys is
 * such an equality on the first field of a declared index (or `_id`), or when
 * it reads the whole collection (an empty filter, e.g. a list page or a report);
 * its sort, if any, must be served by an index after the equality fields.
 * Shapes that cannot be supported are declared on the schema with a reason
 * (`allowUnindexedQuery`). Enabled in the integration and e2e tests by
 * `query-audit-setup.ts`.
 */

/** What a top-level filter key asks of the store. */
export interface QueryShape {
  model: string;
  operation: string;
  /** Top-level equalities the store pushes down (a scalar of a pushed-down type on a top-level, non-array field). */
  equality: string[];
  /** Top-level `$in` lists: one query on MongoDB, a full scan on FerretDB. */
  batched: string[];
  /** Conditions the store applies only after reading: ranges, `$or`, `$ne`, nested paths, array fields, nulls. */
  residual: string[];
  /** Sort fields in order. */
  sort: string[];
  /** Every top-level key of the filter, sorted (what an allowance names). */
  keys: string[];
}

/** A query shape accepted without a supporting index, and why. */
export interface UnindexedQueryAllowance {
  /** The filter's top-level keys (any order), e.g. `["status"]` or `["$or"]`. */
  filter: readonly string[];
  reason: string;
}

const allowances = new WeakMap<Schema, UnindexedQueryAllowance[]>();

/**
 * Declares, next to the schema's indexes, a query shape that may run without a
 * supporting index, with the reason (e.g. "admin-only report over a few hundred
 * documents"). The audit then accepts queries whose top-level keys are exactly `filter`.
 */
export function allowUnindexedQuery(schema: Schema, allowance: UnindexedQueryAllowance): void {
  allowances.set(schema, [...(allowances.get(schema) ?? []), allowance]);
}

/** The declared indexes of a schema as ordered key lists (`_id` is always one). */
export function declaredIndexes(schema: Schema): string[][] {
  return [["_id"], ...schema.indexes().map(([fields]) => Object.keys(fields))];
}

function arrayPaths(schema: Schema): Set<string> {
  const arrays = new Set<string>();
  schema.eachPath((path, type) => {
    if (type.instance === "Array" || (type as { $isMongooseArray?: boolean }).$isMongooseArray)
      arrays.add(path);
  });
  return arrays;
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Date)
    return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith("$"));
}

/** Values FerretDB 1.24 on PostgreSQL compares in SQL (its pushdown table): string, ObjectId, boolean, date, integer. */
function isPushedDownValue(value: unknown): boolean {
  if (typeof value === "string" || typeof value === "boolean" || value instanceof Date) return true;
  if (typeof value === "number") return Number.isInteger(value);
  return value instanceof mongoose.Types.ObjectId;
}

/** Classifies a filter's top-level keys against the schema (which fields are arrays). */
export function shapeOf(
  target: { model: string; schema: Schema },
  operation: string,
  filter: Record<string, unknown> | undefined,
  sort: unknown,
): QueryShape {
  const arrays = arrayPaths(target.schema);
  const shape: QueryShape = {
    model: target.model,
    operation,
    equality: [],
    batched: [],
    residual: [],
    sort: sortFields(sort),
    keys: Object.keys(filter ?? {}).sort(),
  };
  for (const [key, value] of Object.entries(filter ?? {})) {
    if (isPagePosition(key, value, shape.sort)) {
      // A later page's position (see `afterPositionFilter`): nothing the store could push down
      // either way, so the page is judged by the rest of its filter, like the first page.
      shape.keys = shape.keys.filter((each) => each !== key);
      continue;
    }
    if (key.startsWith("$")) shape.residual.push(key);
    else if (key.includes(".")) shape.residual.push(`${key} (nested path)`);
    // An array of values equal to a scalar is pushed down like a scalar field (FerretDB tests
    // containment: measured 59 ms over 20,000 documents, as a scalar equality's 56 ms; MongoDB
    // uses a multikey index); any other condition on an array is not.
    else if (arrays.has(key) && !isPushedDownValue(value)) shape.residual.push(`${key} (array field)`);
    else if (isOperatorObject(value)) {
      const operators = Object.keys(value);
      if (operators.length === 1 && operators[0] === "$eq" && isPushedDownValue(value.$eq))
        shape.equality.push(key);
      else if (operators.length === 1 && operators[0] === "$in") shape.batched.push(key);
      else shape.residual.push(`${key} (${operators.join(", ")})`);
    } else if (isPushedDownValue(value)) shape.equality.push(key);
    else shape.residual.push(`${key} (${value === null ? "null" : typeof value} value)`);
  }
  return shape;
}

/** Whether `key: value` is the "after this cursor" condition `paginate` adds for `sort`. */
function isPagePosition(key: string, value: unknown, sort: readonly string[]): boolean {
  const positionFields = new Set([sort[0], "_id"]);
  if (key === "_id" && sort[0] === "_id")
    return isOperatorObject(value) && Object.keys(value).every((operator) => /^\$[gl]t$/.test(operator));
  return (
    key === "$or" &&
    sort.length > 0 &&
    Array.isArray(value) &&
    value.every(
      (branch) =>
        branch !== null &&
        typeof branch === "object" &&
        Object.keys(branch as object).every((field) => positionFields.has(field)),
    )
  );
}

function sortFields(sort: unknown): string[] {
  if (!sort) return [];
  if (Array.isArray(sort))
    return sort.map((entry) => (Array.isArray(entry) ? String(entry[0]) : String(entry)));
  if (sort instanceof Map) return [...sort.keys()].map(String);
  if (typeof sort === "object") return Object.keys(sort);
  return [String(sort)];
}

/** Whether an index starts with some of `equality` (any order) and then `sortField`. */
function indexServesSort(index: string[], equality: string[], sortField: string): boolean {
  for (const key of index) {
    if (key === sortField) return true;
    if (!equality.includes(key)) return false;
  }
  return false;
}

/**
 * Why the store cannot serve `shape` from the declared `indexes`, or null when it can.
 * `store` tells whether an `$in` batch is served (MongoDB) or a full scan (FerretDB).
 */
export function unsupportedReason(
  shape: QueryShape,
  indexes: string[][],
  store: StoreKind = "ferretdb",
): string | null {
  const sort = shape.sort.filter((field) => field !== "_id");
  const sortReason = () => {
    if (sort.length === 0 || shape.equality.includes("_id")) return null;
    return indexes.some((index) => indexServesSort(index, shape.equality, sort[0]!))
      ? null
      : `no index serves the sort on ${sort[0]} after the equality on [${shape.equality.join(", ")}]`;
  };
  if (shape.keys.length === 0) return sortReason();
  if (indexes.some((index) => shape.equality.includes(index[0]!))) return sortReason();
  const indexedBatch = shape.batched.filter((field) => indexes.some((index) => index[0] === field));
  if (indexedBatch.length > 0) {
    if (store === "mongodb") return sortReason();
    return `$in on ${indexedBatch.join(", ")} is a full scan on FerretDB: batch with findWhereIn (one equality per value)`;
  }
  const notPushed = [...shape.residual, ...shape.batched.map((field) => `${field} ($in)`)];
  const equalities =
    shape.equality.length > 0
      ? `; equality on [${shape.equality.join(", ")}] has no index starting with it`
      : "";
  return `no top-level equality on an indexed field${equalities}${notPushed.length > 0 ? `; not pushed down: ${notPushed.join(", ")}` : ""}`;
}

function isAllowed(schema: Schema, shape: QueryShape): boolean {
  return (allowances.get(schema) ?? []).some(
    (allowance) =>
      allowance.filter.length === shape.keys.length &&
      allowance.filter.every((key) => shape.keys.includes(key)),
  );
}

/** A query the audit found unsupported. */
export interface QueryFinding {
  model: string;
  operation: string;
  filter: string;
  sort: string[];
  reason: string;
  callSite: string;
}

/** Filter and sort of a driver call, as mongoose's debug hook sees it. */
function queriesOf(method: string, args: unknown[]): { filter?: Record<string, unknown>; sort?: unknown }[] {
  const options = (index: number) => (args[index] ?? {}) as { sort?: unknown };
  const filter = (index: number) => (args[index] ?? {}) as Record<string, unknown>;
  switch (method) {
    case "find":
    case "findOne":
      return [{ filter: filter(0), sort: options(1).sort }];
    case "countDocuments":
    case "updateOne":
    case "updateMany":
    case "replaceOne":
    case "deleteOne":
    case "deleteMany":
      return [{ filter: filter(0) }];
    case "findOneAndUpdate":
    case "findOneAndReplace":
      return [{ filter: filter(0), sort: options(2).sort }];
    case "findOneAndDelete":
      return [{ filter: filter(0), sort: options(1).sort }];
    case "distinct":
      return [{ filter: filter(1) }];
    case "aggregate": {
      const pipeline = (args[0] ?? []) as Record<string, unknown>[];
      const match = pipeline[0]?.$match as Record<string, unknown> | undefined;
      const sortStage = pipeline[match ? 1 : 0]?.$sort;
      return [{ filter: match ?? {}, sort: sortStage }];
    }
    case "bulkWrite":
      return ((args[0] ?? []) as Record<string, { filter?: Record<string, unknown> }>[]).flatMap(
        (operation) =>
          Object.values(operation)
            .filter((body) => body && typeof body === "object" && "filter" in body)
            .map((body) => ({ filter: body.filter })),
      );
    default:
      return [];
  }
}

// The kit's own helpers (paginate, findWhereIn, ...) issue queries for their callers: a call site is
// the first frame outside this directory, its tests excepted.
const kitDirectory = fileURLToPath(new URL(".", import.meta.url));

function isKitFrame(frame: string): boolean {
  return frame.includes(kitDirectory) && !/\.test\.ts:/.test(frame);
}

/** The stack of the query being sent, deep enough to reach the code past mongoose's and the driver's frames. */
function deepStack(): string | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  try {
    return new Error().stack;
  } finally {
    Error.stackTraceLimit = limit;
  }
}

const frameLocation = /\(?((?:\/|file:)[^()]+:\d+:\d+)\)?$/;

/**
 * The first frame of the stack with a source location outside node_modules,
 * Node's internals and this kit: where the code issued the query.
 */
function callSiteOf(stack: string | undefined): string {
  const frames = (stack ?? "").split("\n").slice(1);
  const own = frames.find(
    (frame) =>
      frameLocation.test(frame) &&
      !frame.includes("node_modules") &&
      !frame.includes("(node:") &&
      !isKitFrame(frame),
  );
  const location = own?.match(frameLocation)?.[1] ?? "unknown call site";
  return location.replace(/^file:\/\//, "").replace(`${process.cwd()}/`, "");
}

/** Queries a test body issues itself (setup, assertions) are not the code's: only the code is audited. */
function issuedByTest(callSite: string): boolean {
  return /\.test\.ts:|\/test\//.test(callSite);
}

export interface QueryAudit {
  /** Unsupported queries seen since the start, one per model, shape and call site. */
  findings(): QueryFinding[];
  /** How many queries were checked. */
  checked(): number;
  stop(): void;
}

/**
 * Starts recording every query sent through mongoose in this process (through
 * mongoose's global `debug` hook, which it takes over until `stop` restores the
 * previous one). Queries issued from test files themselves are skipped unless
 * `includeTestQueries`.
 */
export function startQueryAudit(options: { includeTestQueries?: boolean } = {}): QueryAudit {
  const previous = mongoose.get("debug");
  const findings = new Map<string, QueryFinding>();
  let checked = 0;
  mongoose.set(
    "debug",
    function (this: { conn?: Connection }, collectionName: string, method: string, ...args: unknown[]) {
      const models = Object.values(this.conn?.models ?? {}).filter(
        (model) => (model as AnyModel).collection.collectionName === collectionName,
      ) as AnyModel[];
      const model = models[0];
      if (!model || !this.conn) return;
      const queries = queriesOf(method, args);
      if (queries.length === 0) return;
      const callSite = callSiteOf(deepStack());
      if (!options.includeTestQueries && issuedByTest(callSite)) return;
      const indexes = models.flatMap((each) => declaredIndexes(each.schema));
      for (const { filter, sort } of queries) {
        checked += 1;
        const shape = shapeOf({ model: model.modelName, schema: model.schema }, method, filter, sort);
        const reason = unsupportedReason(shape, indexes, knownStoreKind(this.conn));
        if (reason === null || models.some((each) => isAllowed(each.schema, shape))) continue;
        const finding: QueryFinding = {
          model: model.modelName,
          operation: method,
          filter: describeFilter(shape),
          sort: shape.sort,
          reason,
          callSite,
        };
        findings.set(
          `${finding.model}|${finding.operation}|${finding.filter}|${finding.sort}|${callSite}`,
          finding,
        );
      }
    },
  );
  return {
    findings: () => [...findings.values()],
    checked: () => checked,
    stop: () => mongoose.set("debug", previous as boolean),
  };
}

function describeFilter(shape: QueryShape): string {
  const parts = [
    ...shape.equality.map((field) => `${field}: =`),
    ...shape.batched.map((field) => `${field}: $in`),
    ...shape.residual,
  ];
  return `{ ${parts.join(", ")} }`;
}

/** The findings as one readable failure message: model, filter shape, sort, reason, call site. */
export function formatFindings(findings: readonly QueryFinding[]): string {
  const lines = findings.map(
    (finding) =>
      `- ${finding.model}.${finding.operation} ${finding.filter}${finding.sort.length > 0 ? ` sort [${finding.sort.join(", ")}]` : ""}\n` +
      `    ${finding.reason}\n    at ${finding.callSite}`,
  );
  return (
    `${findings.length} quer${findings.length === 1 ? "y has" : "ies have"} no supporting index ` +
    `(declare one on the schema, reshape the query, or allowUnindexedQuery with a reason):\n${lines.join("\n")}`
  );
}
