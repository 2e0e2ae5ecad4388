import { describe, expect, it } from "vitest";
import { Role } from "./roles.ts";
import { createPseudonymiser } from "./pseudonyms.ts";
import { anonymousViewer } from "./viewer.ts";
import type { Viewer } from "./viewer.ts";
import { signedIn } from "./viewer.fixtures.ts";

const as = (role: Role, subject = "someone"): Viewer => signedIn(role, { subject });

const key = "test-pseudonym-key-0123456789abcdef0123";

describe("pseudonyms for analysts (GDPR art. 25)", () => {
  const { pseudonymFor } = createPseudonymiser(key);

  it("shows an analyst a keyed hash of a person's id, the same at every request and for every analyst", () => {
    const first = pseudonymFor(as(Role.ANALYST, "ana"), "STUDENT", "stu-42");
    expect(first).toMatch(/^p-[A-Za-z0-9_-]{22}$/);
    expect(first).not.toContain("stu-42");
    expect(pseudonymFor(as(Role.ANALYST, "ana"), "STUDENT", "stu-42")).toBe(first);
    expect(pseudonymFor(as(Role.ANALYST, "bob"), "STUDENT", "stu-42")).toBe(first);
    expect(createPseudonymiser(key).pseudonymFor(as(Role.ANALYST), "STUDENT", "stu-42")).toBe(first);
  });

  it("gives different people, and different kinds of person with the same id, different pseudonyms", () => {
    const analyst = as(Role.ANALYST);
    const ids = [
      pseudonymFor(analyst, "STUDENT", "42"),
      pseudonymFor(analyst, "STUDENT", "43"),
      pseudonymFor(analyst, "FACULTY", "42"),
    ];
    expect(new Set(ids).size).toBe(3);
  });

  it("cannot be recomputed without the key", () => {
    const other = createPseudonymiser("another-key-0123456789abcdef0123456789");
    expect(other.pseudonymFor(as(Role.ANALYST), "STUDENT", "42")).not.toBe(
      pseudonymFor(as(Role.ANALYST), "STUDENT", "42"),
    );
  });

  it("shows every other role the real id", () => {
    for (const role of [Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY, Role.PARTNER]) {
      expect(pseudonymFor(as(role), "STUDENT", "42")).toBe("42");
    }
    expect(pseudonymFor(anonymousViewer, "STUDENT", "42")).toBe("42");
  });

  it("refuses a short key", () => {
    expect(() => createPseudonymiser("short")).toThrow(/at least 32/);
  });
});
