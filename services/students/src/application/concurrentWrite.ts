import { DomainError, ErrorKind } from "@intl/errors";
import { StudentsReason } from "../domain/errors.ts";
import { CONCURRENT_WRITE_ATTEMPTS } from "./applicationDeps.ts";

/**
 * Runs a read–decide–write step until its version-guarded write lands (another
 * writer may change the aggregate between the read and the write). `attempt`
 * returns the result, or null when the write lost the race.
 */
export async function retryOnConcurrentWrite<T>(what: string, attempt: () => Promise<T | null>): Promise<T> {
  for (let tries = 0; tries < CONCURRENT_WRITE_ATTEMPTS; tries++) {
    const result = await attempt();
    if (result !== null) return result;
  }
  throw new DomainError(
    ErrorKind.CONFLICT,
    StudentsReason.CONCURRENT_CHANGE,
    `${what} kept changing concurrently; try again.`,
  );
}
