import { DomainError, ErrorKind } from "@intl/errors";
import { AuthReason } from "./reasons.ts";
import { Role } from "./roles.ts";

/** A request without a token. */
export interface AnonymousViewer {
  readonly authenticated: false;
}

/** A request carrying a verified token; fields mirror the JWT claims. */
export interface AuthenticatedViewer {
  readonly authenticated: true;
  /** `sub`: the person's stable identifier at the identity provider. */
  readonly subject: string;
  readonly role: Role;
  /** `hdr`: holds the habilitation to supervise PhDs (meaningful for FACULTY). */
  readonly hdr: boolean;
  /** `institution_id`: the partner institution a PARTNER acts for (always set for PARTNER). */
  readonly institutionId: string | null;
  /** `faculty_id`: the faculty record of a FACULTY viewer, when known. */
  readonly facultyId: string | null;
  /** `school`: the IMT school (`imt-<school>`) an IMT_SCHOOL client acts for; absent for every other role. */
  readonly school?: string;
}

/** Whoever sent the request: everything a resolver may know about them. */
export type Viewer = AnonymousViewer | AuthenticatedViewer;

/** The one anonymous viewer (requests without an `Authorization` header). */
export const anonymousViewer: AnonymousViewer = Object.freeze({ authenticated: false });

/**
 * Asserts the request carries a verified token.
 * @throws DomainError UNAUTHENTICATED (`SIGN_IN_REQUIRED`) for an anonymous viewer.
 */
export function requireSignedIn(viewer: Viewer): asserts viewer is AuthenticatedViewer {
  if (!viewer.authenticated) {
    throw new DomainError(ErrorKind.UNAUTHENTICATED, AuthReason.SIGN_IN_REQUIRED, "Sign in to do this.");
  }
}

/**
 * Asserts the viewer is signed in with one of `roles`.
 * @throws DomainError UNAUTHENTICATED (`SIGN_IN_REQUIRED`) if anonymous,
 *   FORBIDDEN (`ROLE_NOT_ALLOWED`, `details.allowedRoles`) if the role is not among `roles`.
 */
export function requireRole(viewer: Viewer, ...roles: Role[]): asserts viewer is AuthenticatedViewer {
  requireSignedIn(viewer);
  if (!roles.includes(viewer.role)) {
    throw new DomainError(
      ErrorKind.FORBIDDEN,
      AuthReason.ROLE_NOT_ALLOWED,
      `The ${viewer.role} role may not do this.`,
      { details: { allowedRoles: roles } },
    );
  }
}

/** True when the viewer is signed in with one of `roles` (never throws). */
export function hasRole(viewer: Viewer, ...roles: Role[]): viewer is AuthenticatedViewer {
  return viewer.authenticated && roles.includes(viewer.role);
}

/** True for a faculty member holding the HDR, the only people who may decide a PhD application. */
export function isHdrFaculty(viewer: Viewer): viewer is AuthenticatedViewer {
  return viewer.authenticated && viewer.role === Role.FACULTY && viewer.hdr;
}
