import { createRemoteJWKSet, errors, jwtVerify } from "jose";
import type { JWTVerifyGetKey, JWSHeaderParameters, FlattenedJWSInput } from "jose";
import { DomainError, ErrorKind } from "@intl/errors";
import { viewerFromClaims } from "./claims.ts";
import { AuthReason } from "./reasons.ts";
import { anonymousViewer } from "./viewer.ts";
import type { Viewer } from "./viewer.ts";

/** Turns an `Authorization` header value into the request's viewer. */
export type TokenVerifier = (authorizationHeader?: string) => Promise<Viewer>;

export interface TokenVerifierOptions {
  /** HS256 shared secret (development and tests), at least 32 characters. */
  secret?: string;
  /** JSON Web Key Set of the identity provider (production; RS256 or ES256 tokens). */
  jwksUrl?: string;
  issuer: string;
  audience: string;
  /** Allowed clock skew between issuer and this service, in seconds (default 5). */
  clockToleranceSeconds?: number;
}

const SYMMETRIC_ALGORITHMS = ["HS256"];
const ASYMMETRIC_ALGORITHMS = ["RS256", "ES256"];

// Errors caused by the token itself; any other failure (JWKS unreachable, bad key set) is ours.
const TOKEN_FAULTS = new Set<string>([
  errors.JWTClaimValidationFailed.code,
  errors.JOSEAlgNotAllowed.code,
  errors.JOSENotSupported.code,
  errors.JWSInvalid.code,
  errors.JWTInvalid.code,
  errors.JWSSignatureVerificationFailed.code,
  errors.JWKSNoMatchingKey.code,
  errors.JWKSMultipleMatchingKeys.code,
]);

function invalidToken(why: string): DomainError {
  return new DomainError(
    ErrorKind.UNAUTHENTICATED,
    AuthReason.TOKEN_INVALID,
    `The access token is invalid: ${why}.`,
  );
}

function explainJoseFailure(error: errors.JOSEError): string {
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `the ${error.claim} claim is not accepted here (${error.reason})`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return "its signature does not verify";
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return "it is signed with an algorithm this service does not accept";
  }
  if (error instanceof errors.JWKSNoMatchingKey) return "it is signed with an unknown key";
  return "it is not a well-formed JWT";
}

/**
 * Builds the verifier every service uses for its request context.
 *
 * - no header (or an empty one) → the anonymous viewer;
 * - `Bearer <jwt>` signed with `secret` (HS256) or a key of `jwksUrl` (RS256/ES256),
 *   for `issuer` and `audience`, unexpired (±`clockToleranceSeconds`), with a known
 *   role (and `institution_id` for PARTNER) → the authenticated viewer;
 * - otherwise throws DomainError UNAUTHENTICATED with reason TOKEN_EXPIRED or TOKEN_INVALID.
 *
 * When both `secret` and `jwksUrl` are set, the token's `alg` picks the key.
 * A key set that cannot be fetched is a server fault: a plain Error, not a token error.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const { secret, jwksUrl, issuer, audience, clockToleranceSeconds = 5 } = options;
  if (secret === undefined && jwksUrl === undefined) {
    throw new Error("createTokenVerifier needs a secret (HS256) or a jwksUrl (RS256/ES256)");
  }
  if (secret !== undefined && secret.length < 32) {
    throw new Error("createTokenVerifier: the HS256 secret must be at least 32 characters");
  }
  const secretKey = secret === undefined ? undefined : new TextEncoder().encode(secret);
  const keySet = jwksUrl === undefined ? undefined : createRemoteJWKSet(new URL(jwksUrl));
  const algorithms = [...(secretKey ? SYMMETRIC_ALGORITHMS : []), ...(keySet ? ASYMMETRIC_ALGORITHMS : [])];

  const getKey: JWTVerifyGetKey = async (header: JWSHeaderParameters, token: FlattenedJWSInput) => {
    if (secretKey && header.alg !== undefined && SYMMETRIC_ALGORITHMS.includes(header.alg)) return secretKey;
    if (keySet) return keySet(header, token);
    // Only reachable for an algorithm outside `algorithms`, which jose rejects first.
    throw new errors.JOSEAlgNotAllowed(`"alg" (Algorithm) Header Parameter value not allowed`);
  };

  return async function verifyToken(authorizationHeader?: string): Promise<Viewer> {
    if (authorizationHeader === undefined || authorizationHeader.trim() === "") return anonymousViewer;
    const match = /^Bearer +([A-Za-z0-9._~+/=-]+)\s*$/i.exec(authorizationHeader.trim());
    if (!match?.[1]) throw invalidToken('the Authorization header must be "Bearer <token>"');

    let payload;
    try {
      ({ payload } = await jwtVerify(match[1], getKey, {
        issuer,
        audience,
        algorithms,
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ["sub", "exp"],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw new DomainError(
          ErrorKind.UNAUTHENTICATED,
          AuthReason.TOKEN_EXPIRED,
          "The access token has expired; sign in again.",
        );
      }
      if (error instanceof errors.JOSEError && TOKEN_FAULTS.has(error.code)) {
        throw invalidToken(explainJoseFailure(error));
      }
      throw new Error("Could not verify the access token: the signing keys are unavailable", {
        cause: error,
      });
    }

    const reading = viewerFromClaims(payload);
    if (!reading.ok) throw invalidToken(reading.problem);
    return reading.viewer;
  };
}
