import type { DomainError } from "@intl/errors";
import { isDomainError } from "@intl/errors";

/** Runs `action` and returns the DomainError it threw; fails the test if it threw nothing or something else. */
export function caughtDomainError(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error("expected a DomainError, but nothing was thrown");
}
