import { createTokenVerifier, mintDevelopmentToken } from "@intl/auth";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  asSubgraphSdls,
  leakedInternalMessage,
  startCatalogueSubgraph,
  startReviewsSubgraph,
} from "../test/thingSubgraphs.ts";
import type { RunningSubgraph } from "../test/thingSubgraphs.ts";
import { buildGateway } from "./gateway.ts";
import { composeSupergraph } from "./supergraph.ts";

const secret = "gateway-test-secret-0123456789-abcdef";
const issuer = "intl-graph";
const audience = "intl-graph";
const unreachable = "http://127.0.0.1:9/graphql";

let catalogue: RunningSubgraph;
let reviews: RunningSubgraph;
let gatewayUrl: string;
let closeGateway: () => Promise<void>;

beforeAll(async () => {
  [catalogue, reviews] = await Promise.all([startCatalogueSubgraph(), startReviewsSubgraph()]);
  // The supergraph records unreachable URLs: only the run-time override can make queries work.
  const composition = composeSupergraph(
    asSubgraphSdls([catalogue, reviews]).map((subgraph) => ({ ...subgraph, url: unreachable })),
  );
  if (!composition.ok) throw new Error(composition.errors.join("\n"));
  const gateway = buildGateway({
    supergraphSdl: composition.supergraphSdl,
    subgraphUrls: { catalogue: catalogue.url, reviews: reviews.url },
    verifyToken: createTokenVerifier({ secret, issuer, audience }),
    logger: pino({ level: "silent" }),
  });
  const server = await gateway.listen({ port: 0, host: "127.0.0.1" });
  gatewayUrl = server.url;
  closeGateway = server.close;
});

afterAll(async () => {
  await closeGateway?.();
  await Promise.all([catalogue?.close(), reviews?.close()]);
});

beforeEach(() => {
  catalogue.received.length = 0;
  reviews.received.length = 0;
});

interface GraphQLResponseBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}

async function postQuery(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphQLResponseBody,
  };
}

const analystToken = () => mintDevelopmentToken({ secret, issuer, audience, role: "ANALYST" });

