/**
 * The record of access (GDPR arts. 30, 32): every GraphQL request that reads a personal field or
 * writes personal data leaves ONE record in its service's `access_records` collection — who
 * (the viewer's subject and role), when, which operation (name, type), the request id, READ or
 * WRITE, and about whom which fields (`{ subject: "STUDENT:42", fields: [...] }`) — never a value.
 *
 * A service only declares what is personal (`PersonalDataAccess`): per GraphQL type its personal
 * fields and whom a parent object is about; per mutation the fields it writes and about whom.
 * A plugin collects, while the operation runs, the subjects whose declared fields resolved to a
 * value (a refused or null field disclosed nothing) into a per-request map: a list of 100 students
 * is one record naming 100 subjects. After the response, the record is queued; one writer inserts
 * the queue in batches, off the request's path (a failure is logged and counted, never the
 * request's). The collection is append-only: no code path updates or deletes a record (the model
 * refuses), and erasure leaves them, since they hold ids and field names only.
 *
 * ADMIN reads a person's trail through the `PersonalDataSubject` entity: each service resolves its
 * `<service>Access(first, after, since, until, operation)` field from its own records.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { Role, requireRole } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { badInput } from "@intl/errors";
import { counter } from "@intl/metrics";
import { keepOutOfReadCache, paginateLean } from "@intl/mongo";
import { Schema } from "mongoose";
import type { Connection, Model, MongooseQueryMiddleware } from "mongoose";
import type { BaseContext } from "./context.ts";
import type { Logger } from "./logger.ts";
import { personFromSubjectId } from "./personal-data-export.ts";

/** Whom something is about: `<KIND>:<id>` (as in the export), several, or nobody (null, undefined). */
type Subjects = string | readonly string[] | null | undefined;

/** A type's personal fields and whom an object of that type (a resolver's parent) is about. */
export interface PersonalFields {
  fields: readonly string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each type's parent is the service's own object
  subject: (parent: any) => Subjects;
}

/** The personal fields a mutation writes, and about whom (from its arguments and its result). */
export interface PersonalWrite {
  fields: readonly string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the mutation's arguments and result, as its resolver has them
  subject: (args: any, result: any) => Subjects;
}

/** What a service declares personal (see the file's comment). */
export interface PersonalDataAccess {
  /** Per GraphQL object type. */
  reads: Record<string, PersonalFields>;
  /** Per mutation field. */
  writes?: Record<string, PersonalWrite>;
}

export type AccessKind = "READ" | "WRITE";

/** One stored record: ids and names only. */
export interface AccessRecordDocument {
  _id: string;
  at: Date;
  service: string;
  requestId: string;
  viewerSubject: string | null;
  viewerRole: string | null;
  operationName: string | null;
  operationType: string;
  /** WRITE when the operation wrote personal data (its fields then include any read back), else READ. */
  kind: AccessKind;
  subjects: { subject: string; fields: string[] }[];
  /** The subjects' ids again, top-level: what the trail's query looks up (a multikey index). */
  subjectIds: string[];
}

const recordSchema = new Schema<AccessRecordDocument>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    service: { type: String, required: true },
    requestId: { type: String, required: true },
    viewerSubject: { type: String, default: null },
    viewerRole: { type: String, default: null },
    operationName: { type: String, default: null },
    operationType: { type: String, required: true },
    kind: { type: String, required: true },
    subjects: {
      type: [new Schema({ subject: String, fields: [String] }, { _id: false })],
      required: true,
    },
    subjectIds: { type: [String], required: true },
  },
  { collection: "access_records", autoIndex: false, versionKey: false },
);
// A person's trail, latest first: one equality on the array of ids (FerretDB pushes it down as a
// containment test; MongoDB uses the multikey index), then the instant.
recordSchema.index({ subjectIds: 1, at: -1 });

// Append-only: nothing in the code may change or remove a record.
const changes: MongooseQueryMiddleware[] = [
  "updateOne",
  "updateMany",
  "replaceOne",
  "findOneAndUpdate",
  "findOneAndReplace",
  "findOneAndDelete",
  "deleteOne",
  "deleteMany",
];
recordSchema.pre(changes, function refuse() {
  throw new Error("access records are append-only");
});

/** The service's access records (the model; `prepare` builds its index). */
export function accessRecordModel(connection: Connection): Model<AccessRecordDocument> {
  return (
    (connection.models.AccessRecord as Model<AccessRecordDocument> | undefined) ??
    connection.model<AccessRecordDocument>("AccessRecord", recordSchema)
  );
}

