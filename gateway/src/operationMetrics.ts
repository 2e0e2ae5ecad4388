import { boundedLabelValues, counter, histogram } from "@intl/metrics";

const operationDuration = histogram({
  name: "intl_gateway_operation_duration_seconds",
  help: "Operations on the gateway's /graphql (its _count: operations), by operation name, type and outcome (ok; error: the answer carries errors or an HTTP error status; client_left)",
  labelNames: ["operation", "type", "outcome"],
});

const errorCodes = counter({
  name: "intl_gateway_errors_total",
  help: "Error codes the gateway sent to clients (extensions.code), one per operation and code",
  labelNames: ["code"],
});

const fetchDuration = histogram({
  name: "intl_gateway_subgraph_fetch_duration_seconds",
  help: "The gateway's fetches from subgraphs (its _count: fetches), by subgraph and outcome (ok: answered; error: failed or HTTP error; timeout: SUBGRAPH_TIMEOUT; overloaded: the subgraph shed it; aborted: the operation's deadline passed or its client left)",
  labelNames: ["subgraph", "outcome"],
});

const shed = counter({
  name: "intl_gateway_requests_shed_total",
  help: "Requests to /graphql the gateway refused with 503 OVERLOADED (MAX_IN_FLIGHT reached), before any operation was read",
});

export type FetchOutcome = "ok" | "error" | "timeout" | "overloaded" | "aborted";

// Operation names and codes are chosen by clients and subgraphs: bounded.
const operationLabel = boundedLabelValues(200);
const codeLabel = boundedLabelValues(100);

/** What the gateway's log line knows of an operation once its answer went out. */
export interface FinishedOperation {
  operationName: string | undefined;
  operationType: string | undefined;
  httpStatus: number;
  errorCodes: readonly string[];
  clientLeft: boolean;
  durationSeconds: number;
}

/** One latency sample per operation, and a count per distinct error code it answered. */
export function recordOperation(operation: FinishedOperation): void {
  const failed = operation.errorCodes.length > 0 || operation.httpStatus >= 400;
  operationDuration.observe(
    {
      operation: operationLabel(operation.operationName ?? "anonymous"),
      type: operation.operationType ?? "unknown",
      outcome: operation.clientLeft ? "client_left" : failed ? "error" : "ok",
    },
    operation.durationSeconds,
  );
  for (const code of new Set(operation.errorCodes)) errorCodes.inc({ code: codeLabel(code) });
}

/** One latency sample per subgraph fetch. */
export function recordSubgraphFetch(subgraph: string, outcome: FetchOutcome, seconds: number): void {
  fetchDuration.observe({ subgraph, outcome }, seconds);
}

/** Counts a request refused by load shedding. */
export function countShedRequest(): void {
  shed.inc();
}
