import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import { ErrorKind, isDomainError } from "@intl/errors";
import { metricsHandler } from "@intl/metrics";
import { requestSignal, shedLoad } from "@intl/subgraph";
import { traceHttpRequests } from "@intl/telemetry";
import express from "express";
import type { ErrorRequestHandler, Express, RequestHandler } from "express";
import { GraphQLError } from "graphql";
import type { Logger } from "pino";
import { internalErrorMessage, maskGatewayError } from "./errorMasking.ts";
import { ForwardingDataSource } from "./forwardingDataSource.ts";
import type { GatewayContext, VerifyToken } from "./gatewayContext.ts";
import { corsAllowlist } from "./cors.ts";
import { dashboardRouter } from "./dashboard/dashboardRouter.ts";
import { graphiqlDisabledRouter, graphiqlRouter } from "./graphiql.ts";
import { introspectionPolicyPlugin } from "./introspection.ts";
import { pseudonymPlugin } from "./pseudonyms.ts";
import type { IntrospectionAccess } from "./introspection.ts";
import { logOperations, operationLogPlugin, recordingErrorCodes } from "./operationLog.ts";
import { countShedRequest } from "./operationMetrics.ts";
import { defaultQueryLimits, queryLimitsPlugin, queryLimitsRule, tokenLimit } from "./queryLimits.ts";
import { operationResolutionPlugin } from "./operationResolution.ts";
import type { QueryLimits } from "./queryLimits.ts";
import { assignRequestId } from "./requestId.ts";
import { trustedDocuments } from "./trustedDocuments.ts";
import type { TrustedDocuments } from "./trustedDocuments.ts";
import { createSubgraphFetcher } from "./subgraphFetcher.ts";
import { checkSubgraphHealth } from "./subgraphHealth.ts";
import { DEVELOPMENT_PSEUDONYM_KEY, createServiceTokenSigner } from "@intl/auth";
import { CircuitBreaker } from "./circuitBreaker.ts";
import { ExternalDataSource, checkSchoolHealth } from "./externalDataSource.ts";
import { registerSupergraph } from "./register/registerSupergraph.ts";
import type { RegisterStatus } from "./register/registerSupergraph.ts";
import type { ExternalSubgraph } from "./register/subgraphRegister.ts";
import type { SubgraphSdl } from "./supergraph.ts";

export interface GatewayDependencies {
  /** The composed supergraph (gateway/supergraph.graphql). */
  supergraphSdl: string;
  /** Run-time URL per subgraph name, overriding the URL recorded in the supergraph. */
  subgraphUrls?: Partial<Record<string, string>>;
  verifyToken: VerifyToken;
  logger: Logger;
  /** Depth, size, cost and token bounds (defaults: `defaultQueryLimits`). */
  limits?: Partial<QueryLimits>;
  /** What browsers and anonymous callers may do (defaults: `developmentEdge`). */
  edge?: Partial<EdgeSettings>;
  /** How long `/ready` waits for each subgraph's `/health`. */
  healthTimeoutMs?: number;
  /** How much work the gateway takes on (defaults: `defaultGatewayLimits`). */
  overload?: Partial<GatewayLimits>;
  /** Other IMT schools' subgraphs (docs/federating-a-school.md); without it, only `supergraphSdl`. */
  schools?: SchoolSettings;
  /** The key of ANALYSTs' pseudonyms (PSEUDONYM_KEY, docs/data-protection.md); default: the development key. */
  pseudonymKey?: string;
}

/** How the gateway serves other IMT schools' subgraphs. */
export interface SchoolSettings {
  /** The register it watches (SUBGRAPH_REGISTER), and our services' SDLs it composes the schools with. */
  register: { path: string; ours: readonly SubgraphSdl[]; onReload?: (status: RegisterStatus) => void };
  /** `iss` of the tokens sent to schools (default intl-graph-gateway). */
  tokenIssuer?: string;
  /** The EC P-256 key (PKCS#8 PEM) those tokens are signed with; default: one generated at start. */
  signingKeyPem?: string;
  /** A school's circuit: failures in a row that open it, and how long it then stays open. */
  circuit?: { failureThreshold: number; cooldownMs: number };
}

