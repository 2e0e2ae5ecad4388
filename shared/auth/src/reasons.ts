/** Reason codes of the errors the auth kit throws (the `reason` of its `DomainError`s). */
export const AuthReason = {
  /** The token was well formed and genuine but is past its `exp`. */
  TOKEN_EXPIRED: "TOKEN_EXPIRED",
  /** The token is malformed, forged, for another issuer or audience, or carries bad claims. */
  TOKEN_INVALID: "TOKEN_INVALID",
  /** The operation needs a signed-in viewer and the request carried no token. */
  SIGN_IN_REQUIRED: "SIGN_IN_REQUIRED",
  /** The viewer is signed in but their role may not do this. */
  ROLE_NOT_ALLOWED: "ROLE_NOT_ALLOWED",
} as const;
export type AuthReason = (typeof AuthReason)[keyof typeof AuthReason];
