import { describe, expect, it } from "vitest";
import { DomainError, ErrorKind } from "@intl/errors";
import { AuthReason } from "./reasons.ts";
import { Role } from "./roles.ts";
import { signedIn } from "./viewer.fixtures.ts";
import { anonymousViewer, hasRole, isHdrFaculty, requireRole, requireSignedIn } from "./viewer.ts";

function thrownBy(run: () => void): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error("expected the call to throw");
}

describe("role checks", () => {
  it("lets a viewer with one of the allowed roles through", () => {
    expect(() =>
      requireRole(signedIn(Role.INTERNATIONAL_OFFICE), Role.ADMIN, Role.INTERNATIONAL_OFFICE),
    ).not.toThrow();
  });

  it("asks an anonymous viewer to sign in (UNAUTHENTICATED)", () => {
    const error = thrownBy(() => requireRole(anonymousViewer, Role.ADMIN));
    expect(error.kind).toBe(ErrorKind.UNAUTHENTICATED);
    expect(error.reason).toBe(AuthReason.SIGN_IN_REQUIRED);
  });

  it("forbids a signed-in viewer whose role is not allowed, naming the allowed roles", () => {
    const error = thrownBy(() => requireRole(signedIn(Role.ANALYST), Role.ADMIN, Role.INTERNATIONAL_OFFICE));
    expect(error.kind).toBe(ErrorKind.FORBIDDEN);
    expect(error.reason).toBe(AuthReason.ROLE_NOT_ALLOWED);
    expect(error.details).toEqual({ allowedRoles: [Role.ADMIN, Role.INTERNATIONAL_OFFICE] });
  });

  it("requires only a token for requireSignedIn", () => {
    expect(() => requireSignedIn(signedIn(Role.PARTNER, { institutionId: "i" }))).not.toThrow();
    expect(thrownBy(() => requireSignedIn(anonymousViewer)).kind).toBe(ErrorKind.UNAUTHENTICATED);
  });

  it("answers hasRole without throwing", () => {
    expect(hasRole(signedIn(Role.ADMIN), Role.ADMIN)).toBe(true);
    expect(hasRole(signedIn(Role.ANALYST), Role.ADMIN, Role.FACULTY)).toBe(false);
    expect(hasRole(anonymousViewer, Role.ADMIN)).toBe(false);
  });

  it("recognises HDR faculty only among faculty holding the HDR", () => {
    expect(isHdrFaculty(signedIn(Role.FACULTY, { hdr: true }))).toBe(true);
    expect(isHdrFaculty(signedIn(Role.FACULTY, { hdr: false }))).toBe(false);
    expect(isHdrFaculty(signedIn(Role.ADMIN, { hdr: true }))).toBe(false);
    expect(isHdrFaculty(anonymousViewer)).toBe(false);
  });
});
