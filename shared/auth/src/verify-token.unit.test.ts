import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { DomainError, ErrorKind } from "@intl/errors";
import { mintDevelopmentToken } from "./mint-token.ts";
import type { DevelopmentTokenOptions } from "./mint-token.ts";
import { AuthReason } from "./reasons.ts";
import { Role } from "./roles.ts";
import { createTokenVerifier } from "./verify-token.ts";

const secret = "test-secret-of-at-least-32-characters!!";
const issuer = "intl-graph-test";
const audience = "intl-graph-test";
const verifyToken = createTokenVerifier({ secret, issuer, audience });

const mint = (overrides: Partial<DevelopmentTokenOptions> = {}) =>
  mintDevelopmentToken({
    secret,
    issuer,
    audience,
    role: Role.INTERNATIONAL_OFFICE,
    subject: "alice",
    ...overrides,
  });

async function refusal(header: string): Promise<DomainError> {
  const error = await verifyToken(header).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const domainError = error as DomainError;
  expect(domainError.kind).toBe(ErrorKind.UNAUTHENTICATED);
  return domainError;
}

describe("token verification", () => {
  it("turns a valid bearer token into the viewer its claims describe", async () => {
    const token = await mint({ role: Role.FACULTY, hdr: true, facultyId: "fac-1" });
    await expect(verifyToken(`Bearer ${token}`)).resolves.toEqual({
      authenticated: true,
      subject: "alice",
      role: Role.FACULTY,
      hdr: true,
      institutionId: null,
      facultyId: "fac-1",
    });
  });

  it("treats a request without an Authorization header as anonymous", async () => {
    await expect(verifyToken(undefined)).resolves.toEqual({ authenticated: false });
    await expect(verifyToken("")).resolves.toEqual({ authenticated: false });
  });

  it("accepts the Bearer scheme in any case", async () => {
    const token = await mint();
    await expect(verifyToken(`bearer ${token}`)).resolves.toMatchObject({ authenticated: true });
  });

  it("refuses an expired token with TOKEN_EXPIRED", async () => {
    const token = await mint({ expiresIn: "-1 minute" });
    const error = await refusal(`Bearer ${token}`);
    expect(error.reason).toBe(AuthReason.TOKEN_EXPIRED);
    expect(error.message).toMatch(/expired/);
  });

  it("tolerates five seconds of clock skew on expiry", async () => {
    const token = await mint({ expiresIn: -2 });
    await expect(verifyToken(`Bearer ${token}`)).resolves.toMatchObject({ authenticated: true });
  });

  it("refuses a token forged with another secret as TOKEN_INVALID", async () => {
    const token = await mintDevelopmentToken({
      secret: "another-secret-of-at-least-32-characters",
      issuer,
      audience,
      role: Role.ADMIN,
    });
    const error = await refusal(`Bearer ${token}`);
    expect(error.reason).toBe(AuthReason.TOKEN_INVALID);
    expect(error.message).toMatch(/signature/);
  });

  it("refuses a token for another audience", async () => {
    const token = await mintDevelopmentToken({ secret, issuer, audience: "another-app", role: Role.ADMIN });
    const error = await refusal(`Bearer ${token}`);
    expect(error.reason).toBe(AuthReason.TOKEN_INVALID);
    expect(error.message).toMatch(/aud/);
  });

  it("refuses a token from another issuer", async () => {
    const token = await mintDevelopmentToken({ secret, issuer: "someone-else", audience, role: Role.ADMIN });
    const error = await refusal(`Bearer ${token}`);
    expect(error.reason).toBe(AuthReason.TOKEN_INVALID);
    expect(error.message).toMatch(/iss/);
  });

  it("refuses a PARTNER token that names no institution", async () => {
    const token = await mint({ role: Role.PARTNER });
    const error = await refusal(`Bearer ${token}`);
    expect(error.reason).toBe(AuthReason.TOKEN_INVALID);
    expect(error.message).toMatch(/institution_id/);
  });

  it("accepts a PARTNER token that names its institution", async () => {
    const token = await mint({ role: Role.PARTNER, institutionId: "inst-42" });
    await expect(verifyToken(`Bearer ${token}`)).resolves.toMatchObject({
      role: Role.PARTNER,
      institutionId: "inst-42",
    });
  });

  it("refuses an IMT_SCHOOL token that is not bound to a school named imt-<school>", async () => {
    for (const school of [undefined, "atlantique", "IMT-Atlantique"]) {
      const token = await mint({ role: Role.IMT_SCHOOL, ...(school ? { school } : {}) });
      const error = await refusal(`Bearer ${token}`);
      expect(error.reason).toBe(AuthReason.TOKEN_INVALID);
      expect(error.message).toMatch(/school claim/);
    }
  });

  it("accepts an IMT_SCHOOL token bound to its school, and gives no other role a school", async () => {
    const token = await mint({ role: Role.IMT_SCHOOL, school: "imt-atlantique" });
    await expect(verifyToken(`Bearer ${token}`)).resolves.toMatchObject({
      role: Role.IMT_SCHOOL,
      school: "imt-atlantique",
    });
    const analyst = await verifyToken(
      `Bearer ${await mint({ role: Role.ANALYST, school: "imt-atlantique" })}`,
    );
    expect(analyst).not.toHaveProperty("school");
  });

  it("refuses a token with an unknown role", async () => {
    const token = await new SignJWT({ role: "DEAN" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("bob")
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(secret));
    const error = await refusal(`Bearer ${token}`);
    expect(error.reason).toBe(AuthReason.TOKEN_INVALID);
    expect(error.message).toMatch(/unknown role "DEAN"/);
  });

  it("refuses a token that never expires", async () => {
    const token = await new SignJWT({ role: Role.ADMIN })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("bob")
      .setIssuer(issuer)
      .setAudience(audience)
      .sign(new TextEncoder().encode(secret));
    expect((await refusal(`Bearer ${token}`)).reason).toBe(AuthReason.TOKEN_INVALID);
  });

  it("refuses an unsigned token (alg none)", async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const token = `${encode({ alg: "none" })}.${encode({ sub: "eve", role: "ADMIN", iss: issuer, aud: audience, exp })}.`;
    expect((await refusal(`Bearer ${token}`)).reason).toBe(AuthReason.TOKEN_INVALID);
  });

  it.each([["Basic dXNlcjpwYXNz"], ["Bearer"], ["Bearer not-a-jwt"], ["Bearer a.b.c"]])(
    "refuses the malformed header %s as TOKEN_INVALID",
    async (header) => {
      expect((await refusal(header)).reason).toBe(AuthReason.TOKEN_INVALID);
    },
  );

  it("cannot be built without a way to check signatures", () => {
    expect(() => createTokenVerifier({ issuer, audience })).toThrow(/secret.*jwksUrl/);
    expect(() => createTokenVerifier({ secret: "short", issuer, audience })).toThrow(/32 characters/);
  });
});
