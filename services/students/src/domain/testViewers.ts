import type { AuthenticatedViewer } from "@intl/auth";
import type { Role } from "@intl/auth";

/** Viewers for the domain's unit tests (no token involved at this level). */
export function viewerWith(role: Role, extra: Partial<AuthenticatedViewer> = {}): AuthenticatedViewer {
  return {
    authenticated: true,
    subject: `test-${role.toLowerCase()}`,
    role,
    hdr: false,
    institutionId: null,
    facultyId: null,
    ...extra,
  };
}
