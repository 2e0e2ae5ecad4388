import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import type { CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "@intl/errors";
import { mintDevelopmentToken } from "./mint-token.ts";
import { AuthReason } from "./reasons.ts";
import { Role } from "./roles.ts";
import { createTokenVerifier } from "./verify-token.ts";
import type { TokenVerifier } from "./verify-token.ts";

// An identity provider in miniature: a key pair whose public half is served as a JWKS.
const issuer = "https://idp.test";
const audience = "intl-graph";
let server: Server;
let jwksUrl: string;
let privateKey: CryptoKey;
let verifyToken: TokenVerifier;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "key-1", alg: "RS256", use: "sig" };
  server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  verifyToken = createTokenVerifier({ jwksUrl, issuer, audience });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const signWith = (key: CryptoKey, kid: string) =>
  new SignJWT({ role: Role.ANALYST })
    .setProtectedHeader({ alg: "RS256", kid })
    .setSubject("carol")
    .setIssuer(issuer)
    .setAudience(audience)
    .setExpirationTime("10m")
    .sign(key);

describe("token verification against a JWKS", () => {
  it("accepts an RS256 token signed by a key of the set", async () => {
    const token = await signWith(privateKey, "key-1");
    await expect(verifyToken(`Bearer ${token}`)).resolves.toEqual({
      authenticated: true,
      subject: "carol",
      role: Role.ANALYST,
      hdr: false,
      institutionId: null,
      facultyId: null,
    });
  });

  it("refuses a token signed by a key outside the set", async () => {
    const stranger = await generateKeyPair("RS256");
    const token = await signWith(stranger.privateKey, "key-1");
    const error = await verifyToken(`Bearer ${token}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).reason).toBe(AuthReason.TOKEN_INVALID);
  });

  it("refuses an HS256 token when only a JWKS is configured", async () => {
    const token = await mintDevelopmentToken({
      secret: "x".repeat(32),
      issuer,
      audience,
      role: Role.ADMIN,
    });
    const error = await verifyToken(`Bearer ${token}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).reason).toBe(AuthReason.TOKEN_INVALID);
  });

  it("reports an unreachable key set as a server fault, not as the caller's bad token", async () => {
    const unreachable = createTokenVerifier({ jwksUrl: "http://127.0.0.1:1/jwks.json", issuer, audience });
    const token = await signWith(privateKey, "key-1");
    const error = await unreachable(`Bearer ${token}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(DomainError);
    expect((error as Error).message).toMatch(/signing keys are unavailable/);
  });
});
