/**
 * Expected failures are data: every rule a service enforces throws a `DomainError`
 * carrying a service-specific `reason` (e.g. `AGREEMENT_ILLEGAL_TRANSITION`) and one
 * of a small set of client-facing kinds that become the GraphQL `extensions.code`.
 */

/** The client-facing error kinds; each maps to one GraphQL `extensions.code`. */
export const ErrorKind = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
} as const;
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

export interface DomainErrorOptions {
  /** The input field at fault, as a dotted path into the mutation input (`input.lastAcademicYear`). */
  field?: string;
  /** Extra facts a client may show (never personal data, never internals). */
  details?: Record<string, unknown>;
}

/**
 * A rule was broken. `reason` is the service's own code (one enum per service),
 * `kind` says how a client should treat it.
 */
export class DomainError<Reason extends string = string> extends Error {
  readonly kind: ErrorKind;
  readonly reason: Reason;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(kind: ErrorKind, reason: Reason, message: string, options: DomainErrorOptions = {}) {
    super(message);
    this.name = "DomainError";
    this.kind = kind;
    this.reason = reason;
    this.field = options.field;
    this.details = options.details;
  }
}

/** Shorthand for the most common case: bad input on one field. */
export function badInput<Reason extends string>(
  reason: Reason,
  field: string,
  message: string,
  details?: Record<string, unknown>,
): DomainError<Reason> {
  return new DomainError(ErrorKind.BAD_USER_INPUT, reason, message, {
    field,
    ...(details ? { details } : {}),
  });
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/**
 * Collects several field errors so a mutation can answer all of them at once,
 * then throws the first (with the others in `details.errors`) if any.
 */
export class InputErrors<Reason extends string = string> {
  private readonly errors: DomainError<Reason>[] = [];

  add(reason: Reason, field: string, message: string): this {
    this.errors.push(badInput(reason, field, message));
    return this;
  }

  check(condition: boolean, reason: Reason, field: string, message: string): this {
    if (!condition) this.add(reason, field, message);
    return this;
  }

  get isEmpty(): boolean {
    return this.errors.length === 0;
  }

  throwIfAny(): void {
    const [first, ...rest] = this.errors;
    if (!first) return;
    if (rest.length === 0) throw first;
    throw new DomainError(ErrorKind.BAD_USER_INPUT, first.reason, first.message, {
      ...(first.field ? { field: first.field } : {}),
      details: { errors: this.errors.map((e) => ({ reason: e.reason, field: e.field, message: e.message })) },
    });
  }
}
export { isAcademicYear, isIsoDate } from "./input-checks.ts";

export { enumOf, type EnumValue } from "./enum.ts";
