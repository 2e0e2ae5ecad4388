import type { ServerResponse } from "node:http";
import { GraphQLError } from "graphql";
import type { GraphQLFieldMap, GraphQLSchema } from "graphql";

/** `extensions.code` of work stopped because its operation ran out of time. */
export const TIMEOUT = "TIMEOUT";
/** `extensions.code` of work stopped because its client left; nobody reads it but the logs. */
export const CLIENT_CLOSED_REQUEST = "CLIENT_CLOSED_REQUEST";

/** The abort reason of a request whose deadline passed. */
export class DeadlineExceeded extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The operation exceeded its time limit of ${timeoutMs} ms.`);
    this.name = "DeadlineExceeded";
  }
}

/** The abort reason of a request whose client closed the connection before the answer. */
export class ClientClosedRequest extends Error {
  constructor() {
    super("The client closed the request before its answer.");
    this.name = "ClientClosedRequest";
  }
}

/**
 * The signal of one HTTP request: aborted with `DeadlineExceeded` once `timeoutMs`
 * have passed (when given), or with `ClientClosedRequest` when the connection closes
 * before the response was sent. Its timer ends with the response, so a finished
 * request leaves nothing behind.
 */
export function requestSignal(res: ServerResponse, timeoutMs?: number): AbortSignal {
  const controller = new AbortController();
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => controller.abort(new DeadlineExceeded(timeoutMs)), timeoutMs);
  // A response that closes before it finished writing lost its client.
  res.once("close", () => {
    clearTimeout(timer);
    if (!res.writableFinished) controller.abort(new ClientClosedRequest());
  });
  return controller.signal;
}

/** The coded GraphQL error for work stopped by `signal` (TIMEOUT or CLIENT_CLOSED_REQUEST). */
export function abortedOperationError(signal: AbortSignal): GraphQLError {
  const reason: unknown = signal.reason;
  if (reason instanceof DeadlineExceeded) {
    return new GraphQLError(reason.message, {
      extensions: { code: TIMEOUT, details: { timeoutMs: reason.timeoutMs } },
    });
  }
  return new GraphQLError(new ClientClosedRequest().message, { extensions: { code: CLIENT_CLOSED_REQUEST } });
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === "function";

/** Settles like `value`, or rejects with the coded error as soon as `signal` aborts. */
function untilAborted(value: PromiseLike<unknown>, signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortedOperationError(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    value.then(
      (settled) => {
        signal.removeEventListener("abort", onAbort);
        resolve(settled);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Makes every resolver of `schema` obey its context's `signal` (when the context has
 * one): a resolver is not started once the signal aborted, and a pending one is
 * answered at once with TIMEOUT (or CLIENT_CLOSED_REQUEST). GraphQL then completes
 * the operation with partial data and coded errors instead of holding the
 * connection until the slowest store query returns. Lists of promises (the
 * `_entities` of federation) are bounded item by item. The work already sent (a
 * store query) is bounded by its own limit (`maxTimeMS`), not stopped here; a
 * mutation answered TIMEOUT may still have been written.
 */
export function boundResolversBySignal(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    // Duck-typed, not `isObjectType`: under vitest the schema may come from another copy of graphql-js.
    const fieldsOf = (type as { getFields?: () => GraphQLFieldMap<unknown, unknown> }).getFields;
    if (type.name.startsWith("__") || typeof fieldsOf !== "function") continue;
    for (const field of Object.values(fieldsOf.call(type))) {
      const resolve = field.resolve;
      // Fields without a resolver read a property: nothing to stop.
      if (!resolve) continue;
      field.resolve = (source, args, context: unknown, info) => {
        const signal = (context as { signal?: AbortSignal } | undefined)?.signal;
        if (!signal) return resolve(source, args, context, info);
        if (signal.aborted) throw abortedOperationError(signal);
        const result: unknown = resolve(source, args, context, info);
        if (isThenable(result)) return untilAborted(result, signal);
        if (Array.isArray(result) && result.some(isThenable)) {
          return result.map((item: unknown) => (isThenable(item) ? untilAborted(item, signal) : item));
        }
        return result;
      };
    }
  }
  return schema;
}
