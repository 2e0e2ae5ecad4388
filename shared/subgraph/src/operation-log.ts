import { performance } from "node:perf_hooks";
import type { ApolloServerPlugin } from "@apollo/server";
import type { BaseContext } from "./context.ts";
import { isUnexpectedError, rootCause } from "./errors.ts";
import type { Logger } from "./logger.ts";

/**
 * Logs one JSON line per operation (name, duration, errors count) and every
 * unexpected error with its request's context (requestId, operation, path,
 * stack): the client only ever sees them masked by `formatError`.
 */
export function operationLogPlugin(serverLogger: Logger): ApolloServerPlugin<BaseContext> {
  return {
    async contextCreationDidFail({ error }) {
      if (isUnexpectedError(error)) {
        serverLogger.error({ err: rootCause(error) }, "unexpected error while building the request context");
      }
    },
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      // In-process callers may hand a bare context; fall back to the server logger.
      const logger = contextValue.logger ?? serverLogger;
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            if (!isUnexpectedError(error)) continue;
            logger.error(
              { err: rootCause(error), operationName: operationName ?? null, path: error.path ?? null },
              "unexpected error while resolving",
            );
          }
        },
        async willSendResponse({ response, operationName }) {
          const errors =
            response.body.kind === "single" ? (response.body.singleResult.errors?.length ?? 0) : 0;
          logger.info(
            {
              operationName: operationName ?? null,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              errors,
            },
            "graphql operation",
          );
        },
      };
    },
  };
}
