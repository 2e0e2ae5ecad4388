import { DomainError, ErrorKind } from "@intl/errors";
import type { WriteQueue } from "@intl/mongo";
import { PartnershipsReason } from "../domain/errors.ts";

/** Returned by an attempt whose conditional write found the document changed since it was read. */
export const STALE = Symbol("stale");
export type Stale = typeof STALE;

/**
 * Runs read-decide-write `attempt`s until one writes: each attempt conditions
 * its single-document update on the version it read, so a concurrent change
 * makes it start over on fresh state instead of overwriting it.
 */
export async function retryWhileStale<T>(attempt: () => Promise<T | Stale>, attempts = 5): Promise<T> {
  for (let tries = 0; tries < attempts; tries++) {
    const result = await attempt();
    if (result !== STALE) return result;
  }
  throw new DomainError(
    ErrorKind.CONFLICT,
    PartnershipsReason.CONCURRENT_CHANGE,
    "The record kept changing while this change was being applied; try again",
  );
}

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * `retryWhileStale` with each attempt (read, decide, conditional write) run in the
 * service's write queue under `key` (the document's `documentKey`): in this process
 * the attempts on one document take turns, so only another process can make one stale.
 */
export function retryInWriteQueue<T>(
  writeQueue: WriteQueue,
  key: string,
  attempt: () => Promise<T | Stale>,
): Promise<T> {
  return retryWhileStale(() => writeQueue.run(key, attempt));
}
