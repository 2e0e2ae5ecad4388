/**
 * Development defaults, documented in the README. They sign tokens anyone can
 * forge: never configure DEVELOPMENT_JWT_SECRET outside a laptop or a test run.
 */
export const DEVELOPMENT_JWT_SECRET = "dev-only-secret-change-me-0123456789abcdef";
export const DEVELOPMENT_ISSUER = "intl-graph";
export const DEVELOPMENT_AUDIENCE = "intl-graph";
