// A real subgraph server on 127.0.0.1 (port 0), driven over HTTP: no Kafka, no store.
import { Writable } from "node:stream";
import type DataLoader from "dataloader";
import { gql } from "graphql-tag";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Role, createTokenVerifier, mintDevelopmentToken, requireRole } from "@intl/auth";
import type { DevelopmentTokenOptions } from "@intl/auth";
import { badInput } from "@intl/errors";
import { buildBaseContext } from "./context.ts";
import type { BaseContext } from "./context.ts";
import { createByIdLoader } from "./loaders.ts";
import { createLogger } from "./logger.ts";
import { createSubgraphServer } from "./server.ts";
import type { ListeningSubgraph, SubgraphResolvers } from "./server.ts";

const secret = "subgraph-test-secret-at-least-32-chars";
const issuer = "intl-graph";
const audience = "intl-graph";
const verifyToken = createTokenVerifier({ secret, issuer, audience });
const tokenFor = (overrides: Partial<DevelopmentTokenOptions> = {}) =>
  mintDevelopmentToken({ secret, issuer, audience, role: Role.ADMIN, subject: "alice", ...overrides });

const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Widget @key(fields: "id") {
    id: ID!
    name: String!
  }

  type Query {
    widget(id: ID!): Widget
    greeting: String!
    me: String!
    renameWidget(name: String!): Widget
    crash: String
    staffReport: String!
  }
