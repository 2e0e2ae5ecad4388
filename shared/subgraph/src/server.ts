import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import type { ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph";
import express from "express";
import type { ErrorRequestHandler, Express, RequestHandler } from "express";
import { GraphQLError, Kind, visit } from "graphql";
import type { DocumentNode, GraphQLSchema } from "graphql";
import type { TokenVerifier } from "@intl/auth";
import { metricsHandler } from "@intl/metrics";
import { markReadOnly, runInReadScope } from "@intl/mongo";
import { describeActiveSpan, traceHttpRequests } from "@intl/telemetry";
import { createRequestContext } from "./context.ts";
import type { BaseContext } from "./context.ts";
import { boundResolversBySignal, requestSignal } from "./deadline.ts";
import { shedLoad } from "./load-shedding.ts";
import { MASKED_ERROR, formatError } from "./errors.ts";
import type { Logger } from "./logger.ts";
import { operationLogPlugin } from "./operation-log.ts";
import { countShedRequest, operationMetricsPlugin } from "./operation-metrics.ts";
import { runReadinessChecks } from "./readiness.ts";
import type { ReadinessCheck } from "./readiness.ts";

/** A service's resolvers, federation reference resolvers (`__resolveReference`) included. */
export type SubgraphResolvers<TContext> = GraphQLResolverMap<TContext>;

export interface SubgraphServerOptions<TContext extends BaseContext> {
  /** The service name, as the gateway knows it (also in logs). */
  name: string;
  /** The service's federation 2 SDL (`gql` of `schema.graphql`). */
  typeDefs: DocumentNode;
  resolvers: SubgraphResolvers<TContext>;
  verifyToken: TokenVerifier;
  /** Extends the base context per request: create the request's DataLoaders here. */
  buildContext?: (base: BaseContext) => TContext | Promise<TContext>;
  /** Named probes for `GET /ready` (e.g. `store`: a ping, `kafka`: describeCluster). */
  readiness?: Record<string, ReadinessCheck>;
  /** Each readiness probe's time limit (default 2000 ms). */
  readinessTimeoutMs?: number;
  /** Largest accepted JSON body (default "1mb"). */
  bodyLimit?: string;
  /** How much work one server takes on (defaults: `defaultSubgraphLimits`); `listen` may override. */
  limits?: Partial<SubgraphServerLimits>;
  /** More Apollo plugins, after the server's own (the record of access). */
  plugins?: ApolloServerPlugin<TContext>[];
  logger: Logger;
}

/** How much work a subgraph server takes on, and for how long. */
export interface SubgraphServerLimits {
  /** Each operation's deadline: past it, pending resolvers answer TIMEOUT (OPERATION_TIMEOUT_MS). */
  operationTimeoutMs: number;
  /** Operations served at once on `/graphql`; more are refused with 503 OVERLOADED (MAX_IN_FLIGHT). */
  maxInFlight: number;
}

/**
 * Sized for 2 cores, where the store is the bottleneck: the deadline is a little
 * below the gateway's subgraph timeout (5 s) so a late answer is still a coded one.
 */
export const defaultSubgraphLimits: SubgraphServerLimits = { operationTimeoutMs: 4500, maxInFlight: 64 };

export interface ListeningSubgraph {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4001/graphql` (what the gateway needs). */
  url: string;
  /** `http://host:port`, for `/health` and `/ready`. */
  baseUrl: string;
  port: number;
  /** Stops taking requests, lets those in flight finish (10 s at most), stops Apollo. */
  close(): Promise<void>;
}

export interface SubgraphServer<TContext extends BaseContext> {
  /** Express app serving `/graphql`, `/health`, `/ready` and `/metrics` (`/graphql` answers once started). */
  app: Express;
  /** The Apollo server, for in-process `apollo.executeOperation(request, { contextValue })` after `start()`. */
  apollo: ApolloServer<TContext>;
  schema: GraphQLSchema;
  /** Starts Apollo and opens `/graphql`; idempotent. */
  start(): Promise<void>;
  /** Starts if needed and listens on `port` (0: any free port) and `host`, with `limits` if given. */
  listen(address: ListenOptions): Promise<ListeningSubgraph>;
}

export interface ListenOptions {
  port: number;
  host: string;
  /** Overrides the limits given to `createSubgraphServer` (main.ts reads them from the environment). */
  limits?: Partial<SubgraphServerLimits>;
}

const DRAIN_TIMEOUT_MS = 10_000;

function errorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/**
 * Builds a subgraph service's HTTP server: the federation schema behind Apollo
 * (CSRF prevention on, introspection on, no landing page, no stack traces, one
 * error mapper, one log line and one latency sample per operation), `GET /health`
 * (the process is alive), `GET /ready` (every readiness probe answers) and
 * `GET /metrics` (the process's Prometheus metrics). Listens only when asked.
 */
export function createSubgraphServer<TContext extends BaseContext = BaseContext>(
  options: SubgraphServerOptions<TContext>,
): SubgraphServer<TContext> {
  const { name, verifyToken, readiness = {}, readinessTimeoutMs = 2000, bodyLimit = "1mb" } = options;
  const logger = options.logger.child({ component: "subgraph-server", subgraph: name });
  const buildContext = options.buildContext ?? ((base: BaseContext) => base as TContext);

  let limits: SubgraphServerLimits = { ...defaultSubgraphLimits, ...options.limits };
  const shedder = () =>
    shedLoad({
      maxInFlight: limits.maxInFlight,
      onShed: (inFlight) => {
        countShedRequest(name);
        logger.warn({ inFlight }, "overloaded: request refused with 503");
      },
    });
  let shedding = shedder();

  const schema = boundResolversBySignal(
    // A list of modules: since @apollo/subgraph 2.15 a lone { typeDefs, resolvers } object is read as SDL.
    buildSubgraphSchema([
      { typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> },
    ]),
  );
  const apollo = new ApolloServer<TContext>({
    schema,
    csrfPrevention: true,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // main.ts owns shutdown (consumers, relay flush, then Apollo); Apollo's own signal
    // handler would race it and re-kill the process with exit code 143.
    stopOnTerminationSignals: false,
    formatError,
    logger,
    // No GraphOS here: federated traces (ftv1) would only cost time and carry resolver errors to the gateway.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Nothing reports to Apollo's cloud, even with APOLLO_KEY in the environment.
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // Text with U+0000 is refused before any resolver runs: the store cannot hold it.
      refuseNulCharacters(),
      operationLogPlugin(logger),
      operationMetricsPlugin(name),
      // Reads of `query` operations may be served by the read cache of @intl/mongo; mutations never.
      // The request's span is named after its operation, as the gateway's plan sent it.
      {
        requestDidStart: async () => ({
          didResolveOperation: async ({ operation, operationName }) => {
            if (operation?.operation === "query") markReadOnly();
            describeActiveSpan(`${operation?.operation ?? "operation"} ${operationName ?? "anonymous"}`, {
              "graphql.operation.type": operation?.operation ?? "unknown",
              ...(operationName ? { "graphql.operation.name": operationName } : {}),
              "intl.subgraph": name,
            });
          },
        }),
      },
      ...(options.plugins ?? []),
    ],
  });

  let graphqlHandler: RequestHandler | undefined;
  let starting: Promise<void> | undefined;
  let stopping = false;

  const start = (): Promise<void> => {
    starting ??= apollo.start().then(() => {
      graphqlHandler = expressMiddleware(apollo, {
        context: async ({ req, res }) => {
          const base = await createRequestContext({
            authorization: req.headers.authorization,
            requestIdHeader: req.headers["x-request-id"],
            verifyToken,
            logger: options.logger,
            signal: requestSignal(res, limits.operationTimeoutMs),
          });
          res.setHeader("x-request-id", base.requestId);
          return buildContext(base);
        },
      });
    });
    return starting;
  };

  const app = express();
  app.disable("x-powered-by");

  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });

  // Like /health: never shed nor authenticated, so a saturated server can still be observed.
  app.get("/metrics", metricsHandler());

  app.get("/ready", async (_req, res) => {
    if (stopping) {
      res.status(503).json({ status: "stopping", checks: {} });
      return;
    }
    const report = await runReadinessChecks(readiness, readinessTimeoutMs);
    if (report.ready) {
      res.json({ status: "ready", checks: report.checks });
      return;
    }
    logger.warn({ checks: report.checks, failures: report.failures }, "not ready");
    res.status(503).json({ status: "not ready", checks: report.checks });
  });

  app.use(
    "/graphql",
    (req, res, next) => shedding(req, res, next),
    express.json({ limit: bodyLimit }),
    // A SERVER span per operation, continuing the gateway's trace (its `traceparent` header).
    traceHttpRequests("@intl/subgraph"),
    (req, res, next) => {
      if (!graphqlHandler) {
        res.status(503).json(errorBody("The server is starting.", "SERVICE_UNAVAILABLE"));
        return;
      }
      // A `query` operation may then read through the store's read cache (see markReadOnly below).
      const handler = graphqlHandler;
      return runInReadScope(() => handler(req, res, next));
    },
  );

  // Express would otherwise answer body-parser failures with an HTML page (and a stack outside production).
  const answerJsonErrors: ErrorRequestHandler = (error, _req, res, _next) => {
    const status = typeof error?.status === "number" ? error.status : 500;
    if (status === 413) {
      res.status(413).json(errorBody(`The request body exceeds ${bodyLimit}.`, "PAYLOAD_TOO_LARGE"));
    } else if (status >= 400 && status < 500) {
      const message =
        error?.type === "entity.parse.failed" ? "The request body is not valid JSON." : "Bad request.";
      res.status(status).json(errorBody(message, "BAD_REQUEST"));
    } else {
      logger.error({ err: error }, "unexpected error in the HTTP layer");
      res.status(500).json({ errors: [MASKED_ERROR] });
    }
  };
  app.use(answerJsonErrors);

  const listen = async (address: ListenOptions): Promise<ListeningSubgraph> => {
    if (address.limits) {
      limits = { ...limits, ...address.limits };
      shedding = shedder();
    }
    await start();
    const server: Server = createServer(app);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(address.port, address.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const host = address.host.includes(":") ? `[${address.host}]` : address.host;
    const baseUrl = `http://${host}:${port}`;
    logger.info({ url: `${baseUrl}/graphql` }, "subgraph listening");

    let closing: Promise<void> | undefined;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        stopping = true;
        const drained = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const forceAfter = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
        await drained;
        clearTimeout(forceAfter);
        await apollo.stop();
        logger.info("subgraph stopped");
      })();
      return closing;
    };
    return { url: `${baseUrl}/graphql`, baseUrl, port, close };
  };

  return { app, apollo, schema, start, listen };
}

/** `reason` of the refusal of text holding U+0000. */
export const NUL_CHARACTER = "NUL_CHARACTER";

function holdsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).some(([key, entry]) => key.includes("\u0000") || holdsNul(entry));
  }
  return false;
}

/**
 * Refuses a request carrying U+0000 in a string (a literal of the document or a variable) with
 * BAD_USER_INPUT, reason NUL_CHARACTER. No text of this domain holds one, and the embedded store
 * (FerretDB on PostgreSQL) can neither store nor compare it: such an id reached the store as an
 * unexpected error, answered "Internal server error". HTTP 200, as for a resolver's refusal: the
 * gateway reads a subgraph's 4xx as a failed fetch and would lose the coded error.
 */
function refuseNulCharacters<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          let found = holdsNul(request.variables);
          if (!found) {
            visit(document, {
              [Kind.STRING]: (node) => {
                if (node.value.includes("\u0000")) found = true;
              },
            });
          }
          if (!found) return;
          throw new GraphQLError("Text may not contain the NUL character (U+0000).", {
            extensions: { code: "BAD_USER_INPUT", reason: NUL_CHARACTER, http: { status: 200 } },
          });
        },
      };
    },
  };
}
