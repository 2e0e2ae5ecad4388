import { RemoteGraphQLDataSource } from "@apollo/gateway";
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { secondsSince } from "@intl/metrics";
import { OVERLOADED, abortedOperationError } from "@intl/subgraph";
import { SpanKind, currentTraceContext, inSpan } from "@intl/telemetry";
import type { Span } from "@intl/telemetry";
import { GraphQLError } from "graphql";
import type { GatewayContext } from "./gatewayContext.ts";
import { recordSubgraphFetch } from "./operationMetrics.ts";
import type { FetchOutcome } from "./operationMetrics.ts";
import { withFetchSignal } from "./subgraphFetcher.ts";

/** `extensions.code` of the fields of a subgraph that did not answer within SUBGRAPH_TIMEOUT_MS. */
export const SUBGRAPH_TIMEOUT = "SUBGRAPH_TIMEOUT";

/**
 * `extensions.code` of the fields of a subgraph that could not be reached (connection refused or
 * closed without an answer: the process is down or restarting), or of a school whose circuit is open.
 */
export const SUBGRAPH_UNAVAILABLE = "SUBGRAPH_UNAVAILABLE";

export interface ForwardingDataSourceOptions {
  /** The subgraph's name, as the supergraph knows it (named in its errors). */
  name: string;
  url: string;
  /** Each fetch's time limit. */
  timeoutMs: number;
  /** The pooled HTTP client (see `createSubgraphFetcher`). */
  fetcher: RemoteGraphQLDataSource["fetcher"];
}

/**
 * Sends a subgraph request carrying the caller's own credentials and request id:
 * each subgraph applies its rules to the same viewer the gateway verified.
 * Each fetch is aborted after `timeoutMs` or as soon as the client leaves; a
 * timed-out or overloaded subgraph becomes a coded error for its fields while the
 * others' data is still answered.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly name: string;
  readonly timeoutMs: number;

  constructor(options: ForwardingDataSourceOptions) {
    super({ url: options.url, fetcher: options.fetcher });
    this.name = options.name;
    this.timeoutMs = options.timeoutMs;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http?.headers;
    if (!headers) return;
    // Schema loading and health checks run outside any request: no context then.
    const context: Partial<GatewayContext> = options.context;
    if (context.authorization) headers.set("authorization", context.authorization);
    if (context.requestId) headers.set("x-request-id", context.requestId);
    // W3C trace context of the fetch's span (see `process`): the subgraph's span is its child.
    const sent = currentTraceContext();
    if (sent) {
      headers.set("traceparent", sent.traceparent);
      if (sent.tracestate) headers.set("tracestate", sent.tracestate);
    }
  }

  /** One CLIENT span per subgraph fetch, child of the plan's fetch node, active while the request is sent. */
  override process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>["process"]> {
    return inSpan(
      "@intl/gateway",
      `fetch ${this.name}`,
      {
        kind: SpanKind.CLIENT,
        attributes: { "http.request.method": "POST", "url.full": this.url, "intl.subgraph": this.name },
      },
      (span) => this.fetchWithinLimits(options, span),
    );
  }

  private async fetchWithinLimits(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    span: Span,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>["process"]> {
    const deadline = AbortSignal.timeout(this.timeoutMs);
    // The operation's own signal: its deadline passed or its client left.
    const operation = (options.context as Partial<GatewayContext>).signal;
    if (operation?.aborted) throw abortedOperationError(operation);
    const signal = operation ? AbortSignal.any([deadline, operation]) : deadline;
    const started = performance.now();
    let outcome: FetchOutcome = "ok";
    try {
      return await withFetchSignal(signal, () => super.process(options));
    } catch (error) {
      outcome = fetchOutcome(error, deadline, operation);
      if (deadline.aborted) {
        throw new GraphQLError(`The ${this.name} subgraph did not answer within ${this.timeoutMs} ms.`, {
          extensions: { code: SUBGRAPH_TIMEOUT, details: { subgraph: this.name, timeoutMs: this.timeoutMs } },
        });
      }
      if (operation?.aborted) throw abortedOperationError(operation);
      // No HTTP answer at all (fetch's TypeError: connection refused, or closed without an
      // answer): the subgraph is down. Its fields say so, coded and named, not as an internal error.
      if (error instanceof TypeError) {
        throw new GraphQLError(`The ${this.name} subgraph could not be reached; its fields are left out.`, {
          extensions: { code: SUBGRAPH_UNAVAILABLE, details: { subgraph: this.name } },
        });
      }
      throw error;
    } finally {
      span.setAttribute("intl.fetch.outcome", outcome);
      recordSubgraphFetch(this.name, outcome, secondsSince(started));
    }
  }

  /** A subgraph shedding load (503) is reported as such, naming it, instead of as an internal error. */
  override async errorFromResponse(
    response: Parameters<RemoteGraphQLDataSource["errorFromResponse"]>[0],
  ): Promise<GraphQLError> {
    if (response.status !== 503) return super.errorFromResponse(response);
    const retryAfter = response.headers.get("retry-after");
    return new GraphQLError(`The ${this.name} subgraph is at capacity; retry later.`, {
      extensions: {
        code: OVERLOADED,
        details: { subgraph: this.name, ...(retryAfter ? { retryAfterSeconds: Number(retryAfter) } : {}) },
      },
    });
  }
}

/** Why a fetch failed, in the words of the fetch latency metric. */
function fetchOutcome(
  error: unknown,
  deadline: AbortSignal,
  operation: AbortSignal | undefined,
): FetchOutcome {
  if (deadline.aborted) return "timeout";
  if (operation?.aborted) return "aborted";
  if (error instanceof GraphQLError && error.extensions["code"] === OVERLOADED) return "overloaded";
  return "error";
}