`;

interface Widget {
  id: string;
  name: string;
}
interface TestContext extends BaseContext {
  widgets: DataLoader<string, Widget | null>;
}

const store: Widget[] = [
  { id: "w1", name: "Gear" },
  { id: "w2", name: "Sprocket" },
];
let widgetFetches: (readonly string[])[] = [];

const resolvers: SubgraphResolvers<TestContext> = {
  Query: {
    widget: (_: unknown, args: { id: string }, context: TestContext) => context.widgets.load(args.id),
    greeting: () => "Bienvenue",
    me: (_: unknown, __: unknown, { viewer }: TestContext) =>
      viewer.authenticated ? viewer.subject : "anonymous",
    renameWidget: () => {
      throw badInput("WIDGET_NAME_TOO_SHORT", "input.name", "A widget name needs at least 3 characters.");
    },
    crash: () => {
      throw new Error("connection to mongodb://admin:hunter2@db refused");
    },
    staffReport: (_: unknown, __: unknown, { viewer }: TestContext) => {
      requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE);
      return "42 agreements";
    },
  },
  Widget: {
    __resolveReference: (reference: { id: string }, context: TestContext) =>
      context.widgets.load(reference.id),
  },
};

// Every log line, parsed, so tests can check what operators would see.
let logLines: Record<string, unknown>[] = [];
const logSink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split("\n").filter(Boolean))
      logLines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});
const logger = createLogger("widgets", "info", logSink);

function buildWidgetsServer(readiness: Record<string, () => Promise<void>> = {}) {
  return createSubgraphServer<TestContext>({
    name: "widgets",
    typeDefs,
    resolvers,
    verifyToken,
    logger,
    readiness,
    readinessTimeoutMs: 200,
    buildContext: (base) => ({
      ...base,
      widgets: createByIdLoader<Widget>(async (ids) => {
        widgetFetches.push(ids);
        return store.filter((w) => ids.includes(w.id));
      }),
    }),
  });
}

interface GraphQLAnswer {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
  };
  text: string;
}

let subgraph: ListeningSubgraph;

async function post(query: string, headers: Record<string, string> = {}): Promise<GraphQLAnswer> {
  const response = await fetch(subgraph.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: JSON.parse(text) as GraphQLAnswer["body"],
    text,
  };
}

beforeAll(async () => {
  subgraph = await buildWidgetsServer().listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await subgraph.close();
});
beforeEach(() => {
  logLines = [];
  widgetFetches = [];
});

describe("a subgraph server", () => {
  it("serves its federation SDL through _service", async () => {
    const { body } = await post("{ _service { sdl } }");
    const sdl = (body.data?._service as { sdl: string }).sdl;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
    expect(sdl).toMatch(/type Widget\s+@key\(fields: "id"\)/);
  });

  it("resolves entity references for the gateway", async () => {
    const { body } = await post(
      '{ _entities(representations: [{ __typename: "Widget", id: "w2" }]) { ... on Widget { id name } } }',
    );
    expect(body.data?._entities).toEqual([{ id: "w2", name: "Sprocket" }]);
  });

  it("answers a domain error with its code, reason and field", async () => {
    const { status, body } = await post('{ renameWidget(name: "x") { id } }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ renameWidget: null });
    expect(body.errors).toEqual([
      {
        message: "A widget name needs at least 3 characters.",
        locations: [{ line: 1, column: 3 }],
        path: ["renameWidget"],
        extensions: { code: "BAD_USER_INPUT", reason: "WIDGET_NAME_TOO_SHORT", field: "input.name" },
      },
    ]);
  });

  it("masks an unexpected error for the client and logs it with its request context", async () => {
    const { body, text } = await post("{ crash }", { "x-request-id": "req-crash-1" });
    expect(body.errors).toEqual([
      { message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } },
    ]);
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("stacktrace");
    const logged = logLines.find((line) => line.msg === "unexpected error while resolving");
    expect(logged).toMatchObject({
      level: "error",
      service: "widgets",
      requestId: "req-crash-1",
      path: ["crash"],
      err: { message: "connection to mongodb://admin:hunter2@db refused" },
    });
    expect((logged?.err as { stack?: string }).stack).toContain("server.unit.test.ts");
  });

  it("lets an anonymous request read public fields", async () => {
    const { status, body } = await post("{ greeting me }");
    expect(status).toBe(200);
    expect(body).toEqual({ data: { greeting: "Bienvenue", me: "anonymous" } });
  });

  it("knows the viewer of a valid token", async () => {
    const { body } = await post("{ me }", { authorization: `Bearer ${await tokenFor({ subject: "bob" })}` });
    expect(body.data).toEqual({ me: "bob" });
  });

  it("refuses a forged token with UNAUTHENTICATED before running anything", async () => {
    const forged = await mintDevelopmentToken({
      secret: "not-the-secret-but-32-characters-long",
      issuer,
      audience,
      role: Role.ADMIN,
    });
    const { status, body } = await post("{ greeting }", { authorization: `Bearer ${forged}` });
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions).toEqual({ code: "UNAUTHENTICATED", reason: "TOKEN_INVALID" });
  });

  it("refuses an expired token with reason TOKEN_EXPIRED", async () => {
    const expired = await tokenFor({ expiresIn: "-10 minutes" });
    const { status, body } = await post("{ greeting }", { authorization: `Bearer ${expired}` });
    expect(status).toBe(401);
    expect(body.errors?.[0]).toMatchObject({
      message: "The access token has expired; sign in again.",
      extensions: { code: "UNAUTHENTICATED", reason: "TOKEN_EXPIRED" },
    });
  });

  it("forbids a field to a role that may not read it", async () => {
    const analyst = await tokenFor({ role: Role.ANALYST });
    const { body } = await post("{ staffReport }", { authorization: `Bearer ${analyst}` });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "ROLE_NOT_ALLOWED" });
  });

  it("asks an anonymous viewer to sign in for a role-guarded field, and serves an allowed role", async () => {
    const anonymous = await post("{ staffReport }");
    expect(anonymous.body.errors?.[0]?.extensions).toMatchObject({
      code: "UNAUTHENTICATED",
      reason: "SIGN_IN_REQUIRED",
    });
    const office = await post("{ staffReport }", {
      authorization: `Bearer ${await tokenFor({ role: Role.INTERNATIONAL_OFFICE })}`,
    });
    expect(office.body).toEqual({ data: { staffReport: "42 agreements" } });
  });

  it("passes GraphQL validation errors through with their code", async () => {
    const { status, body } = await post("{ nope }");
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
  });

  it("refuses a GET query without a preflight header (CSRF prevention)", async () => {
    const url = `${subgraph.url}?query=${encodeURIComponent("{ greeting }")}`;
    const refused = await fetch(url);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("apollo-require-preflight");
    const allowed = await fetch(url, { headers: { "apollo-require-preflight": "true" } });
    expect(await allowed.json()).toEqual({ data: { greeting: "Bienvenue" } });
  });

  it("batches the lookups of one request into one fetch, and shares no cache across requests", async () => {
    const query =
      '{ a: widget(id: "w1") { name } b: widget(id: "w2") { name } c: widget(id: "w9") { name } d: widget(id: "w1") { id } }';
    const first = await post(query);
    expect(first.body.data).toEqual({
      a: { name: "Gear" },
      b: { name: "Sprocket" },
      c: null,
      d: { id: "w1" },
    });
    expect(widgetFetches).toEqual([["w1", "w2", "w9"]]);
    await post(query);
    expect(widgetFetches).toHaveLength(2);
  });

  it("logs each operation with its name, duration and errors count", async () => {
    await post("query WhoAmI { me crash }", { "x-request-id": "req-log-1" });
    const line = logLines.find((l) => l.msg === "graphql operation");
    expect(line).toMatchObject({
      service: "widgets",
      requestId: "req-log-1",
      operationName: "WhoAmI",
      errors: 1,
    });
    expect(typeof line?.durationMs).toBe("number");
  });

  it("echoes the caller's request id, or makes one", async () => {
    expect((await post("{ greeting }", { "x-request-id": "abc-123" })).headers.get("x-request-id")).toBe(
      "abc-123",
    );
    expect((await post("{ greeting }")).headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers a malformed JSON body with a JSON error, not an HTML page", async () => {
    const response = await fetch(subgraph.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{ not json",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: "The request body is not valid JSON.", extensions: { code: "BAD_REQUEST" } }],
    });
  });

  it("says it is alive on /health", async () => {
    const response = await fetch(`${subgraph.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});

