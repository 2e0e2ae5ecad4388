// With tracing on: the gateway's span of a request, the subgraph fetches it makes, the
// traceparent they send and the operation's log line all name one trace.
import { InMemorySpanExporter, SpanKind, startTelemetry, traceIdOf } from "@intl/telemetry";
import { createTokenVerifier } from "@intl/auth";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { postGraphQL } from "../test/graphqlPost.ts";
import { asSubgraphSdls, startCatalogueSubgraph, startReviewsSubgraph } from "../test/thingSubgraphs.ts";
import type { RunningSubgraph } from "../test/thingSubgraphs.ts";
import { buildGateway } from "./gateway.ts";
import { composeSupergraph } from "./supergraph.ts";

const spans = new InMemorySpanExporter();
const telemetry = startTelemetry({ serviceName: "gateway-test", exporter: spans });
let catalogue: RunningSubgraph;
let reviews: RunningSubgraph;
let url: string;
let close: () => Promise<void>;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  [catalogue, reviews] = await Promise.all([startCatalogueSubgraph(), startReviewsSubgraph()]);
  const composition = composeSupergraph(asSubgraphSdls([catalogue, reviews]));
  if (!composition.ok) throw new Error(composition.errors.join("\n"));
  const gateway = buildGateway({
    supergraphSdl: composition.supergraphSdl,
    verifyToken: createTokenVerifier({
      secret: "gateway-test-secret-0123456789-abcdef",
      issuer: "intl-graph",
      audience: "intl-graph",
    }),
    logger: pino({ level: "info" }, { write: (line: string) => logLines.push(JSON.parse(line)) }),
  });
  ({ url, close } = await gateway.listen({ port: 0, host: "127.0.0.1" }));
});
beforeEach(() => {
  spans.reset();
  logLines.length = 0;
  catalogue.received.length = 0;
  reviews.received.length = 0;
});
afterAll(async () => {
  await close?.();
  await Promise.all([catalogue?.close(), reviews?.close()]);
  await telemetry.shutdown();
});

const operationLine = () => logLines.find((line) => line["msg"] === "graphql operation");

describe("a traced operation at the gateway", () => {
  it("starts a trace whose id its log line names, and sends each subgraph the traceparent of its fetch", async () => {
    await postGraphQL(url, { query: "query Reviewed { things { name rating } }" });

    const [request] = spans.getFinishedSpans().filter((span) => span.kind === SpanKind.SERVER);
    expect(request).toMatchObject({ name: "POST /graphql", parentSpanContext: undefined });
    const traceId = request?.spanContext().traceId;
    expect(operationLine()).toMatchObject({ operationName: "Reviewed", traceId });

    for (const [name, subgraph] of [
      ["catalogue", catalogue],
      ["reviews", reviews],
    ] as const) {
      const fetch = spans.getFinishedSpans().find((span) => span.name === `fetch ${name}`);
      expect(fetch).toMatchObject({ kind: SpanKind.CLIENT, attributes: { "intl.fetch.outcome": "ok" } });
      expect(fetch?.spanContext().traceId).toBe(traceId);
      expect(subgraph.received.map((received) => received.traceparent)).toEqual([
        `00-${traceId}-${fetch?.spanContext().spanId}-01`,
      ]);
    }
  });

  it("continues the trace of a caller that sent traceparent (a frontend's)", async () => {
    const callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    await postGraphQL(
      url,
      { query: "query Names { things { name } }" },
      { headers: { traceparent: `00-${callerTrace}-00f067aa0ba902b7-01` } },
    );

    const [request] = spans.getFinishedSpans().filter((span) => span.kind === SpanKind.SERVER);
    expect(request?.spanContext().traceId).toBe(callerTrace);
    expect(request?.parentSpanContext?.spanId).toBe("00f067aa0ba902b7");
    expect(traceIdOf(catalogue.received[0]?.traceparent ?? "")).toBe(callerTrace);
    expect(operationLine()).toMatchObject({ traceId: callerTrace });
  });
});
