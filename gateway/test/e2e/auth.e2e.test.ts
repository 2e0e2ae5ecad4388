import { mintDevelopmentToken } from "@intl/auth";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startSystem, type System } from "./system.ts";

let system: System;

beforeAll(async () => {
  system = await startSystem({ kafkaBrokers: inject("kafkaBrokers"), mongoUri: inject("mongoUri") });
});
afterAll(async () => system?.stop());

describe("who sees what through the gateway", () => {
  it("serves public data to a request without a token", async () => {
    const result = await system.data<{ schoolLabels: { totalCount: number } }>(
      null,
      "{ schoolLabels { totalCount } }",
    );
    expect(result.schoolLabels.totalCount).toBeGreaterThanOrEqual(0);
  });

  it("gives a request without a token nothing that needs signing in", async () => {
    const result = await system.query(null, "{ institutions { totalCount } }");
    expect(result.data?.institutions ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("serves signed-in data to a valid token", async () => {
    const token = await system.token("ANALYST");
    const result = await system.data<{ institutions: { totalCount: number } }>(
      token,
      "{ institutions { totalCount } }",
    );
    expect(result.institutions.totalCount).toBe(0);
  });

  it("refuses an expired token with a coded error", async () => {
    const expired = await system.token("ADMIN", { expiresIn: "-1h" });
    const result = await system.query(expired, "{ schoolLabels { totalCount } }");
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "UNAUTHENTICATED",
      reason: "TOKEN_EXPIRED",
    });
  });

  it("refuses a forged token with a coded error", async () => {
    const forged = await mintDevelopmentToken({
      secret: "another-secret-that-is-long-enough-000",
      issuer: "intl-graph",
      audience: "intl-graph",
      role: "ADMIN",
    });
    const result = await system.query(forged, "{ schoolLabels { totalCount } }");
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "UNAUTHENTICATED",
      reason: "TOKEN_INVALID",
    });
  });

  it("checks the token again in each subgraph, not only at the gateway", async () => {
    const forged = await mintDevelopmentToken({
      secret: "another-secret-that-is-long-enough-000",
      issuer: "intl-graph",
      audience: "intl-graph",
      role: "ADMIN",
    });
    const subgraph = system.subgraphUrls.partnerships;
    const response = await fetch(subgraph!, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${forged}` },
      body: JSON.stringify({ query: "{ institutions { totalCount } }" }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
