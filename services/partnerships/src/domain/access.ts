import { Role, requireRole, type Viewer } from "@intl/auth";

/** Who changes partnerships data (institutions, agreements, standings, countries, networks, labels). */
export const WRITERS: Role[] = [Role.ADMIN, Role.INTERNATIONAL_OFFICE];

/**
 * Every write of the service starts here, in the application call itself, so a
 * mutation copied from elsewhere cannot reach the store unguarded.
 * @throws DomainError UNAUTHENTICATED if anonymous, FORBIDDEN for any role but the writers.
 */
export function requireWriter(viewer: Viewer): void {
  requireRole(viewer, ...WRITERS);
}
