import type { AuthenticatedViewer } from "@intl/auth";

/** The international office, for calling a service's application directly (the application checks who writes). */
export const office: AuthenticatedViewer = {
  authenticated: true,
  subject: "e2e-international-office",
  role: "INTERNATIONAL_OFFICE",
  hdr: false,
  institutionId: null,
  facultyId: null,
};