/** Three failures in a row open a school's circuit for 30 s. */
export const defaultSchoolCircuit = { failureThreshold: 3, cooldownMs: 30_000 };

/** How much work the gateway takes on, and how long it waits for a subgraph. */
export interface GatewayLimits {
  /** Each subgraph fetch's time limit; past it, that subgraph's fields answer SUBGRAPH_TIMEOUT. */
  subgraphTimeoutMs: number;
  /** Pooled keep-alive connections to each subgraph. */
  subgraphMaxConnections: number;
  /** Operations served at once on `/graphql`; more are refused with 503 OVERLOADED. */
  maxInFlight: number;
  /**
   * The whole operation's time limit: a plan with several fetches one after the other
   * stops fetching once it is spent, and answers what it has with TIMEOUT for the rest.
   */
  operationTimeoutMs: number;
}

/**
 * Sized for 2 cores: the subgraph timeout is above a subgraph's own operation
 * deadline (4.5 s) so that a subgraph usually answers TIMEOUT itself, with
 * partial data; the pool matches a subgraph's MAX_IN_FLIGHT (64) so that it is
 * the subgraph that sheds its load, not a hidden queue at the gateway.
 */
export const defaultGatewayLimits: GatewayLimits = {
  subgraphTimeoutMs: 5000,
  subgraphMaxConnections: 64,
  maxInFlight: 128,
  operationTimeoutMs: 8000,
};

/** What the gateway lets browsers and anonymous callers do. */
export interface EdgeSettings {
  /** Origins whose browser pages may call `/graphql` (exact `scheme://host[:port]`). */
  corsOrigins: readonly string[];
  introspection: IntrospectionAccess;
  /** Whether `/graphiql` serves GraphiQL (else a short page saying it is off, HTTP 404). */
  graphiql: boolean;
  /** Operations accepted by id; with `only`, the only ones accepted (ADMIN excepted). */
  trustedDocuments?: { documents: TrustedDocuments; only: boolean };
}

/** Development: no other origin, introspection and GraphiQL for everyone (see config.ts for production). */
export const developmentEdge: EdgeSettings = { corsOrigins: [], introspection: "public", graphiql: true };

export interface Gateway {
  apollo: ApolloServer<GatewayContext>;
  /** Serves /graphql, /graphiql, /dashboard, /health, /ready and /metrics. */
  app: Express;
  /** Loads the supergraph; `listen` calls it if needed. */
  start(): Promise<void>;
  listen(options: { port: number; host: string }): Promise<{ url: string; close(): Promise<void> }>;
}

/**
 * Builds the federation gateway without listening or reading the environment:
 * it verifies the caller's token itself, forwards it to each subgraph, bounds
 * query depth and size, and masks subgraph internals in errors.
 */
