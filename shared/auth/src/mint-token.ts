import { SignJWT } from "jose";
import type { Role } from "./roles.ts";
import type { ViewerClaims } from "./claims.ts";

export interface DevelopmentTokenOptions {
  /** HS256 secret shared with the services (at least 32 characters). */
  secret: string;
  issuer: string;
  audience: string;
  role: Role;
  /** `sub`; defaults to `dev-<role in lower case>`. */
  subject?: string;
  hdr?: boolean;
  institutionId?: string | null;
  facultyId?: string | null;
  /** The `school` claim (`imt-<school>`), for an IMT_SCHOOL client. */
  school?: string;
  /** A jose time span ("8h", "15 minutes", "-1h" for an already expired token) or seconds from now. Default "8h". */
  expiresIn?: string | number;
}

/**
 * Signs an HS256 token for development, tests and the `npm run token` CLI.
 * Production tokens come from the identity provider (verified through JWKS).
 */
export async function mintDevelopmentToken(options: DevelopmentTokenOptions): Promise<string> {
  if (options.secret.length < 32) throw new Error("the HS256 secret must be at least 32 characters");
  const claims: ViewerClaims = {
    role: options.role,
    hdr: options.hdr ?? false,
    institution_id: options.institutionId ?? null,
    faculty_id: options.facultyId ?? null,
    ...(options.school === undefined ? {} : { school: options.school }),
  };
  const expiresIn = options.expiresIn ?? "8h";
  const nowSeconds = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(options.subject ?? `dev-${options.role.toLowerCase()}`)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(typeof expiresIn === "number" ? nowSeconds + expiresIn : expiresIn)
    .sign(new TextEncoder().encode(options.secret));
}
