// Two tiny subgraphs for the gateway's tests: "catalogue" owns Thing, "reviews"
// extends it. Each records the requests it receives, serves /health, and leaks
// stack traces on purpose so the gateway's masking is what gets tested.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { GraphQLError, parse } from "graphql";
import type { GraphQLSchema } from "graphql";
import type { SubgraphSdl } from "../src/supergraph.ts";

export interface ReceivedRequest {
  authorization: string | undefined;
  requestId: string | undefined;
  /** The W3C trace context the gateway sent (tracing on). */
  traceparent?: string | undefined;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  sdl: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

export const leakedInternalMessage = "connect ECONNREFUSED mongodb://admin:hunter2@10.0.0.7:27017";

const things = [
  { id: "t1", name: "Bicycle", relatedIds: ["t2"] },
  { id: "t2", name: "Lamp", relatedIds: ["t1"] },
];

const catalogueSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    thing(id: ID!): Thing
    things: [Thing!]!
  }
  type Thing @key(fields: "id") {
    id: ID!
    name: String!
    related: [Thing!]!
  }
`;

const catalogueResolvers = {
  Query: {
    thing: (_: unknown, { id }: { id: string }) => things.find((thing) => thing.id === id) ?? null,
    things: () => things,
  },
  Thing: {
    __resolveReference: ({ id }: { id: string }) => things.find((thing) => thing.id === id) ?? null,
    related: ({ relatedIds }: { relatedIds: string[] }) =>
      things.filter((thing) => relatedIds.includes(thing.id)),
  },
};

const reviewsSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Thing @key(fields: "id") {
    id: ID!
    rating: Int!
    "Fails like a bug would: a plain Error with internals in its message."
    internalNote: String
    "Refuses like a domain rule would: a coded error meant for the client."
    reviewerEmail: String
  }
`;

const reviewsResolvers = {
  Thing: {
    __resolveReference: ({ id }: { id: string }) => ({ id }),
    rating: ({ id }: { id: string }) => (id === "t1" ? 5 : 3),
    internalNote: () => {
      throw new Error(leakedInternalMessage);
    },
    reviewerEmail: () => {
      throw new GraphQLError("Only the international office may read reviewer e-mails.", {
        extensions: {
          code: "FORBIDDEN",
          reason: "ROLE_NOT_ALLOWED",
          field: "reviewerEmail",
          databaseHost: "10.0.0.7",
        },
      });
    },
  },
};

async function startSubgraph(name: string, sdl: string, schema: GraphQLSchema): Promise<RunningSubgraph> {
  const received: ReceivedRequest[] = [];
  const apollo = new ApolloServer({
    schema,
    includeStacktraceInErrorResponses: true,
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  const app = express();
  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.use(
    "/graphql",
    (req, _res, next) => {
      received.push({
        authorization: req.get("authorization"),
        requestId: req.get("x-request-id"),
        traceparent: req.get("traceparent"),
      });
      next();
    },
    express.json(),
    expressMiddleware(apollo),
  );

  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    sdl,
    received,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await apollo.stop();
    },
  };
}

export const startCatalogueSubgraph = () =>
  startSubgraph(
    "catalogue",
    catalogueSdl,
    buildSubgraphSchema([{ typeDefs: parse(catalogueSdl), resolvers: catalogueResolvers }]),
  );
export const startReviewsSubgraph = () =>
  startSubgraph(
    "reviews",
    reviewsSdl,
    buildSubgraphSchema([{ typeDefs: parse(reviewsSdl), resolvers: reviewsResolvers }]),
  );

/** The SDLs as composition sees them, at the given URLs. */
export function asSubgraphSdls(subgraphs: RunningSubgraph[]): SubgraphSdl[] {
  return subgraphs.map(({ name, url, sdl }) => ({ name, url, sdl }));
}

export interface UnresponsiveSubgraph extends RunningSubgraph {
  /** Requests whose connection closed before any answer (the gateway gave up or its client left). */
  closedUnanswered: number;
  /** TCP connections the gateway opened to it. */
  connections: number;
}

const shippingSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Thing @key(fields: "id") {
    id: ID!
    "Served by a subgraph that never answers (or always sheds): nullable, so the rest of the answer stands."
    shippingDays: Int
  }
`;

/**
 * A "shipping" subgraph extending Thing that never answers (`hang`) or always
 * refuses like an overloaded server (`shed`: 503, Retry-After, OVERLOADED). It
 * counts the requests it receives, those whose connection closed unanswered,
 * and the connections opened to it.
 */
export async function startUnresponsiveSubgraph(behaviour: "hang" | "shed"): Promise<UnresponsiveSubgraph> {
  const app = express();
  const subgraph = {
    name: "shipping",
    url: "",
    sdl: shippingSdl,
    received: [] as ReceivedRequest[],
    closedUnanswered: 0,
    connections: 0,
    close: async () => {},
  };
  app.post("/graphql", (req, res) => {
    subgraph.received.push({ authorization: req.get("authorization"), requestId: req.get("x-request-id") });
    res.once("close", () => {
      if (!res.writableFinished) subgraph.closedUnanswered += 1;
    });
    if (behaviour === "shed") {
      res
        .status(503)
        .set("retry-after", "2")
        .json({
          errors: [{ message: "The server is at capacity.", extensions: { code: "OVERLOADED" } }],
        });
    }
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  server.on("connection", () => {
    subgraph.connections += 1;
  });
  const { port } = server.address() as AddressInfo;
  subgraph.url = `http://127.0.0.1:${port}/graphql`;
  subgraph.close = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };
  return subgraph;
}
