import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTokenVerifier, mintDevelopmentToken } from "@intl/auth";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { postGraphQL } from "../test/graphqlPost.ts";
import {
  asSubgraphSdls,
  startCatalogueSubgraph,
  startReviewsSubgraph,
  startUnresponsiveSubgraph,
} from "../test/thingSubgraphs.ts";
import type { RunningSubgraph, UnresponsiveSubgraph } from "../test/thingSubgraphs.ts";
import { buildGateway } from "./gateway.ts";
import { writeRegister } from "./register/subgraphRegister.ts";
import { composeSupergraph } from "./supergraph.ts";

const auth = {
  secret: "gateway-test-secret-0123456789-abcdef",
  issuer: "intl-graph",
  audience: "intl-graph",
};
let catalogue: RunningSubgraph;
let reviews: RunningSubgraph;
let school: UnresponsiveSubgraph | undefined;
let closeGateway: (() => Promise<void>) | undefined;

beforeAll(async () => {
  [catalogue, reviews] = await Promise.all([startCatalogueSubgraph(), startReviewsSubgraph()]);
});
afterEach(async () => {
  await closeGateway?.();
  await school?.close();
});
afterAll(async () => Promise.all([catalogue?.close(), reviews?.close()]));

/** A gateway over our two "thing" subgraphs and one school's, registered with a 300 ms timeout. */
async function gatewayWithSchool(behaviour: "hang" | "shed") {
  school = await startUnresponsiveSubgraph(behaviour);
  const ours = asSubgraphSdls([catalogue, reviews]);
  const composed = composeSupergraph(ours);
  if (!composed.ok) throw new Error(composed.errors.join("\n"));
  const registerPath = join(mkdtempSync(join(tmpdir(), "schools-")), "register.json");
  writeRegister(registerPath, [
    {
      name: "imt-slow",
      url: school.url,
      sdl: school.sdl,
      owner: "t <t@imt-slow.test>",
      timeoutMs: 300,
      publishedAt: "",
    },
  ]);
  const gateway = buildGateway({
    supergraphSdl: composed.supergraphSdl,
    verifyToken: createTokenVerifier(auth),
    logger: pino({ level: "silent" }),
    schools: { register: { path: registerPath, ours }, circuit: { failureThreshold: 2, cooldownMs: 60_000 } },
  });
  const server = await gateway.listen({ port: 0, host: "127.0.0.1" });
  closeGateway = server.close;
  return server.url;
}

describe("a school's subgraph that does not answer", () => {
  it("costs its own fields a SUBGRAPH_TIMEOUT after its own timeout, and the rest is answered", async () => {
    const url = await gatewayWithSchool("hang");
    const token = await mintDevelopmentToken({ ...auth, role: "ANALYST" });
    const answer = await postGraphQL(
      url,
      { query: "{ things { name shippingDays } }" },
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({
      things: [
        { name: "Bicycle", shippingDays: null },
        { name: "Lamp", shippingDays: null },
      ],
    });
    expect(answer.body.errors?.[0]?.extensions).toEqual({
      code: "SUBGRAPH_TIMEOUT",
      details: { subgraph: "imt-slow", timeoutMs: 300 },
    });
    // The school received a request, never with the user's token.
    expect(school!.received.length).toBeGreaterThan(0);
    for (const request of school!.received) {
      expect(request.authorization).toMatch(/^Bearer /);
      expect(request.authorization).not.toContain(token);
    }
  });

  it("once its circuit is open, its fields answer SUBGRAPH_UNAVAILABLE without calling it", async () => {
    const url = await gatewayWithSchool("shed");
    const ask = () => postGraphQL(url, { query: "{ things { name shippingDays } }" });
    expect((await ask()).body.errors?.[0]?.extensions).toMatchObject({ code: "OVERLOADED" });
    await ask();
    const calls = school!.received.length;
    const answer = await ask();
    expect(school!.received.length).toBe(calls);
    expect(answer.body.data).toMatchObject({
      things: [{ name: "Bicycle", shippingDays: null }, { name: "Lamp" }],
    });
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({
      code: "SUBGRAPH_UNAVAILABLE",
      details: { subgraph: "imt-slow", retryAfterSeconds: 60 },
    });
  });

  it("publishes the key its tokens verify with", async () => {
    const url = await gatewayWithSchool("shed");
    const response = await fetch(new URL("/.well-known/jwks.json", url));
    const { keys } = (await response.json()) as { keys: { kty: string; alg: string; d?: string }[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "EC", alg: "ES256" });
    expect(keys[0]).not.toHaveProperty("d");
  });
});
