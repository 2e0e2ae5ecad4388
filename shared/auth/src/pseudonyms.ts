import { createHmac } from "node:crypto";
import { Role } from "./roles.ts";
import type { Viewer } from "./viewer.ts";

/**
 * The kinds of person whose ids the graph shows. `STAFF` is a signed-in user's subject as recorded
 * on what they did (a review, a decision).
 */
export type PseudonymKind = "STUDENT" | "FACULTY" | "PHD_CANDIDATE" | "STAFF";

/** Roles that see pseudonyms instead of person ids (GDPR art. 25: data protection by design). */
const pseudonymisedRoles: ReadonlySet<Role> = new Set([Role.ANALYST]);

/** True when the viewer must see pseudonyms, never a person's real id. */
export function seesPseudonyms(viewer: Viewer): boolean {
  return viewer.authenticated && pseudonymisedRoles.has(viewer.role);
}

/** The development key, like DEVELOPMENT_JWT_SECRET: anyone can recompute its pseudonyms. */
export const DEVELOPMENT_PSEUDONYM_KEY = "dev-only-pseudonym-key-change-me-0123456789";

export interface Pseudonymiser {
  /**
   * The id the viewer is shown for a person: for a pseudonymised role, a keyed hash
   * (HMAC-SHA-256 of role, kind and id, 128 bits, base64url, prefixed `p-`), the same at every
   * request; for any other role, the id itself.
   */
  pseudonymFor(viewer: Viewer, kind: PseudonymKind, id: string): string;
}

/**
 * The one pseudonym function. The role is inside the hash, so an ANALYST's ids cannot be joined
 * with another role's, and the key (PSEUDONYM_KEY, held by the gateway only) keeps anyone without
 * it from recomputing a pseudonym from an id they know.
 */
export function createPseudonymiser(key: string): Pseudonymiser {
  if (key.length < 32) throw new Error("the pseudonym key must be at least 32 characters");
  return {
    pseudonymFor(viewer, kind, id) {
      if (!viewer.authenticated || !seesPseudonyms(viewer)) return id;
      const digest = createHmac("sha256", key).update(`${viewer.role}\u0000${kind}\u0000${id}`).digest();
      return `p-${digest.subarray(0, 16).toString("base64url")}`;
    },
  };
}