const unstored = counter({
  name: "intl_access_records_unstored_total",
  help: "Access records not stored (queue full, or the insert failed); each is also logged",
  labelNames: ["service", "cause"],
});

/** The most records waiting for the store; past it new ones are dropped, logged and counted. */
export const MAX_PENDING_ACCESS_RECORDS = 10_000;
const BATCH = 500;

/**
 * Inserts queued records in batches, one insert at a time, so that a burst of requests costs a
 * few writes and the requests never wait for them. `flush` resolves once the queue is empty.
 */
export function accessRecordWriter(options: {
  model: Model<AccessRecordDocument>;
  service: string;
  logger: Logger;
  maxPending?: number;
}) {
  const { model, service, logger } = options;
  const maxPending = options.maxPending ?? MAX_PENDING_ACCESS_RECORDS;
  const queue: AccessRecordDocument[] = [];
  let writing: Promise<void> | null = null;

  const drain = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.splice(0, BATCH);
      try {
        await model.insertMany(batch, { ordered: false });
      } catch (error) {
        unstored.inc({ service, cause: "insert" }, batch.length);
        logger.error({ err: error, records: batch.length }, "access records not stored");
      }
    }
  };
  const write = (): void => {
    if (writing) return;
    writing = drain().finally(() => {
      writing = null;
      // Queued while the last insert was ending.
      if (queue.length > 0) write();
    });
  };

  return {
    add(record: AccessRecordDocument): void {
      if (queue.length >= maxPending) {
        unstored.inc({ service, cause: "queue-full" });
        logger.error(
          { requestId: record.requestId, pending: queue.length },
          "access record dropped: queue full",
        );
        return;
      }
      queue.push(record);
      write();
    },
    async flush(): Promise<void> {
      while (writing) await writing;
    },
  };
}

/** The client's operation name: the gateway names its fetches `<name>__<subgraph>__<n>`. */
export function clientOperationName(name: string | null | undefined): string | null {
  if (!name) return null;
  return /^(.*)__[A-Za-z0-9_-]+__\d+$/.exec(name)?.[1] ?? name;
}

function subjectList(subjects: Subjects): readonly string[] {
  if (subjects === null || subjects === undefined) return [];
  return typeof subjects === "string" ? [subjects] : subjects;
}

/** What one request touched so far: subject → fields, and whether a declared mutation succeeded. */
export interface Touched {
  subjects: Map<string, Set<string>>;
  wrote: boolean;
}

export function nothingTouched(): Touched {
  return { subjects: new Map(), wrote: false };
}

/** Collects what one request touches while it runs (see `Touched`). */
export function accessCollector(declaration: PersonalDataAccess) {
  const reads = new Map(
    Object.entries(declaration.reads).map(([type, read]) => [
      type,
      { ...read, fields: new Set(read.fields) },
    ]),
  );
  const writes = new Map(Object.entries(declaration.writes ?? {}));
  return {
    /** The callback for one field about to resolve, or undefined when the field is not personal. */
    field(
      type: string,
      field: string,
      parent: unknown,
      args: unknown,
      touched: Touched,
    ): ((error: Error | null, result?: unknown) => void) | undefined {
      const add = (subjects: Subjects, fields: Iterable<string>) => {
        for (const subject of subjectList(subjects)) {
          const known = touched.subjects.get(subject) ?? new Set<string>();
          for (const each of fields) known.add(each);
          touched.subjects.set(subject, known);
        }
      };
      if (type === "Mutation") {
        const write = writes.get(field);
        if (!write) return undefined;
        return (error, result) => {
          if (error) return;
          touched.wrote = true;
          add(write.subject(args, result), write.fields);
        };
      }
      const read = reads.get(type);
      if (!read?.fields.has(field)) return undefined;
      return (error, result) => {
        // A refused field, or one without a value (erased, not given), disclosed nothing.
        if (error || result === null || result === undefined) return;
        add(read.subject(parent), [field]);
      };
    },
  };
}

/** The record of what one request touched, or null when it touched no personal data. */
export function accessRecordOf(
  touched: Touched,
  request: {
    id: string;
    at: Date;
    service: string;
    requestId: string;
    viewer: Viewer;
    operationName: string | null | undefined;
    operationType: string;
  },
): AccessRecordDocument | null {
  const subjects = [...touched.subjects].map(([subject, fields]) => ({
    subject,
    fields: [...fields].sort(),
  }));
  if (subjects.length === 0) return null;
  return {
    _id: request.id,
    at: request.at,
    service: request.service,
    requestId: request.requestId,
    viewerSubject: request.viewer.authenticated ? request.viewer.subject : null,
    viewerRole: request.viewer.authenticated ? request.viewer.role : null,
    operationName: clientOperationName(request.operationName),
    operationType: request.operationType,
    kind: touched.wrote ? "WRITE" : "READ",
    subjects,
    subjectIds: subjects.map(({ subject }) => subject),
  };
}

