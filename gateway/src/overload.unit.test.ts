// The gateway under slow and overloaded subgraphs: deadlines, client departures,
// load shedding and its connection pool. In-process subgraphs on free ports.
import { expectEventually } from "@intl/testing";
import { describe, expect, it } from "vitest";
import { postGraphQL } from "../test/graphqlPost.ts";
import { useThingGateway } from "../test/thingGateway.ts";

const { gatewayWith } = useThingGateway();

const post = (url: string, query: string, signal?: AbortSignal) =>
  postGraphQL(url, { query }, signal ? { signal } : {});

const withShipping = `{ thing(id: "t1") { name rating shippingDays } }`;
const withoutShipping = `{ thing(id: "t1") { name rating } }`;

describe("a subgraph that is down", () => {
  it("yields the other subgraphs' data and a coded SUBGRAPH_UNAVAILABLE naming it, not an internal error", async () => {
    const { url, shipping } = await gatewayWith("hang", { subgraphTimeoutMs: 60_000 });
    // Nothing listens on its port any more: connections are refused, as when its process is gone.
    await shipping.close();

    const { status, body } = await post(url, withShipping);

    expect(status).toBe(200);
    expect(body.data).toEqual({ thing: { name: "Bicycle", rating: 5, shippingDays: null } });
    expect(body.errors).toEqual([
      {
        message: "The shipping subgraph could not be reached; its fields are left out.",
        extensions: { code: "SUBGRAPH_UNAVAILABLE", details: { subgraph: "shipping" } },
      },
    ]);
  });
});

describe("a subgraph that does not answer in time", () => {
  it("yields the other subgraphs' data and a coded SUBGRAPH_TIMEOUT naming it", async () => {
    const { url } = await gatewayWith("hang", { subgraphTimeoutMs: 200 });

    const { status, body } = await post(url, withShipping);

    expect(status).toBe(200);
    expect(body.data).toEqual({ thing: { name: "Bicycle", rating: 5, shippingDays: null } });
    expect(body.errors).toEqual([
      {
        message: "The shipping subgraph did not answer within 200 ms.",
        extensions: { code: "SUBGRAPH_TIMEOUT", details: { subgraph: "shipping", timeoutMs: 200 } },
      },
    ]);
  });

  it("closes its request to that subgraph instead of leaving it open", async () => {
    const { url, shipping } = await gatewayWith("hang", { subgraphTimeoutMs: 200 });

    await post(url, withShipping);

    await expectEventually(() => expect(shipping.closedUnanswered).toBe(1));
  });
});

describe("an operation that runs out of its own time", () => {
  it("stops its subgraph fetches at the operation deadline and answers TIMEOUT with the rest", async () => {
    const { url, shipping } = await gatewayWith("hang", {
      subgraphTimeoutMs: 60_000,
      operationTimeoutMs: 300,
    });

    const { status, body } = await post(url, withShipping);

    expect(status).toBe(200);
    expect(body.data).toEqual({ thing: { name: "Bicycle", rating: 5, shippingDays: null } });
    expect(body.errors).toEqual([
      expect.objectContaining({ extensions: { code: "TIMEOUT", details: { timeoutMs: 300 } } }),
    ]);
    await expectEventually(() => expect(shipping.closedUnanswered).toBe(1));
  });
});

describe("a client that leaves before its answer", () => {
  it("aborts the gateway's subgraph fetches made for it", async () => {
    const { url, shipping } = await gatewayWith("hang", { subgraphTimeoutMs: 60_000 });
    const client = new AbortController();

    const request = post(url, withShipping, client.signal);
    await expectEventually(() => expect(shipping.received).toHaveLength(1));
    client.abort();

    await expect(request).rejects.toThrow();
    await expectEventually(() => expect(shipping.closedUnanswered).toBe(1));
  });
});

describe("the gateway's load shedding", () => {
  it("refuses operations past MAX_IN_FLIGHT with 503, Retry-After and OVERLOADED, serves /health, and recovers", async () => {
    const { url, origin, shipping } = await gatewayWith("hang", {
      subgraphTimeoutMs: 60_000,
      maxInFlight: 2,
    });
    const clients = [new AbortController(), new AbortController()];
    const stuck = clients.map((client) => post(url, withShipping, client.signal).catch(() => "left"));
    await expectEventually(() => expect(shipping.received).toHaveLength(2));

    const refused = await post(url, withoutShipping);
    const health = await fetch(`${origin}/health`);

    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: "OVERLOADED" }) }),
    ]);
    expect(health.status).toBe(200);

    for (const client of clients) client.abort();
    await Promise.all(stuck);
    const recovered = await expectEventually(async () => {
      const answer = await post(url, withoutShipping);
      expect(answer.status).toBe(200);
      return answer;
    });
    expect(recovered.body.data).toEqual({ thing: { name: "Bicycle", rating: 5 } });
  });

  it("reports a subgraph that sheds its load as OVERLOADED for its fields, naming it", async () => {
    const { url } = await gatewayWith("shed", {});

    const { status, body } = await post(url, withShipping);

    expect(status).toBe(200);
    expect(body.data).toEqual({ thing: { name: "Bicycle", rating: 5, shippingDays: null } });
    expect(body.errors).toEqual([
      {
        message: "The shipping subgraph is at capacity; retry later.",
        extensions: { code: "OVERLOADED", details: { subgraph: "shipping", retryAfterSeconds: 2 } },
      },
    ]);
  });
});

describe("the gateway's connection pool", () => {
  it("never opens more than SUBGRAPH_MAX_CONNECTIONS connections to a subgraph, however many requests wait", async () => {
    const { url, shipping } = await gatewayWith("hang", {
      subgraphTimeoutMs: 60_000,
      subgraphMaxConnections: 2,
    });
    const clients = Array.from({ length: 5 }, () => new AbortController());

    const waiting = clients.map((client) => post(url, withShipping, client.signal).catch(() => "left"));
    await expectEventually(() => expect(shipping.received).toHaveLength(2));
    // The three others wait in the pool: give them every chance to open a connection of their own.
    await post(url, withoutShipping);

    expect(shipping.connections).toBe(2);
    expect(shipping.received).toHaveLength(2);
    for (const client of clients) client.abort();
    await Promise.all(waiting);
  });
});
