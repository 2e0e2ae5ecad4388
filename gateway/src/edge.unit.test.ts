// The gateway's edge, as a browser app or an anonymous caller meets it: CORS,
// introspection and GraphiQL, query cost and tokens, trusted documents, and the
// log line each operation leaves. In-process subgraphs on free ports.
import { createHash } from "node:crypto";
import { createTokenVerifier, mintDevelopmentToken } from "@intl/auth";
import type { Role } from "@intl/auth";
import { getIntrospectionQuery } from "graphql";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { asSubgraphSdls, startCatalogueSubgraph, startReviewsSubgraph } from "../test/thingSubgraphs.ts";
import type { RunningSubgraph } from "../test/thingSubgraphs.ts";
import { postGraphQL } from "../test/graphqlPost.ts";
import { buildGateway } from "./gateway.ts";
import type { EdgeSettings } from "./gateway.ts";
import type { QueryLimits } from "./queryLimits.ts";
import { composeSupergraph } from "./supergraph.ts";

const secret = "gateway-test-secret-0123456789-abcdef";
const issuer = "intl-graph";
const audience = "intl-graph";
const tokenFor = (role: Role) =>
  mintDevelopmentToken({
    secret,
    issuer,
    audience,
    role,
    ...(role === "PARTNER" ? { institutionId: "i1" } : {}),
  });

let catalogue: RunningSubgraph;
let reviews: RunningSubgraph;
let supergraphSdl: string;
let closeGateway: (() => Promise<void>) | undefined;

beforeAll(async () => {
  [catalogue, reviews] = await Promise.all([startCatalogueSubgraph(), startReviewsSubgraph()]);
  const composition = composeSupergraph(asSubgraphSdls([catalogue, reviews]));
  if (!composition.ok) throw new Error(composition.errors.join("\n"));
  supergraphSdl = composition.supergraphSdl;
});
beforeEach(() => {
  catalogue.received.length = 0;
  reviews.received.length = 0;
});
afterEach(async () => {
  await closeGateway?.();
  closeGateway = undefined;
});
afterAll(async () => {
  await Promise.all([catalogue?.close(), reviews?.close()]);
});

/** A gateway over catalogue and reviews; `logLines` holds every JSON line its logger wrote. */
async function gatewayWith(options: { edge?: Partial<EdgeSettings>; limits?: Partial<QueryLimits> } = {}) {
  const logLines: Record<string, unknown>[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => logLines.push(JSON.parse(line)) });
  const gateway = buildGateway({
    supergraphSdl,
    verifyToken: createTokenVerifier({ secret, issuer, audience }),
    logger,
    ...options,
  });
  const server = await gateway.listen({ port: 0, host: "127.0.0.1" });
  closeGateway = server.close;
  return { url: server.url, origin: new URL(server.url).origin, logLines };
}