export function buildGateway(dependencies: GatewayDependencies): Gateway {
  const { supergraphSdl, subgraphUrls = {}, verifyToken, logger } = dependencies;
  const app = express();
  const httpServer = createServer(app);
  const effectiveUrls = new Map<string, string>();
  const limits: GatewayLimits = { ...defaultGatewayLimits, ...dependencies.overload };
  const subgraphClient = createSubgraphFetcher({ maxConnections: limits.subgraphMaxConnections });
  const queryLimits: QueryLimits = { ...defaultQueryLimits, ...dependencies.limits };
  const edge: EdgeSettings = { ...developmentEdge, ...dependencies.edge };

  // @apollo/gateway otherwise reports this host (uptime, CPUs, memory, OS) to Apollo every hour;
  // nothing here may leave the configured addresses. Read when the gateway is constructed.
  process.env["APOLLO_TELEMETRY_DISABLED"] = "true";
  // Other schools' subgraphs: served from the register, each with its own token, timeout and breaker.
  const schools = new Map<string, ExternalSubgraph>();
  const breakers = new Map<string, CircuitBreaker>();
  const signer = createServiceTokenSigner({
    issuer: dependencies.schools?.tokenIssuer ?? "intl-graph-gateway",
    ...(dependencies.schools?.signingKeyPem ? { privateKeyPem: dependencies.schools.signingKeyPem } : {}),
  });
  const register = dependencies.schools
    ? registerSupergraph({
        ...dependencies.schools.register,
        ourSupergraphSdl: supergraphSdl,
        logger,
        healthCheck: (school) => checkSchoolHealth(school, signer),
        willServe(served) {
          schools.clear();
          for (const [name, school] of served) schools.set(name, school);
        },
      })
    : undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: register ? register.manager : supergraphSdl,
    logger,
    buildService({ name, url }) {
      const school = schools.get(name);
      if (school) {
        let breaker = breakers.get(name);
        if (!breaker) {
          breaker = new CircuitBreaker(dependencies.schools?.circuit ?? defaultSchoolCircuit);
          breakers.set(name, breaker);
        }
        return new ExternalDataSource({
          name,
          url: school.url,
          timeoutMs: Math.min(school.timeoutMs, limits.subgraphTimeoutMs),
          fetcher: subgraphClient.fetcher,
          signer,
          breaker,
        });
      }
      const target = subgraphUrls[name] ?? url;
      if (!target) throw new Error(`no URL for subgraph "${name}"`);
      effectiveUrls.set(name, target);
      return new ForwardingDataSource({
        name,
        url: target,
        timeoutMs: limits.subgraphTimeoutMs,
        fetcher: subgraphClient.fetcher,
      });
    },
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    // Apollo's switch is all or nothing; introspectionPolicyPlugin decides per caller.
    introspection: true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    validationRules: [queryLimitsRule(queryLimits)],
    formatError: recordingErrorCodes(maskGatewayError(logger)),
    plugins: [
      // Names the operation in its log line (logOperations writes it).
      operationLogPlugin(),
      queryLimitsPlugin(queryLimits),
      // A document without the operation asked for: a coded 400 (the executor would throw a 500).
      operationResolutionPlugin<GatewayContext>(),
      introspectionPolicyPlugin<GatewayContext>(edge.introspection),
      pseudonymPlugin<GatewayContext>(dependencies.pseudonymKey ?? DEVELOPMENT_PSEUDONYM_KEY),
      ApolloServerPluginLandingPageDisabled(),
      // Nothing reports to Apollo's cloud, even with APOLLO_KEY in the environment.
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ serverWillStop: () => subgraphClient.close() }) },
    ],
  });

  let graphqlHandler: RequestHandler | undefined;
  let starting: Promise<void> | undefined;
  const start = () => {
    starting ??= apollo.start().then(() => {
      graphqlHandler = expressMiddleware(apollo, {
        context: async ({ req, res }) => {
          const authorization = req.get("authorization");
          return {
            viewer: await verifyOrRefuse(verifyToken, authorization),
            authorization,
            requestId: String(res.locals["requestId"]),
            // The operation's deadline; each subgraph fetch also has its own, shorter one.
            signal: requestSignal(res, limits.operationTimeoutMs),
          };
        },
      });
    });
    return starting;
  };

  app.disable("x-powered-by");
  app.use(assignRequestId());
  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  // The key other schools verify our tokens with (docs/federating-a-school.md).
  app.get("/.well-known/jwks.json", async (_req, res) => {
    res.set("cache-control", "public, max-age=300").json((await signer).jwks);
  });
  // The process's Prometheus metrics; like /health, never shed nor authenticated.
  app.get("/metrics", metricsHandler());
  app.get("/ready", async (_req, res) => {
    if (!graphqlHandler) {
      res.status(503).json({ status: "starting", supergraph: "not loaded" });
      return;
    }
    const { healthy, subgraphs } = await checkSubgraphHealth(
      effectiveUrls,
      dependencies.healthTimeoutMs ?? 2000,
    );
    // A school's subgraph never makes the gateway unready: its fields answer a coded error instead.
    const schoolsState = register
      ? {
          schools: {
            ...register.status(),
            circuits: Object.fromEntries([...breakers].map(([name, breaker]) => [name, breaker.state])),
          },
        }
      : {};
    res
      .status(healthy ? 200 : 503)
      .json({ status: healthy ? "ready" : "degraded", supergraph: "loaded", subgraphs, ...schoolsState });
  });
  // The strategy dashboard (static page reading /graphql with the viewer's token), GraphiQL on or off.
  app.use(dashboardRouter());
  app.use(edge.graphiql ? graphiqlRouter() : graphiqlDisabledRouter());
  const shedding = shedLoad({
    maxInFlight: limits.maxInFlight,
    onShed: (inFlight) => {
      countShedRequest();
      logger.warn({ inFlight }, "overloaded: request refused with 503");
    },
  });
  // After the body is read: the operation's log record must be in the async context of what follows.
  const logging = logOperations(logger);
  // Before Apollo parses anything: operations sent by id, then the token count.
  const trusted = edge.trustedDocuments
    ? [trustedDocuments(edge.trustedDocuments.documents, edge.trustedDocuments.only, verifyToken)]
    : [];
  app.use(
    "/graphql",
    corsAllowlist(edge.corsOrigins),
    shedding,
    express.json({ limit: "1mb" }),
    // One SERVER span per operation, continuing a caller's `traceparent`; the plan's spans
    // (@apollo/gateway's own) and each subgraph fetch's are its children.
    traceHttpRequests("@intl/gateway"),
    logging,
    ...trusted,
    tokenLimit(queryLimits.maxTokens),
    (req, res, next) => {
      if (graphqlHandler) return graphqlHandler(req, res, next);
      res.status(503).json({
        errors: [{ message: "The gateway is starting", extensions: { code: "SERVICE_UNAVAILABLE" } }],
      });
    },
  );

  app.use(answerHttpErrorsAsJson(logger));

  return {
    apollo,
    app,
    start,
    async listen({ port, host }) {
      await start();
      await new Promise<void>((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          httpServer.off("error", reject);
          resolve();
        });
      });
      const address = httpServer.address() as AddressInfo;
      return {
        url: `http://${host}:${address.port}/graphql`,
        // The drain plugin closes the HTTP server and waits for requests in flight.
        close: () => apollo.stop(),
      };
    },
  };
}

