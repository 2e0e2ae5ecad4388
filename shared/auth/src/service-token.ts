import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, importPKCS8 } from "jose";
import type { CryptoKey, JWK } from "jose";

/** What a service token may carry besides iss, aud, sub, iat and exp: a few plain values, never a person's ids. */
export type ServiceTokenClaims = Readonly<Record<string, string | boolean>>;

export interface ServiceTokenSigner {
  /**
   * A short-lived ES256 token for `audience` carrying `claims` only. Tokens are
   * reused while more than half of their lifetime remains (one signature per
   * audience and claims, not one per request).
   */
  sign(audience: string, claims: ServiceTokenClaims): Promise<string>;
  /** The public key set that verifies what `sign` signs (served as `/.well-known/jwks.json`). */
  readonly jwks: { keys: JWK[] };
}

export interface ServiceTokenSignerOptions {
  /** The `iss` and `sub` of every token (who signs: the gateway). */
  issuer: string;
  /** Seconds a token is valid (default 60). */
  lifetimeSeconds?: number;
  /**
   * An EC P-256 private key (PKCS#8 PEM) shared by every replica of the signer,
   * so that any replica's JWKS verifies any replica's tokens. Without it, a key
   * pair is generated at start: one replica, keys rotated at each restart (the
   * key id changes, so a verifier fetching the JWKS again on an unknown key id
   * follows).
   */
  privateKeyPem?: string;
  /** The clock, in milliseconds (tests). */
  now?: () => number;
}

/**
 * Signs the tokens a service sends to a system it must not hand its users'
 * tokens to (another school's subgraph): its own key, its own short lifetime,
 * only the claims it chooses.
 */
export async function createServiceTokenSigner(
  options: ServiceTokenSignerOptions,
): Promise<ServiceTokenSigner> {
  const { issuer, lifetimeSeconds = 60, now = Date.now } = options;
  const { privateKey, publicJwk } = await loadKey(options.privateKeyPem);
  const kid = await calculateJwkThumbprint(publicJwk);
  const jwks = { keys: [{ ...publicJwk, kid, alg: "ES256", use: "sig" }] };
  const issued = new Map<string, { token: string; renewAfterMs: number }>();

  return {
    jwks,
    async sign(audience, claims) {
      const cacheKey = JSON.stringify([audience, claims]);
      const nowMs = now();
      const cached = issued.get(cacheKey);
      if (cached && cached.renewAfterMs > nowMs) return cached.token;
      const nowSeconds = Math.floor(nowMs / 1000);
      const token = await new SignJWT({ ...claims })
        .setProtectedHeader({ alg: "ES256", kid, typ: "JWT" })
        .setIssuer(issuer)
        .setSubject(issuer)
        .setAudience(audience)
        .setIssuedAt(nowSeconds)
        .setExpirationTime(nowSeconds + lifetimeSeconds)
        .sign(privateKey);
      issued.set(cacheKey, { token, renewAfterMs: nowMs + (lifetimeSeconds * 1000) / 2 });
      return token;
    },
  };
}

async function loadKey(pem: string | undefined): Promise<{ privateKey: CryptoKey; publicJwk: JWK }> {
  if (pem === undefined) {
    const pair = await generateKeyPair("ES256", { extractable: true });
    return { privateKey: pair.privateKey, publicJwk: await exportJWK(pair.publicKey) };
  }
  const privateKey = await importPKCS8(pem, "ES256", { extractable: true });
  // The public half of an EC private JWK is the same JWK without `d`.
  const { d: _private, ...publicJwk } = await exportJWK(privateKey);
  return { privateKey, publicJwk };
}
