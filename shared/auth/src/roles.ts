/** Who a signed-in person is for the office; carried in the token's `role` claim. */
export const Role = {
  /** Runs the platform: every action, every datum. */
  ADMIN: "ADMIN",
  /** Staff of the international relations office. */
  INTERNATIONAL_OFFICE: "INTERNATIONAL_OFFICE",
  /** Faculty member; the `hdr` claim says whether they may supervise PhDs. */
  FACULTY: "FACULTY",
  /** Someone acting for a partner institution (`institution_id` claim required). */
  PARTNER: "PARTNER",
  /** Reads aggregates; personal data only where a service allows it. */
  ANALYST: "ANALYST",
  /**
   * The systems of another IMT school (client credentials, `school` claim
   * `imt-<school>` required): public and aggregate data, never personal data
   * (every service lists who may read personal data; this role is in no list).
   */
  IMT_SCHOOL: "IMT_SCHOOL",
} as const;
export type Role = (typeof Role)[keyof typeof Role];

const roles: readonly string[] = Object.values(Role);

/** Narrows an untrusted value (a token claim, a CLI flag) to a `Role`. */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" && roles.includes(value);
}