describe("the gateway in front of two subgraphs", () => {
  it("resolves an entity across both subgraphs in one query", async () => {
    const { status, body } = await postQuery(
      `{ thing(id: "t1") { id name rating related { name rating } } }`,
    );

    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data).toEqual({
      thing: { id: "t1", name: "Bicycle", rating: 5, related: [{ name: "Lamp", rating: 3 }] },
    });
  });

  it("forwards the caller's Authorization header and request id to every subgraph it calls", async () => {
    const token = await analystToken();

    const { body } = await postQuery(`{ thing(id: "t1") { name rating } }`, {
      authorization: `Bearer ${token}`,
      "x-request-id": "trace-me-42",
    });

    expect(body.errors).toBeUndefined();
    expect(catalogue.received).toEqual([{ authorization: `Bearer ${token}`, requestId: "trace-me-42" }]);
    expect(reviews.received).toEqual([{ authorization: `Bearer ${token}`, requestId: "trace-me-42" }]);
  });

  it("serves anonymous queries and forwards no Authorization header for them", async () => {
    const { status, body } = await postQuery(`{ things { name rating } }`);

    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(catalogue.received).toHaveLength(1);
    expect(catalogue.received[0]?.authorization).toBeUndefined();
    expect(reviews.received[0]?.authorization).toBeUndefined();
  });

  it("refuses a forged token with a coded UNAUTHENTICATED error and never calls a subgraph", async () => {
    const forged = await mintDevelopmentToken({
      secret: "someone-elses-secret-0123456789-abcdef",
      issuer,
      audience,
      role: "ADMIN",
    });

    const { status, headers, body } = await postQuery(`{ thing(id: "t1") { name rating } }`, {
      authorization: `Bearer ${forged}`,
    });

    expect(status).toBe(401);
    expect(headers.get("www-authenticate")).toContain("Bearer");
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions).toEqual({ code: "UNAUTHENTICATED", reason: "TOKEN_INVALID" });
    expect(catalogue.received).toEqual([]);
    expect(reviews.received).toEqual([]);
  });

  it("refuses an expired token with reason TOKEN_EXPIRED", async () => {
    const expired = await mintDevelopmentToken({
      secret,
      issuer,
      audience,
      role: "ANALYST",
      expiresIn: "-1h",
    });

    const { status, body } = await postQuery(`{ things { name } }`, { authorization: `Bearer ${expired}` });

    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions).toEqual({ code: "UNAUTHENTICATED", reason: "TOKEN_EXPIRED" });
    expect(catalogue.received).toEqual([]);
  });

  it("masks a subgraph's internal error: no stack, no internal message, no service details, code kept", async () => {
    const { body } = await postQuery(`{ thing(id: "t1") { name internalNote } }`);

    expect(body.data).toEqual({ thing: { name: "Bicycle", internalNote: null } });
    expect(body.errors).toEqual([
      {
        message: "Internal server error",
        path: ["thing", "internalNote"],
        extensions: { code: "INTERNAL_SERVER_ERROR" },
      },
    ]);
    const raw = JSON.stringify(body);
    expect(raw).not.toContain(leakedInternalMessage);
    expect(raw).not.toContain("hunter2");
    expect(raw).not.toContain(reviews.url);
    expect(raw).not.toContain("stacktrace");
  });

  it("passes a subgraph's coded refusal through with its message, reason and field, and nothing else", async () => {
    const { body } = await postQuery(`{ thing(id: "t1") { reviewerEmail } }`);

    expect(body.errors).toEqual([
      {
        message: "Only the international office may read reviewer e-mails.",
        path: ["thing", "reviewerEmail"],
        extensions: { code: "FORBIDDEN", reason: "ROLE_NOT_ALLOWED", field: "reviewerEmail" },
      },
    ]);
  });

  it("rejects a query deeper than 12 levels with a coded error, before any subgraph is called", async () => {
    const deep = `{ thing(id: "t1") { ${"related { ".repeat(12)}name${" }".repeat(12)} } }`;

    const { status, body } = await postQuery(deep);

    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({
      code: "GRAPHQL_VALIDATION_FAILED",
      reason: "QUERY_TOO_DEEP",
      details: { depth: 14, maxDepth: 12 },
    });
    expect(catalogue.received).toEqual([]);
  });

  it("answers introspection, for analysts exploring the graph", async () => {
    const { body } = await postQuery(`{ __type(name: "Thing") { fields { name } } }`);

    const fields = (body.data?.["__type"] as { fields: { name: string }[] }).fields.map(
      (field) => field.name,
    );
    expect(fields).toEqual(expect.arrayContaining(["name", "rating", "related"]));
  });

  it("refuses a GET query without a preflight header (CSRF prevention)", async () => {
    const query = encodeURIComponent("{ things { name } }");

    const simple = await fetch(`${gatewayUrl}?query=${query}`);
    const preflighted = await fetch(`${gatewayUrl}?query=${query}`, {
      headers: { "apollo-require-preflight": "true" },
    });

    expect(simple.status).toBe(400);
    expect(await simple.text()).toContain("CSRF");
    expect(catalogue.received).toHaveLength(1); // only the preflighted one reached the subgraph
    expect(preflighted.status).toBe(200);
  });

  it("answers a malformed request body with a JSON error and no stack trace", async () => {
    const response = await fetch(gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"query": "{ things { name } }"',
    });

    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphQLResponseBody;
    expect(body.errors?.[0]?.extensions).toEqual({ code: "BAD_REQUEST" });
    expect(JSON.stringify(body)).not.toContain("node_modules");
  });

  it("tags every response with a request id, generating one when the caller sent none", async () => {
    const { headers } = await postQuery(`{ __typename }`);

    expect(headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("the gateway's health and readiness", () => {
  it("is alive on /health and ready on /ready when every subgraph's /health answers", async () => {
    const origin = new URL(gatewayUrl).origin;

    const health = await fetch(`${origin}/health`);
    const ready = await fetch(`${origin}/ready`);

    expect(health.status).toBe(200);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: "ready",
      supergraph: "loaded",
      subgraphs: { catalogue: "ok", reviews: "ok" },
    });
  });

  it("is not ready while a subgraph is unreachable, names it in /ready and hides its URL from clients", async () => {
    const composition = composeSupergraph(asSubgraphSdls([catalogue, reviews]));
    if (!composition.ok) throw new Error(composition.errors.join("\n"));
    const gateway = buildGateway({
      supergraphSdl: composition.supergraphSdl,
      subgraphUrls: { reviews: unreachable },
      verifyToken: createTokenVerifier({ secret, issuer, audience }),
      logger: pino({ level: "silent" }),
    });
    const server = await gateway.listen({ port: 0, host: "127.0.0.1" });
    try {
      const ready = await fetch(new URL("/ready", server.url));

      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { subgraphs: Record<string, string> };
      expect(body.subgraphs["catalogue"]).toBe("ok");
      expect(body.subgraphs["reviews"]).toMatch(/^unreachable/);

      const query = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `{ thing(id: "t1") { name rating } }` }),
      });
      const answer = (await query.json()) as GraphQLResponseBody;
      // Coded and named (its fields are left out), never its URL.
      expect(answer.errors?.map((error) => error.extensions?.["code"])).toEqual(["SUBGRAPH_UNAVAILABLE"]);
      expect(answer.errors?.[0]?.message).toBe(
        "The reviews subgraph could not be reached; its fields are left out.",
      );
      expect(JSON.stringify(answer)).not.toContain(unreachable);
    } finally {
      await server.close();
    }
  });
});

describe("the gateway and Apollo's cloud", () => {
  it("turns off @apollo/gateway's hourly report of this host before building the gateway", () => {
    delete process.env["APOLLO_TELEMETRY_DISABLED"];
    const composition = composeSupergraph(asSubgraphSdls([catalogue, reviews]));
    if (!composition.ok) throw new Error(composition.errors.join("\n"));

    buildGateway({
      supergraphSdl: composition.supergraphSdl,
      verifyToken: createTokenVerifier({ secret, issuer, audience }),
      logger: pino({ level: "silent" }),
    });

    expect(process.env["APOLLO_TELEMETRY_DISABLED"]).toBe("true");
  });
});
