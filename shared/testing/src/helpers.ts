import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import type { Server } from "node:net";

export interface ExpectEventuallyOptions {
  /** Give up after this many milliseconds (default 15000). */
  timeoutMs?: number;
  /** Wait this long between two attempts (default 100). */
  intervalMs?: number;
}

/**
 * Retries `assertion` until it stops throwing, for asynchronous outcomes (a consumer that has
 * not processed an event yet, a projection that is not updated yet) without fixed sleeps.
 * The first attempt runs immediately; after `timeoutMs` the error of the last attempt is
 * rethrown, so a failing test reports the real mismatch rather than a generic timeout.
 * Resolves with the assertion's return value.
 *
 * @example
 *   await expectEventually(async () => {
 *     expect(await Students.countDocuments()).toBe(1);
 *   });
 */
export async function expectEventually<T>(
  assertion: () => T | Promise<T>,
  { timeoutMs = 15_000, intervalMs = 100 }: ExpectEventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() + intervalMs > deadline) {
        if (error instanceof Error) {
          error.message = `${error.message}\n(still failing after ${attempt} attempts over ${timeoutMs}ms)`;
        }
        throw error;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

const NAME_PREFIX = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * Returns `prefix` plus a random suffix, e.g. `students_3f9a1c07b2e4`, for per-test database
 * names, topic prefixes and consumer group ids so that tests (and repeated runs against the
 * same long-lived infra) never see each other's data. The result only uses `[A-Za-z0-9_-]`,
 * which is valid both as a MongoDB database name and as a Kafka topic name.
 * Throws if `prefix` is empty, longer than 40 characters, or uses other characters.
 */
export function uniqueName(prefix: string): string {
  if (!NAME_PREFIX.test(prefix)) {
    throw new Error(`uniqueName: prefix must match ${NAME_PREFIX.source}, got ${JSON.stringify(prefix)}`);
  }
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}

const DB_NAME = /^[A-Za-z0-9_-]{1,63}$/;

/**
 * Builds a connection string for database `dbName` on the same server as `baseUri`: the
 * database path of `baseUri` (if any) is replaced and its credentials and `?options` are kept.
 * Works with multi-host and `mongodb+srv://` URIs, which `URL` cannot parse.
 *
 * @example freshMongoUri('mongodb://127.0.0.1:27027/?directConnection=true', 'students_1a2b')
 *   // → 'mongodb://127.0.0.1:27027/students_1a2b?directConnection=true'
 */
export function freshMongoUri(baseUri: string, dbName: string): string {
  if (!DB_NAME.test(dbName)) {
    throw new Error(
      `freshMongoUri: database name must match ${DB_NAME.source}, got ${JSON.stringify(dbName)}`,
    );
  }
  const scheme = /^mongodb(\+srv)?:\/\//.exec(baseUri);
  if (!scheme) {
    throw new Error(`freshMongoUri: not a mongodb:// or mongodb+srv:// URI: ${baseUri}`);
  }
  const rest = baseUri.slice(scheme[0].length);
  const queryAt = rest.indexOf("?");
  const beforeQuery = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const query = queryAt === -1 ? "" : rest.slice(queryAt);
  const slashAt = beforeQuery.indexOf("/");
  const hosts = slashAt === -1 ? beforeQuery : beforeQuery.slice(0, slashAt);
  if (hosts === "") {
    throw new Error(`freshMongoUri: URI has no host: ${baseUri}`);
  }
  return `${scheme[0]}${hosts}/${dbName}${query}`;
}

/**
 * Returns a TCP port that is free on 127.0.0.1 right now, found by letting the OS pick one
 * (binding to port 0). Another process may take it before you bind it, so use it promptly.
 */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port as number;
}

/**
 * Like {@link freePort}, for `count` distinct ports (all are held open together while they
 * are picked, so they cannot repeat).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve());
      });
      const address = server.address();
      if (address === null || typeof address === "string") throw new Error("freePort: no TCP address");
      ports.push(address.port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }
}