describe("GET /metrics", () => {
  it("counts and times each operation by name, type and outcome, without a token", async () => {
    await post("query Welcome { greeting }");
    await post("query Crashing { crash }");

    const response = await fetch(`${subgraph.baseUrl}/metrics`);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const count = "intl_subgraph_operation_duration_seconds_count";
    expect(text).toContain(`${count}{subgraph="widgets",operation="Welcome",type="query",outcome="ok"} 1`);
    expect(text).toContain(
      `${count}{subgraph="widgets",operation="Crashing",type="query",outcome="error"} 1`,
    );
    expect(text).toMatch(
      /^intl_subgraph_operation_duration_seconds_bucket\{[^}]*operation="Welcome"[^}]*\} 1$/m,
    );
  });
});

describe("readiness", () => {
  it("is 200 when every check passes", async () => {
    const server = await buildWidgetsServer({ store: async () => {}, kafka: async () => {} }).listen({
      port: 0,
      host: "127.0.0.1",
    });
    try {
      const response = await fetch(`${server.baseUrl}/ready`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ready", checks: { store: "ok", kafka: "ok" } });
    } finally {
      await server.close();
    }
  });

  it("is 503 naming the checks that failed or hung, without their internals", async () => {
    const server = await buildWidgetsServer({
      store: async () => {},
      kafka: async () => {
        throw new Error("broker 10.0.0.7:9092 unreachable");
      },
      search: () => new Promise<void>(() => {}),
    }).listen({ port: 0, host: "127.0.0.1" });
    try {
      const response = await fetch(`${server.baseUrl}/ready`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        status: "not ready",
        checks: { store: "ok", kafka: "failed", search: "timed out" },
      });
      expect(logLines.find((l) => l.msg === "not ready")).toMatchObject({
        failures: { kafka: "broker 10.0.0.7:9092 unreachable" },
      });
    } finally {
      await server.close();
    }
  });
});

describe("in-process execution", () => {
  it("runs operations without HTTP once started, with a context built for the test", async () => {
    const { apollo, start } = buildWidgetsServer();
    await start();
    try {
      const base = buildBaseContext({ logger });
      const response = await apollo.executeOperation(
        { query: '{ me widget(id: "w2") { name } }' },
        {
          contextValue: {
            ...base,
            widgets: createByIdLoader<Widget>(async (ids) => store.filter((w) => ids.includes(w.id))),
          },
        },
      );
      expect(response.body.kind === "single" && response.body.singleResult.data).toEqual({
        me: "anonymous",
        widget: { name: "Sprocket" },
      });
    } finally {
      await apollo.stop();
    }
  });

  it("answers /graphql with 503 until started", async () => {
    const { app } = buildWidgetsServer();
    const { createServer } = await import("node:http");
    const http = createServer(app);
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = http.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ greeting }" }),
      });
      expect(response.status).toBe(503);
    } finally {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });
});

describe("text holding the NUL character (U+0000)", () => {
  it.each([
    ["a literal", '{ widget(id: "w\\u0000") { name } }', {}],
    ["a variable", "query($id: ID!) { widget(id: $id) { name } }", { id: "w\u0000" }],
  ])("is refused as bad input in %s, before any resolver runs", async (_where, query, variables) => {
    widgetFetches = [];
    const response = await fetch(subgraph.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: "Text may not contain the NUL character (U+0000).",
          extensions: { code: "BAD_USER_INPUT", reason: "NUL_CHARACTER" },
        },
      ],
    });
    expect(widgetFetches).toEqual([]);
  });
});
