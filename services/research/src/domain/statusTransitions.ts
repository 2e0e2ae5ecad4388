import { DomainError, ErrorKind } from "@intl/errors";
import type { ResearchReason } from "./errors.ts";

/**
 * The CONFLICT of a `what` ("collaboration", "faculty mobility") asked to move from
 * a status that does not lead to the one asked, with `reason`.
 */
export function illegalTransitionOf(reason: ResearchReason, what: string) {
  return (from: string, to: string): DomainError =>
    new DomainError(ErrorKind.CONFLICT, reason, `A ${from} ${what} cannot become ${to}.`, {
      details: { status: from, to },
    });
}
