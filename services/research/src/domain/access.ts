import { DomainError, ErrorKind } from "@intl/errors";
import { Role, isHdrFaculty, requireSignedIn } from "@intl/auth";
import type { AuthenticatedViewer, Viewer } from "@intl/auth";
import { ResearchReason } from "./errors.ts";

export function notSupervisor(): DomainError {
  return new DomainError(
    ErrorKind.FORBIDDEN,
    ResearchReason.NOT_SUPERVISOR,
    "Only the position's supervisor may do this.",
  );
}

export function hdrRequired(): DomainError {
  return new DomainError(
    ErrorKind.FORBIDDEN,
    ResearchReason.HDR_REQUIRED,
    "Only a faculty member holding the HDR (habilitation to supervise research) may select a PhD candidate.",
  );
}

/**
 * Only a faculty member supervises a PhD position: anyone else is refused before the
 * position is read, with the reason the rule on the position would give.
 */
export function requireSupervisorRole(viewer: Viewer): asserts viewer is AuthenticatedViewer {
  requireSignedIn(viewer);
  if (viewer.role !== Role.FACULTY) throw notSupervisor();
}

/**
 * Only a faculty member whose token claims the HDR may select a candidate: anyone
 * else is refused before the position is read (the faculty record is checked after).
 */
export function requireHdrClaim(viewer: Viewer): asserts viewer is AuthenticatedViewer {
  requireSignedIn(viewer);
  if (!isHdrFaculty(viewer)) throw hdrRequired();
}
