import { GraphQLError } from "graphql";
import type { GraphQLFormattedError } from "graphql";
import { ApolloServerErrorCode } from "@apollo/server/errors";
import { ErrorKind, isDomainError } from "@intl/errors";
import type { DomainError } from "@intl/errors";
import { ClientClosedRequest, DeadlineExceeded, TIMEOUT, abortedOperationError } from "./deadline.ts";

/** What clients see instead of an unexpected error: no message, no stack. */
export const MASKED_ERROR: GraphQLFormattedError = Object.freeze({
  message: "Internal server error",
  extensions: Object.freeze({ code: ApolloServerErrorCode.INTERNAL_SERVER_ERROR }),
});

/**
 * Recognises a GraphQLError from any copy of graphql-js: under vitest, code run
 * through vite loads graphql's ESM build while Apollo loads its CommonJS build,
 * so `instanceof` alone misses half of them.
 */
export function isGraphQLError(error: unknown): error is GraphQLError {
  // GraphQLError and its subclasses (Apollo's ValidationError, SyntaxError...) all carry this tag.
  return error instanceof GraphQLError || Object.prototype.toString.call(error) === "[object GraphQLError]";
}

/**
 * The error a resolver (or the context) actually threw: GraphQL wraps thrown
 * errors, sometimes twice, in `GraphQLError.originalError`.
 */
export function rootCause(error: unknown): unknown {
  let current = error;
  while (isGraphQLError(current) && current.originalError !== undefined && current.originalError !== null) {
    current = current.originalError;
  }
  return current;
}

/**
 * Expected errors are answered as they are: domain errors (the rules) and
 * GraphQL errors (parse, validation, variable coercion, CSRF refusal...).
 * Anything else is a bug or an outage: logged, then masked.
 */
export function isUnexpectedError(error: unknown): boolean {
  const cause = rootCause(error);
  return !isDomainError(cause) && !isGraphQLError(cause) && outOfTimeError(cause) === undefined;
}

/**
 * Work that ran out of time or lost its client is expected under load, not a bug: the store's
 * `maxTimeMS` (MaxTimeMSExpired, code 50), no free store connection within the wait, or the
 * request's own deadline or departed client (a store call aborted with the request signal's
 * reason). They answer coded, never masked; the last two as `abortedOperationError` words them.
 */
function outOfTimeError(cause: unknown): GraphQLError | undefined {
  if (cause instanceof DeadlineExceeded || cause instanceof ClientClosedRequest) {
    return abortedOperationError(AbortSignal.abort(cause));
  }
  const error = cause as { name?: unknown; code?: unknown } | null;
  if (error === null || typeof error !== "object") return undefined;
  const storeOutOfTime =
    error.name === "MongoWaitQueueTimeoutError" || (error.name === "MongoServerError" && error.code === 50);
  return storeOutOfTime
    ? new GraphQLError("The operation ran out of time (the store is busy); retry later.", {
        extensions: { code: TIMEOUT },
      })
    : undefined;
}

function exhaustive(kind: never): never {
  throw new Error(`Unmapped error kind ${String(kind)}`);
}

/** The `extensions.code` of each error kind; the switch must cover every kind. */
export function graphqlCodeFor(kind: ErrorKind): string {
  switch (kind) {
    case ErrorKind.BAD_USER_INPUT:
      return ApolloServerErrorCode.BAD_USER_INPUT;
    case ErrorKind.UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    case ErrorKind.FORBIDDEN:
      return "FORBIDDEN";
    case ErrorKind.NOT_FOUND:
      return "NOT_FOUND";
    case ErrorKind.CONFLICT:
      return "CONFLICT";
    default:
      return exhaustive(kind);
  }
}

function fromDomainError(formatted: GraphQLFormattedError, error: DomainError): GraphQLFormattedError {
  return {
    message: error.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: {
      code: graphqlCodeFor(error.kind),
      reason: error.reason,
      ...(error.field !== undefined ? { field: error.field } : {}),
      ...(error.details !== undefined ? { details: error.details } : {}),
    },
  };
}

/**
 * THE mapper from thrown errors to what clients read, for Apollo's `formatError`:
 * - `DomainError` → its message, `path`, `extensions: { code: kind, reason, field, details }`;
 * - GraphQL's own errors (parse, validation, ...) → unchanged, with their codes;
 * - anything else → `{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }`.
 * Pure: the server's operation-log plugin logs unexpected errors with their request's context.
 */
export function formatError(formattedError: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const cause = rootCause(error);
  if (isDomainError(cause)) return fromDomainError(formattedError, cause);
  if (isGraphQLError(cause)) {
    // Stack traces are off in the server; dropping one here keeps that true whatever the options.
    const { stacktrace: _stacktrace, ...extensions } = formattedError.extensions ?? {};
    return { ...formattedError, extensions };
  }
  const outOfTime = outOfTimeError(cause);
  if (outOfTime !== undefined) {
    return {
      message: outOfTime.message,
      ...(formattedError.path ? { path: formattedError.path } : {}),
      extensions: outOfTime.extensions,
    };
  }
  return MASKED_ERROR;
}
