import type { ApolloServerPlugin } from "@apollo/server";
import { boundedLabelValues, counter, histogram, secondsSince } from "@intl/metrics";

const operationDuration = histogram({
  name: "intl_subgraph_operation_duration_seconds",
  help: "GraphQL operations a subgraph served (its _count: operations), by operation name, type and outcome (ok, error: the answer carries errors)",
  labelNames: ["subgraph", "operation", "type", "outcome"],
});

const shed = counter({
  name: "intl_subgraph_requests_shed_total",
  help: "Requests to /graphql a subgraph refused with 503 OVERLOADED (MAX_IN_FLIGHT reached)",
  labelNames: ["subgraph"],
});

/** Distinct operation names kept as labels per server; later ones are counted as `other`. */
const MAX_OPERATION_NAMES = 200;

/**
 * Times each operation from the start of the request to its answer. The gateway
 * names its subgraph operations after the client's (`Name__subgraph__0`), so the
 * names are bounded (see `boundedLabelValues`).
 */
export function operationMetricsPlugin(subgraph: string): ApolloServerPlugin {
  const operationLabel = boundedLabelValues(MAX_OPERATION_NAMES);
  return {
    async requestDidStart() {
      const started = performance.now();
      let type = "unknown";
      return {
        async didResolveOperation({ operation }) {
          type = operation?.operation ?? "unknown";
        },
        async willSendResponse({ response, operationName }) {
          const failed =
            response.body.kind === "single" && (response.body.singleResult.errors?.length ?? 0) > 0;
          operationDuration.observe(
            {
              subgraph,
              operation: operationLabel(operationName ?? "anonymous"),
              type,
              outcome: failed ? "error" : "ok",
            },
            secondsSince(started),
          );
        },
      };
    },
  };
}

/** Counts a request refused by load shedding. */
export function countShedRequest(subgraph: string): void {
  shed.inc({ subgraph });
}
