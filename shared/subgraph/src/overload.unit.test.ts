// Deadlines and load shedding of a real subgraph server on 127.0.0.1 (port 0): no Kafka, no store.
import { gql } from "graphql-tag";
import { afterEach, describe, expect, it } from "vitest";
import { createTokenVerifier } from "@intl/auth";
import type { BaseContext } from "./context.ts";
import { ClientClosedRequest, DeadlineExceeded } from "./deadline.ts";
import { createLogger } from "./logger.ts";
import { createSubgraphServer } from "./server.ts";
import type { ListeningSubgraph, SubgraphServerLimits } from "./server.ts";

const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    quick: String!
    "Waits until the test opens the gate."
    gated: String
    "Never answers by itself: only the request's signal ends it."
    stuck: String
  }
`;

/** A promise with its resolver outside, to let a test decide when work ends. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

let gate = deferred();
let started: (() => void)[] = [];
let seenSignals: AbortSignal[] = [];

const resolvers = {
  Query: {
    quick: () => "done",
    gated: async () => {
      started.forEach((notify) => notify());
      await gate.promise;
      return "through";
    },
    stuck: (_: unknown, __: unknown, { signal }: BaseContext) => {
      seenSignals.push(signal);
      started.forEach((notify) => notify());
      return new Promise<string>(() => {});
    },
  },
};

let server: ListeningSubgraph | undefined;

async function listen(limits: Partial<SubgraphServerLimits>) {
  const built = createSubgraphServer({
    name: "overload",
    typeDefs,
    resolvers,
    verifyToken: createTokenVerifier({
      secret: "subgraph-test-secret-at-least-32-chars",
      issuer: "intl-graph",
      audience: "intl-graph",
    }),
    logger: createLogger("overload", "silent"),
  });
  server = await built.listen({ port: 0, host: "127.0.0.1", limits });
  return server;
}

afterEach(async () => {
  gate.resolve();
  gate = deferred();
  started = [];
  seenSignals = [];
  await server?.close();
  server = undefined;
});

async function post(url: string, query: string, init: RequestInit = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
    ...init,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as {
      data?: Record<string, unknown> | null;
      errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
    },
  };
}

/** Resolves once `count` resolvers have started. */
function resolversStarted(count: number) {
  const all = deferred();
  let seen = 0;
  started.push(() => {
    seen += 1;
    if (seen === count) all.resolve();
  });
  return all.promise;
}

describe("a subgraph operation's deadline", () => {
  it("answers an operation past its deadline with partial data and a coded TIMEOUT error", async () => {
    const { url } = await listen({ operationTimeoutMs: 50 });

    const { status, body } = await post(url, "{ quick stuck }");

    expect(status).toBe(200);
    expect(body.data).toEqual({ quick: "done", stuck: null });
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ["stuck"],
        extensions: expect.objectContaining({ code: "TIMEOUT", details: { timeoutMs: 50 } }),
      }),
    ]);
  });

  it("aborts the context's signal when the deadline passes", async () => {
    const { url } = await listen({ operationTimeoutMs: 50 });

    await post(url, "{ stuck }");

    expect(seenSignals[0]?.aborted).toBe(true);
    expect(seenSignals[0]?.reason).toBeInstanceOf(DeadlineExceeded);
  });

  it("aborts the context's signal when the client leaves before the answer", async () => {
    const { url } = await listen({ operationTimeoutMs: 60_000 });
    const client = new AbortController();
    const running = resolversStarted(1);

    const request = post(url, "{ stuck }", { signal: client.signal });
    await running;
    client.abort();
    await expect(request).rejects.toThrow();

    const signal = seenSignals[0]!;
    await new Promise((resolve) =>
      signal.aborted ? resolve(undefined) : signal.addEventListener("abort", resolve),
    );
    expect(signal.reason).toBeInstanceOf(ClientClosedRequest);
  });

  it("leaves the signal of an answered operation alone", async () => {
    const { url } = await listen({ operationTimeoutMs: 60_000 });
    const running = resolversStarted(1);

    const answered = post(url, "{ quick gated }");
    await running;
    gate.resolve();
    const { body } = await answered;

    expect(body.data).toEqual({ quick: "done", gated: "through" });
  });
});

describe("a subgraph's load shedding", () => {
  it("refuses operations past MAX_IN_FLIGHT with 503, Retry-After and OVERLOADED (counted on /metrics), and recovers once they end", async () => {
    const { url, baseUrl } = await listen({ maxInFlight: 2 });
    const running = resolversStarted(2);
    const inFlight = [post(url, "{ gated }"), post(url, "{ gated }")];
    await running;

    const refused = await post(url, "{ quick }");
    const health = await fetch(`${baseUrl}/health`);
    const metrics = await fetch(`${baseUrl}/metrics`);

    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: "OVERLOADED" }) }),
    ]);
    expect(health.status).toBe(200);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('intl_subgraph_requests_shed_total{subgraph="overload"} 1');

    gate.resolve();
    expect((await Promise.all(inFlight)).map(({ status }) => status)).toEqual([200, 200]);
    const after = await post(url, "{ quick }");
    expect(after.status).toBe(200);
    expect(after.body.data).toEqual({ quick: "done" });
  });
});