const post = (url: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  postGraphQL(url, body, { headers });

const bearer = async (role: Role) => ({ authorization: `Bearer ${await tokenFor(role)}` });

describe("CORS: a browser page on an allowed origin can call the gateway, one on another origin cannot", () => {
  const allowed = "https://app.example.org";
  const refused = "https://evil.example.com";

  const preflight = (url: string, origin: string) =>
    fetch(url, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });

  it("answers an allowed origin's preflight, allowing POST with Authorization and Content-Type", async () => {
    const { url } = await gatewayWith({ edge: { corsOrigins: [allowed] } });

    const response = await preflight(url, allowed);

    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(allowed);
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(response.headers.get("access-control-allow-headers")).toContain("content-type");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("lets an allowed origin's page read the answer to its query", async () => {
    const { url } = await gatewayWith({ edge: { corsOrigins: [allowed] } });

    const { status, headers, body } = await post(url, { query: "{ things { name } }" }, { origin: allowed });

    expect(status).toBe(200);
    expect(headers.get("access-control-allow-origin")).toBe(allowed);
    expect(headers.get("vary")).toContain("Origin");
    expect(body.data).toEqual({ things: [{ name: "Bicycle" }, { name: "Lamp" }] });
  });

  it("gives another origin's preflight and request no CORS header, so its browser blocks them", async () => {
    const { url } = await gatewayWith({ edge: { corsOrigins: [allowed] } });

    const answeredPreflight = await preflight(url, refused);
    const { headers } = await post(url, { query: "{ things { name } }" }, { origin: refused });

    expect(answeredPreflight.headers.get("access-control-allow-origin")).toBeNull();
    expect(answeredPreflight.headers.get("access-control-allow-headers")).toBeNull();
    expect(headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows no other origin by default", async () => {
    const { url } = await gatewayWith();

    const response = await preflight(url, allowed);

    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("keeps Apollo's CSRF prevention for an allowed origin: a simple GET without a preflight header is refused", async () => {
    const { url } = await gatewayWith({ edge: { corsOrigins: [allowed] } });

    const response = await fetch(`${url}?query=${encodeURIComponent("{ things { name } }")}`, {
      headers: { origin: allowed },
    });

    expect(response.status).toBe(400);
    expect(await response.text()).toContain("CSRF");
    expect(catalogue.received).toEqual([]);
  });
});

describe("introspection and GraphiQL", () => {
  const introspection = { query: `{ __type(name: "Thing") { fields { name } } }` };

  it("in development: anyone may introspect and GraphiQL is served", async () => {
    const { url, origin } = await gatewayWith();

    const { body } = await post(url, introspection);
    const graphiql = await fetch(`${origin}/graphiql`);

    expect(body.errors).toBeUndefined();
    expect(body.data?.["__type"]).toBeTruthy();
    expect(graphiql.status).toBe(200);
  });

  describe("in production (introspection for analysts, GraphiQL off)", () => {
    const production: Partial<EdgeSettings> = { introspection: "analysts", graphiql: false };

    it("refuses an anonymous caller's introspection with FORBIDDEN / INTROSPECTION_DISABLED", async () => {
      const { url } = await gatewayWith({ edge: production });

      const { status, body } = await post(url, introspection);

      expect(status).toBe(403);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.extensions).toEqual({ code: "FORBIDDEN", reason: "INTROSPECTION_DISABLED" });
    });

    it("refuses it hidden in a fragment, and to a signed-in PARTNER", async () => {
      const { url } = await gatewayWith({ edge: production });

      const hidden = await post(url, {
        query: `{ things { name } ...Peek } fragment Peek on Query { __schema { types { name } } }`,
      });
      const partner = await post(url, introspection, await bearer("PARTNER"));

      expect(hidden.body.errors?.[0]?.extensions?.["reason"]).toBe("INTROSPECTION_DISABLED");
      expect(partner.body.errors?.[0]?.extensions?.["reason"]).toBe("INTROSPECTION_DISABLED");
      expect(catalogue.received).toEqual([]);
    });

    it("still answers an ANALYST's or an ADMIN's full introspection query", async () => {
      const { url } = await gatewayWith({ edge: production });

      for (const role of ["ANALYST", "ADMIN"] as const) {
        const { status, body } = await post(url, { query: getIntrospectionQuery() }, await bearer(role));

        expect(status).toBe(200);
        expect(body.errors).toBeUndefined();
        expect(body.data?.["__schema"]).toBeTruthy();
      }
    });

    it("still answers anonymous queries, __typename included", async () => {
      const { url } = await gatewayWith({ edge: production });

      const { body } = await post(url, { query: "{ __typename things { name } }" });

      expect(body.errors).toBeUndefined();
      expect(body.data?.["__typename"]).toBe("Query");
    });

    it("answers /graphiql with 404 and a page saying GraphiQL is off", async () => {
      const { origin } = await gatewayWith({ edge: production });

      const page = await fetch(`${origin}/graphiql`);
      const asset = await fetch(`${origin}/graphiql/assets/graphiql.min.js`);

      expect(page.status).toBe(404);
      expect(await page.text()).toContain("GraphiQL is turned off");
      expect(asset.status).toBe(404);
    });
  });
});

describe("query cost and size", () => {
  // things: 1; per thing (× 10, the default list size): name 1, related 1 + 10 × (name 1)
  const costly = { query: "query Costly { things { name related { name } } }" };
  const costlyCost = 1 + 10 * (1 + 1 + 10);

  it("refuses an operation costing more than the limit, naming both, before any subgraph is called", async () => {
    const { url } = await gatewayWith({ limits: { maxCost: costlyCost - 1 } });

    const { status, body } = await post(url, costly);

    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      {
        message: `Operation "Costly" has an estimated cost of ${costlyCost}; the limit is ${costlyCost - 1}.`,
        extensions: {
          code: "GRAPHQL_VALIDATION_FAILED",
          reason: "QUERY_TOO_COSTLY",
          details: { cost: costlyCost, maxCost: costlyCost - 1 },
        },
      },
    ]);
    expect(catalogue.received).toEqual([]);
    expect(reviews.received).toEqual([]);
  });

  it("serves an operation at the limit", async () => {
    const { url } = await gatewayWith({ limits: { maxCost: costlyCost } });

    const { status, body } = await post(url, costly);

    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(catalogue.received).toHaveLength(1);
  });

  it("refuses a document holding more tokens than the limit, before parsing it", async () => {
    const { url } = await gatewayWith({ limits: { maxTokens: 20 } });
    const names = Array.from({ length: 20 }, (_, i) => `n${i}: name`).join(" ");

    const { status, body } = await post(url, { query: `{ things { ${names} } }` });
    const small = await post(url, { query: "{ things { name } }" });

    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({
      code: "GRAPHQL_VALIDATION_FAILED",
      reason: "QUERY_TOO_MANY_TOKENS",
      details: { maxTokens: 20 },
    });
    expect(body.errors?.[0]?.message).toContain("20 tokens");
    expect(small.status).toBe(200);
    expect(catalogue.received).toHaveLength(1); // the small one only
  });
});

describe("trusted documents", () => {
  const text = "query Things { things { name } }";
  const id = createHash("sha256").update(text).digest("hex");
  const documents = new Map([[id, text]]);

  it("serves a trusted document by its APQ hash or its documentId", async () => {
    const { url } = await gatewayWith({ edge: { trustedDocuments: { documents, only: true } } });

    const byHash = await post(url, { extensions: { persistedQuery: { version: 1, sha256Hash: id } } });
    const byId = await post(url, { documentId: `sha256:${id}` });

    for (const { status, body } of [byHash, byId]) {
      expect(status).toBe(200);
      expect(body.data).toEqual({ things: [{ name: "Bicycle" }, { name: "Lamp" }] });
    }
  });

  it("serves a trusted document by documentId in a GET request (with Apollo's preflight header)", async () => {
    const { url } = await gatewayWith({ edge: { trustedDocuments: { documents, only: true } } });

    const response = await fetch(`${url}?documentId=${id}`, {
      headers: { "apollo-require-preflight": "true" },
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { things: [{ name: "Bicycle" }, { name: "Lamp" }] } });
  });

  it("answers PERSISTED_QUERY_NOT_FOUND for an id it does not hold", async () => {
    const { url } = await gatewayWith({ edge: { trustedDocuments: { documents, only: true } } });

    const { body } = await post(url, { documentId: "0".repeat(64) });

    expect(body.errors?.[0]?.extensions?.["code"]).toBe("PERSISTED_QUERY_NOT_FOUND");
    expect(catalogue.received).toEqual([]);
  });

  it("in trusted-documents-only mode refuses free text (PERSISTED_QUERY_REQUIRED), even with a registering hash", async () => {
    const { url } = await gatewayWith({ edge: { trustedDocuments: { documents, only: true } } });
    const other = "{ things { name rating } }";
    const otherHash = createHash("sha256").update(other).digest("hex");

    const freeText = await post(url, { query: other }, await bearer("ANALYST"));
    const registering = await post(url, {
      query: other,
      extensions: { persistedQuery: { version: 1, sha256Hash: otherHash } },
    });

    for (const { status, body } of [freeText, registering]) {
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions).toEqual({ code: "PERSISTED_QUERY_REQUIRED" });
    }
    expect(catalogue.received).toEqual([]);
  });

  it("lets an ADMIN send free text in trusted-documents-only mode", async () => {
    const { url } = await gatewayWith({ edge: { trustedDocuments: { documents, only: true } } });

    const { status, body } = await post(url, { query: "{ things { rating } }" }, await bearer("ADMIN"));

    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it("without the only mode, takes free text besides the trusted documents", async () => {
    const { url } = await gatewayWith({ edge: { trustedDocuments: { documents, only: false } } });

    const { status } = await post(url, { query: "{ things { rating } }" });

    expect(status).toBe(200);
  });
});

describe("one log line per operation", () => {
  const operationLines = (lines: Record<string, unknown>[]) =>
    lines.filter((line) => line["msg"] === "graphql operation");

  it("names the operation, its type, the client, the status, the request and trace ids, and the duration", async () => {
    const { url, logLines } = await gatewayWith();
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    await post(
      url,
      { query: "query Catalogue { things { name } }" },
      {
        "apollographql-client-name": "office-web",
        "apollographql-client-version": "1.4.2",
        "x-request-id": "req-7",
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      },
    );

    const lines = operationLines(logLines);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      operationName: "Catalogue",
      operationType: "query",
      clientName: "office-web",
      clientVersion: "1.4.2",
      requestId: "req-7",
      traceId,
      httpStatus: 200,
      errorCodes: [],
    });
    expect(lines[0]?.["durationMs"]).toEqual(expect.any(Number));
  });

  it("lists the error codes sent, for an operation refused before it ran and one that failed in a subgraph", async () => {
    const { url, logLines } = await gatewayWith({ limits: { maxCost: 5 } });

    await post(url, { query: "query Costly { things { name related { name } } }" });
    await post(url, { query: `query Unknown { nothing }`, operationName: "Unknown" });
    await post(url, { query: `query Note { thing(id: "t1") { internalNote } }` });

    const lines = operationLines(logLines);
    expect(lines.map((line) => [line["operationName"], line["httpStatus"], line["errorCodes"]])).toEqual([
      ["Costly", 400, ["GRAPHQL_VALIDATION_FAILED"]],
      ["Unknown", 400, ["GRAPHQL_VALIDATION_FAILED"]],
      ["Note", 200, ["INTERNAL_SERVER_ERROR"]],
    ]);
  });

  it("logs a refused token's operation with its 401 and code, and no trace id without traceparent", async () => {
    const { url, logLines } = await gatewayWith();

    await post(url, { query: "{ things { name } }" }, { authorization: "Bearer not-a-token" });

    const [line] = operationLines(logLines);
    expect(line).toMatchObject({ httpStatus: 401, errorCodes: ["UNAUTHENTICATED"] });
    expect(line).not.toHaveProperty("traceId");
  });
});
