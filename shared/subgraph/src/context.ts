import { randomUUID } from "node:crypto";
import { GraphQLError } from "graphql";
import { anonymousViewer } from "@intl/auth";
import type { TokenVerifier, Viewer } from "@intl/auth";
import { isDomainError } from "@intl/errors";
import { graphqlCodeFor } from "./errors.ts";
import type { Logger } from "./logger.ts";

/** What every resolver of every service gets; services extend it in `buildContext`. */
export interface BaseContext {
  viewer: Viewer;
  /** From the `x-request-id` header (set by the gateway) or generated; echoed in the response. */
  requestId: string;
  /** The service logger bound to this request (`requestId` on every line). */
  logger: Logger;
  /**
   * Aborted when the operation passes its deadline or its client leaves: pass it to
   * slow work (store queries, DataLoader batches, outgoing calls) so that work stops
   * for an answer nobody will read. Pending resolvers are answered TIMEOUT by the server.
   */
  signal: AbortSignal;
}

/** A signal that never aborts, for work with no client (in-process calls, tests). */
const noDeadline = new AbortController().signal;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's request id when it is a sane token, else makes one (ids end up in logs). */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * A base context for in-process calls (`apollo.executeOperation(..., { contextValue })`)
 * and tests: anonymous unless a viewer is given.
 */
export function buildBaseContext(options: {
  logger: Logger;
  viewer?: Viewer;
  requestId?: string;
  /** Default: never aborts. */
  signal?: AbortSignal;
}): BaseContext {
  const requestId = options.requestId ?? randomUUID();
  return {
    viewer: options.viewer ?? anonymousViewer,
    requestId,
    logger: options.logger.child({ requestId }),
    signal: options.signal ?? noDeadline,
  };
}

/**
 * The base context of an HTTP request. A token the verifier refuses becomes a
 * GraphQL error answered with HTTP 401 and `extensions: { code: "UNAUTHENTICATED", reason }`
 * (the formatter reads the DomainError kept as `originalError`); the operation does not run.
 */
export async function createRequestContext(options: {
  authorization: string | undefined;
  requestIdHeader: string | string[] | undefined;
  verifyToken: TokenVerifier;
  logger: Logger;
  /** The request's deadline and client (see `requestSignal`). */
  signal: AbortSignal;
}): Promise<BaseContext> {
  const requestId = requestIdFrom(options.requestIdHeader);
  const logger = options.logger.child({ requestId });
  let viewer: Viewer;
  try {
    viewer = await options.verifyToken(options.authorization);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    logger.info({ reason: error.reason }, "request refused: %s", error.message);
    throw new GraphQLError(error.message, {
      originalError: error,
      extensions: { code: graphqlCodeFor(error.kind), reason: error.reason, http: { status: 401 } },
    });
  }
  return { viewer, requestId, logger, signal: options.signal };
}
