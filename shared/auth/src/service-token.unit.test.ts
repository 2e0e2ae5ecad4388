import { createLocalJWKSet, exportPKCS8, generateKeyPair, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { createServiceTokenSigner } from "./service-token.ts";

describe("service tokens (what the gateway sends another school instead of the user's token)", () => {
  it("signs a token for one audience that the published key set verifies, with only the given claims", async () => {
    const signer = await createServiceTokenSigner({ issuer: "intl-graph-gateway" });
    const token = await signer.sign("imt-example", { role: "ANALYST" });
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(signer.jwks), {
      issuer: "intl-graph-gateway",
      audience: "imt-example",
    });
    expect(protectedHeader).toMatchObject({ alg: "ES256", kid: signer.jwks.keys[0]?.kid });
    expect(Object.keys(payload).sort()).toEqual(["aud", "exp", "iat", "iss", "role", "sub"]);
    expect(payload.exp! - payload.iat!).toBe(60);
    await expect(
      jwtVerify(token, createLocalJWKSet(signer.jwks), { audience: "imt-another" }),
    ).rejects.toThrow(/aud/);
  });

  it("publishes no private key", async () => {
    const signer = await createServiceTokenSigner({ issuer: "gw" });
    expect(signer.jwks.keys[0]).not.toHaveProperty("d");
  });

  it("reuses a token for half its lifetime, then signs a fresh one", async () => {
    let nowMs = Date.UTC(2026, 0, 1);
    const signer = await createServiceTokenSigner({ issuer: "gw", lifetimeSeconds: 60, now: () => nowMs });
    const first = await signer.sign("imt-example", { role: "ANALYST" });
    nowMs += 29_000;
    expect(await signer.sign("imt-example", { role: "ANALYST" })).toBe(first);
    expect(await signer.sign("imt-example", { role: "ADMIN" })).not.toBe(first);
    nowMs += 2_000;
    expect(await signer.sign("imt-example", { role: "ANALYST" })).not.toBe(first);
  });

  it("signs with a configured key, so that every replica publishes the same key set", async () => {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const pem = await exportPKCS8(privateKey);
    const one = await createServiceTokenSigner({ issuer: "gw", privateKeyPem: pem });
    const other = await createServiceTokenSigner({ issuer: "gw", privateKeyPem: pem });
    expect(other.jwks).toEqual(one.jwks);
    const token = await one.sign("imt-example", { role: "ANONYMOUS" });
    await expect(jwtVerify(token, createLocalJWKSet(other.jwks))).resolves.toBeDefined();
  });
});
