import { Role } from "@intl/auth";

/**
 * Who reviews and decides applications at all: checked before the application is
 * read; the rules on the application itself (faculty only for PhD dossiers, the HDR
 * to decide one) follow in `assertMayReview` and `assertMayDecide`.
 */
export const APPLICATION_REVIEWERS: Role[] = [Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY];
