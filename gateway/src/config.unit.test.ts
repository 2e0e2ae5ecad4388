import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { ConfigError, loadConfig } from "@intl/config";
import { describe, expect, it } from "vitest";
import { edgeSettingsFrom, gatewayConfigSchema, queryLimitsFrom } from "./config.ts";
import { defaultQueryLimits } from "./queryLimits.ts";
import { readTrustedDocuments } from "./trustedDocuments.ts";

const secret = {
  AUTH_JWT_SECRET: "gateway-test-secret-0123456789-abcdef",
  PSEUDONYM_KEY: "gateway-test-pseudonym-key-0123456789-abcdef",
};
const load = (env: Record<string, string>) =>
  loadConfig("gateway", gatewayConfigSchema, { ...secret, ...env });

describe("the gateway's edge settings", () => {
  it("in development: no other origin, introspection for everyone, GraphiQL on, the default query limits", () => {
    const config = load({});

    expect(edgeSettingsFrom(config)).toEqual({ corsOrigins: [], introspection: "public", graphiql: true });
    expect(queryLimitsFrom(config)).toEqual(defaultQueryLimits);
  });

  it("in production: introspection for analysts and GraphiQL off, unless said otherwise", () => {
    expect(edgeSettingsFrom(load({ NODE_ENV: "production" }))).toMatchObject({
      introspection: "analysts",
      graphiql: false,
    });
    expect(
      edgeSettingsFrom(load({ NODE_ENV: "production", INTROSPECTION: "public", GRAPHIQL: "true" })),
    ).toMatchObject({ introspection: "public", graphiql: true });
  });

  it("in production: refuses to start without PSEUDONYM_KEY (the development key is public)", () => {
    expect(() =>
      loadConfig("gateway", gatewayConfigSchema, {
        AUTH_JWT_SECRET: secret.AUTH_JWT_SECRET,
        NODE_ENV: "production",
      }),
    ).toThrow(/PSEUDONYM_KEY/);
  });

  it("reads CORS_ORIGINS as exact origins and names an entry that is not one", () => {
    expect(load({ CORS_ORIGINS: "https://app.example.org, http://127.0.0.1:5173" }).CORS_ORIGINS).toEqual([
      "https://app.example.org",
      "http://127.0.0.1:5173",
    ]);
    expect(() => load({ CORS_ORIGINS: "https://app.example.org/, *" })).toThrow(ConfigError);
    expect(() => load({ CORS_ORIGINS: "https://app.example.org/" })).toThrow(
      /app\.example\.org\/" is not an origin/,
    );
  });

  it("refuses TRUSTED_DOCUMENTS_ONLY without a manifest", () => {
    expect(() => load({ TRUSTED_DOCUMENTS_ONLY: "true" })).toThrow(/TRUSTED_DOCUMENTS_ONLY/);
  });

  it("reads QUERY_MAX_COST and QUERY_MAX_TOKENS", () => {
    expect(queryLimitsFrom(load({ QUERY_MAX_COST: "800", QUERY_MAX_TOKENS: "400" }))).toMatchObject({
      maxCost: 800,
      maxTokens: 400,
    });
  });
});

describe("the trusted-documents manifest", () => {
  const directory = mkdtempSync(join(tmpdir(), "trusted-documents-"));
  const text = "query Things { things { name } }";
  const id = createHash("sha256").update(text).digest("hex");

  it("is read as id → text", () => {
    const path = join(directory, "good.json");
    writeFileSync(path, JSON.stringify({ [id]: text }));

    expect(readTrustedDocuments(path)).toEqual(new Map([[id, text]]));
  });

  it("is refused when an id is not the sha256 of its text", () => {
    const path = join(directory, "forged.json");
    writeFileSync(path, JSON.stringify({ [id]: "mutation { deleteEverything }" }));

    expect(() => readTrustedDocuments(path)).toThrow(/not the sha256 of their text/);
  });
});
