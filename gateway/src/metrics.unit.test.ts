// The gateway's GET /metrics over in-process subgraphs on free ports.
import { expectEventually } from "@intl/testing";
import { describe, expect, it } from "vitest";
import { postGraphQL } from "../test/graphqlPost.ts";
import { useThingGateway } from "../test/thingGateway.ts";

const { gatewayWith } = useThingGateway();

async function scrape(origin: string) {
  const response = await fetch(`${origin}/metrics`);
  return { status: response.status, text: await response.text() };
}

describe("the gateway's GET /metrics", () => {
  it("counts and times an operation by name, type and outcome, and each subgraph fetch it made", async () => {
    const { url, origin } = await gatewayWith("hang", {});
    const answer = await postGraphQL(url, { query: `query Rated { thing(id: "t1") { name rating } }` });
    expect(answer.body.errors).toBeUndefined();

    // Recorded with the log line, once the answer went out.
    await expectEventually(async () =>
      expect((await scrape(origin)).text).toContain(
        'intl_gateway_operation_duration_seconds_count{operation="Rated",type="query",outcome="ok"} 1',
      ),
    );
    const { status, text } = await scrape(origin);

    expect(status).toBe(200);
    expect(text).toContain(
      'intl_gateway_subgraph_fetch_duration_seconds_count{subgraph="catalogue",outcome="ok"} 1',
    );
    expect(text).toContain(
      'intl_gateway_subgraph_fetch_duration_seconds_count{subgraph="reviews",outcome="ok"} 1',
    );
  });

  it("labels fetches from a subgraph that does not answer in time or sheds its load", async () => {
    const hanging = await gatewayWith("hang", { subgraphTimeoutMs: 200 });
    await postGraphQL(hanging.url, { query: `query Late { thing(id: "t1") { shippingDays } }` });
    expect((await scrape(hanging.origin)).text).toContain(
      'intl_gateway_subgraph_fetch_duration_seconds_count{subgraph="shipping",outcome="timeout"} 1',
    );

    const shedding = await gatewayWith("shed", {});
    const answer = await postGraphQL(shedding.url, {
      query: `query Busy { thing(id: "t1") { shippingDays } }`,
    });
    expect(answer.body.errors?.[0]?.extensions?.["code"]).toBe("OVERLOADED");
    await expectEventually(async () =>
      expect((await scrape(shedding.origin)).text).toContain(
        'intl_gateway_errors_total{code="OVERLOADED"} 1',
      ),
    );
    const { text } = await scrape(shedding.origin);

    expect(text).toContain(
      'intl_gateway_subgraph_fetch_duration_seconds_count{subgraph="shipping",outcome="overloaded"} 1',
    );
    expect(text).toContain(
      'intl_gateway_operation_duration_seconds_count{operation="Busy",type="query",outcome="error"} 1',
    );
  });
});