/**
 * A bad or expired token stops the request at the gateway: it is never
 * forwarded. The refusal is a coded GraphQL error with HTTP 401.
 */
async function verifyOrRefuse(verifyToken: VerifyToken, authorization: string | undefined) {
  try {
    return await verifyToken(authorization);
  } catch (error) {
    if (isDomainError(error) && error.kind === ErrorKind.UNAUTHENTICATED) {
      throw new GraphQLError(error.message, {
        extensions: {
          code: ErrorKind.UNAUTHENTICATED,
          reason: error.reason,
          http: {
            status: 401,
            headers: new HeaderMap([["www-authenticate", 'Bearer error="invalid_token"']]),
          },
        },
      });
    }
    throw error;
  }
}

/**
 * Errors raised before GraphQL runs (a malformed or oversized body) get a
 * GraphQL-shaped JSON answer instead of Express's default HTML page, which
 * would show a stack trace outside production.
 */
function answerHttpErrorsAsJson(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: unknown }).status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      res.status(status).json({
        errors: [{ message: (error as Error).message, extensions: { code: "BAD_REQUEST" } }],
      });
      return;
    }
    logger.error({ err: error }, "request failed outside GraphQL");
    res
      .status(500)
      .json({ errors: [{ message: internalErrorMessage, extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
  };
}
