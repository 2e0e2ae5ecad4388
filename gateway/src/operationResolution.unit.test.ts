import { readFileSync } from "node:fs";
import { createTokenVerifier } from "@intl/auth";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postGraphQL } from "../test/graphqlPost.ts";
import { buildGateway } from "./gateway.ts";
import { supergraphPath } from "./subgraphCatalogue.ts";

// No subgraph is reached: the request is refused before its plan runs.
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const gateway = buildGateway({
    supergraphSdl: readFileSync(supergraphPath, "utf8"),
    subgraphUrls: Object.fromEntries(
      ["partnerships", "students", "research", "campaigns"].map((name) => [
        name,
        "http://127.0.0.1:9/graphql",
      ]),
    ),
    verifyToken: createTokenVerifier({
      secret: "resolution-test-secret-0123456789-abcdef",
      issuer: "i",
      audience: "a",
    }),
    logger: pino({ level: "silent" }),
  });
  ({ url, close } = await gateway.listen({ port: 0, host: "127.0.0.1" }));
});
afterAll(async () => close?.());

describe("a request without an operation the gateway can run", () => {
  it.each([
    [{ query: "query A { __typename }", operationName: "B" }, 'Unknown operation named "B".'],
    [
      { query: "query A { __typename } query B { __typename }" },
      "Must provide operation name if query contains multiple operations.",
    ],
  ])("is refused with a coded 400, not an internal error: %j", async (body, message) => {
    const answer = await postGraphQL(url, body);
    expect(answer).toMatchObject({
      status: 400,
      body: { errors: [{ message, extensions: { code: "OPERATION_RESOLUTION_FAILURE" } }] },
    });
  });

  it("is refused with a coded 400 when it is a subscription: the schema has none", async () => {
    const answer = await postGraphQL(url, { query: "subscription { anything }" });
    expect(answer).toMatchObject({
      status: 400,
      body: {
        errors: [
          {
            message: "This schema has no subscription operations.",
            extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
          },
        ],
      },
    });
  });

  it("runs the operation it names", async () => {
    const answer = await postGraphQL(url, {
      query: "query A { __typename } query B { __typename }",
      operationName: "B",
    });
    expect(answer).toMatchObject({ status: 200, body: { data: { __typename: "Query" } } });
  });
});