/** The Apollo plugin: collects per request, hands the record to `record` after the response. */
export function accessRecordPlugin<TContext extends BaseContext>(options: {
  service: string;
  declaration: PersonalDataAccess;
  record: (record: AccessRecordDocument) => void;
  clock: () => Date;
  newId: () => string;
}): ApolloServerPlugin<TContext> {
  const collector = accessCollector(options.declaration);
  return {
    async requestDidStart() {
      const touched = nothingTouched();
      return {
        async executionDidStart() {
          return {
            willResolveField: ({ source, args, info }) =>
              collector.field(info.parentType.name, info.fieldName, source, args, touched),
          };
        },
        async willSendResponse({ contextValue, operation, operationName }) {
          if (touched.subjects.size === 0) return;
          const record = accessRecordOf(touched, {
            id: options.newId(),
            at: options.clock(),
            service: options.service,
            requestId: contextValue.requestId,
            viewer: contextValue.viewer,
            operationName: operationName ?? operation?.name?.value,
            operationType: operation?.operation ?? "unknown",
          });
          if (record) options.record(record);
        },
      };
    },
  };
}

export interface AccessTrailArgs {
  first?: number | null;
  after?: string | null;
  /** ISO instants: records at or after `since`, before `until`. */
  since?: string | null;
  until?: string | null;
  /** The client's operation name. */
  operation?: string | null;
}

function instant(value: string | null | undefined, field: string): Date | null {
  if (value === null || value === undefined) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badInput("INVALID_INPUT", field, `${field} is an ISO date-time.`);
  return date;
}

/** One page of a person's trail in this service, latest first, as the graph answers it (JSON). */
export async function accessTrail(
  model: Model<AccessRecordDocument>,
  subject: string,
  args: AccessTrailArgs,
) {
  const since = instant(args.since, "since");
  const until = instant(args.until, "until");
  const at = { ...(since ? { $gte: since } : {}), ...(until ? { $lt: until } : {}) };
  const page = await paginateLean(model, {
    filter: {
      subjectIds: subject,
      ...(since || until ? { at } : {}),
      ...(args.operation ? { operationName: args.operation } : {}),
    },
    sort: { field: "at", direction: -1 },
    first: args.first,
    after: args.after,
  });
  return {
    totalCount: page.totalCount,
    pageInfo: page.pageInfo,
    nodes: page.nodes.map((record) => ({
      at: record.at.toISOString(),
      service: record.service,
      kind: record.kind,
      requestId: record.requestId,
      viewer: { subject: record.viewerSubject, role: record.viewerRole },
      operation: { name: record.operationName, type: record.operationType },
      fields: record.subjects.find((each) => each.subject === subject)?.fields ?? [],
    })),
  };
}

/**
 * A service's record of access, assembled once by `defineSubgraphService`: the plugin, the
 * writer, the trail's resolver (`PersonalDataSubject.<service>Access`, ADMIN) and the index.
 * The export's own field (`PersonalDataSubject.<service>`) is a read of everything on the person.
 */
export function accessRecording<TContext extends BaseContext>(options: {
  service: string;
  connection: Connection;
  declaration: PersonalDataAccess;
  logger: Logger;
  clock: () => Date;
  newId: () => string;
}) {
  const { service, connection } = options;
  const model = accessRecordModel(connection);
  // Its inserts must not empty the read cache of the service's queries, which never read it.
  keepOutOfReadCache(connection, model.collection.collectionName);
  const writer = accessRecordWriter({ model, service, logger: options.logger });
  const declaration: PersonalDataAccess = {
    ...options.declaration,
    reads: {
      ...options.declaration.reads,
      PersonalDataSubject: { fields: [service], subject: (parent: { id: string }) => parent.id },
    },
  };
  return {
    model,
    plugin: accessRecordPlugin<TContext>({ ...options, declaration, record: writer.add }),
    resolvers: {
      PersonalDataSubject: {
        [`${service}Access`]: async (parent: { id: string }, args: AccessTrailArgs, context: BaseContext) => {
          requireRole(context.viewer, Role.ADMIN);
          personFromSubjectId(parent.id);
          return { service, ...(await accessTrail(model, parent.id, args)) };
        },
      },
    },
    prepare: () => model.createIndexes(),
    /** Waits for the records queued so far to be stored (tests; `stop`). */
    flush: writer.flush,
  };
}
