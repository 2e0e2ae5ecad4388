import { GraphQLError } from "graphql";
import type { GraphQLFormattedError } from "graphql";
import { describe, expect, it } from "vitest";
import { DomainError, ErrorKind, badInput } from "@intl/errors";
import { DeadlineExceeded } from "./deadline.ts";
import { formatError, graphqlCodeFor, isUnexpectedError } from "./errors.ts";

// What Apollo hands formatError for an error thrown in a resolver: a located GraphQLError wrapping it.
function thrownInResolver(error: Error): { formatted: GraphQLFormattedError; error: GraphQLError } {
  const located = new GraphQLError(error.message, { path: ["agreement"], originalError: error });
  return {
    formatted: {
      message: located.message,
      path: ["agreement"],
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    },
    error: located,
  };
}

describe("the error mapper", () => {
  it("answers a domain error with its kind as code, its reason, field and details", () => {
    const { formatted, error } = thrownInResolver(
      badInput("ACADEMIC_YEAR_INVALID", "input.lastAcademicYear", "Use the form 2025-2026.", {
        example: "2025-2026",
      }),
    );
    expect(formatError(formatted, error)).toEqual({
      message: "Use the form 2025-2026.",
      path: ["agreement"],
      extensions: {
        code: "BAD_USER_INPUT",
        reason: "ACADEMIC_YEAR_INVALID",
        field: "input.lastAcademicYear",
        details: { example: "2025-2026" },
      },
    });
  });

  it.each(Object.values(ErrorKind))("gives the %s kind the code of the same name", (kind) => {
    expect(graphqlCodeFor(kind)).toBe(kind);
    const { formatted, error } = thrownInResolver(new DomainError(kind, "SOME_RULE", "Refused."));
    expect(formatError(formatted, error).extensions).toEqual({ code: kind, reason: "SOME_RULE" });
  });

  it("finds a domain error however deeply GraphQL wrapped it", () => {
    const domain = new DomainError(ErrorKind.CONFLICT, "ALREADY_NOMINATED", "Already nominated.");
    const twice = new GraphQLError("outer", {
      originalError: new GraphQLError("inner", { originalError: domain }),
    });
    expect(formatError({ message: "outer" }, twice).extensions).toMatchObject({
      code: "CONFLICT",
      reason: "ALREADY_NOMINATED",
    });
  });

  it("masks anything else: no message, no stack", () => {
    const { formatted, error } = thrownInResolver(
      new Error("connection to mongodb://admin:hunter2@db refused"),
    );
    const answer = formatError(
      { ...formatted, extensions: { ...formatted.extensions, stacktrace: ["at x"] } },
      error,
    );
    expect(answer).toEqual({
      message: "Internal server error",
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
    expect(isUnexpectedError(error)).toBe(true);
  });

  it("passes GraphQL's own errors through with their codes, without stack traces", () => {
    const validation = new GraphQLError('Cannot query field "nope" on type "Query".', {
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
    const formatted = {
      message: validation.message,
      extensions: { code: "GRAPHQL_VALIDATION_FAILED", stacktrace: ["at y"] },
    };
    expect(formatError(formatted, validation)).toEqual({
      message: validation.message,
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
    expect(isUnexpectedError(validation)).toBe(false);
  });
});

describe("the error mapper under load", () => {
  const formatted: GraphQLFormattedError = { message: "raw", path: ["institutions"] };
  const storeError = (name: string, code?: number) => Object.assign(new Error("store"), { name, code });

  it("answers a store query past maxTimeMS, or no free store connection, with TIMEOUT, not masked", () => {
    for (const cause of [storeError("MongoServerError", 50), storeError("MongoWaitQueueTimeoutError")]) {
      const error = new GraphQLError("raw", { originalError: cause });
      expect(formatError(formatted, error)).toEqual({
        message: "The operation ran out of time (the store is busy); retry later.",
        path: ["institutions"],
        extensions: { code: "TIMEOUT" },
      });
      expect(isUnexpectedError(error)).toBe(false);
    }
  });

  it("words a store call stopped by the request's deadline as the deadline itself does", () => {
    const error = new GraphQLError("raw", { originalError: new DeadlineExceeded(4500) });
    expect(formatError(formatted, error)).toEqual({
      message: "The operation exceeded its time limit of 4500 ms.",
      path: ["institutions"],
      extensions: { code: "TIMEOUT", details: { timeoutMs: 4500 } },
    });
    expect(isUnexpectedError(error)).toBe(false);
  });

  it("still masks other store errors", () => {
    const error = new GraphQLError("raw", { originalError: storeError("MongoServerError", 11000) });
    expect(formatError(formatted, error).extensions?.["code"]).toBe("INTERNAL_SERVER_ERROR");
    expect(isUnexpectedError(error)).toBe(true);
  });
});
