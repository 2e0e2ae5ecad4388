import type { Role } from "./roles.ts";
import type { AuthenticatedViewer } from "./viewer.ts";

/** A signed-in viewer for this kit's own tests (@intl/testing's testViewer depends on this kit). */
export const signedIn = (role: Role, extra: Partial<AuthenticatedViewer> = {}): AuthenticatedViewer => ({
  authenticated: true,
  subject: "someone",
  role,
  hdr: false,
  institutionId: null,
  facultyId: null,
  ...extra,
});
