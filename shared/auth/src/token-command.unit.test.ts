import { describe, expect, it } from "vitest";
import { DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER, DEVELOPMENT_JWT_SECRET } from "./development.ts";
import { runTokenCommand } from "./token-command.ts";
import { createTokenVerifier } from "./verify-token.ts";

const developmentVerifier = createTokenVerifier({
  secret: DEVELOPMENT_JWT_SECRET,
  issuer: DEVELOPMENT_ISSUER,
  audience: DEVELOPMENT_AUDIENCE,
});

describe("npm run token", () => {
  it("prints a token the development services accept, with the requested claims", async () => {
    const result = await runTokenCommand(
      ["--role", "FACULTY", "--subject", "alice", "--hdr", "--faculty", "fac-7", "--expires", "1h"],
      {},
    );
    expect(result.exitCode).toBe(0);
    await expect(developmentVerifier(`Bearer ${result.stdout.trim()}`)).resolves.toEqual({
      authenticated: true,
      subject: "alice",
      role: "FACULTY",
      hdr: true,
      institutionId: null,
      facultyId: "fac-7",
    });
  });

  it("signs with AUTH_JWT_SECRET when it is set", async () => {
    const secret = "s".repeat(40);
    const result = await runTokenCommand(["--role", "ADMIN"], { AUTH_JWT_SECRET: secret });
    const verifier = createTokenVerifier({
      secret,
      issuer: DEVELOPMENT_ISSUER,
      audience: DEVELOPMENT_AUDIENCE,
    });
    await expect(verifier(`Bearer ${result.stdout.trim()}`)).resolves.toMatchObject({ subject: "dev-admin" });
    await expect(developmentVerifier(`Bearer ${result.stdout.trim()}`)).rejects.toThrow(/signature/);
  });

  it("prints usage for --help", async () => {
    const result = await runTokenCommand(["--help"], {});
    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    expect(result.stdout).toContain("Usage: npm run token -- --role <ROLE>");
  });

  it("fails with a clear message on an unknown role", async () => {
    const result = await runTokenCommand(["--role", "DEAN"], {});
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain('Unknown role "DEAN": expected one of ADMIN, INTERNATIONAL_OFFICE');
  });

  it("fails when --role is missing, a PARTNER names no institution or an IMT_SCHOOL no school", async () => {
    expect((await runTokenCommand([], {})).stderr).toContain("Missing --role.");
    expect((await runTokenCommand(["--role", "PARTNER"], {})).stderr).toContain("needs --institution");
    expect((await runTokenCommand(["--role", "IMT_SCHOOL"], {})).stderr).toContain("needs --school");
  });

  it("fails on an unknown flag or a malformed lifetime", async () => {
    expect((await runTokenCommand(["--role", "ADMIN", "--colour"], {})).exitCode).toBe(1);
    const result = await runTokenCommand(["--role", "ADMIN", "--expires", "forever"], {});
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("Could not mint the token");
  });
});
