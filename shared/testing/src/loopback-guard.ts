/**
 * The system promises that nothing leaves the machine's loopback: no telemetry, no update check,
 * no call home from a dependency. `installLoopbackGuard()` makes that testable: it wraps
 * `net.Socket#connect` (which every TCP and TLS client in Node ends in, `fetch` included) and
 * `dns.lookup`, refuses any address outside loopback with an error, and records the attempt.
 * The integration and e2e projects install it in every test file (loopback-only.setup.ts) and
 * fail the file when anything was attempted.
 */
import dns from "node:dns";
import net from "node:net";

const LOOPBACK_NAMES = new Set(["localhost", "localhost.", "ip6-localhost"]);

/** True for loopback names and addresses: 127.0.0.0/8, ::1, ::ffff:127.x, localhost. */
export function isLoopbackHost(host: string | undefined | null): boolean {
  if (host === undefined || host === null || host === "") return true; // Node's default: localhost
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (LOOPBACK_NAMES.has(bare.toLowerCase())) return true;
  if (net.isIPv4(bare)) return bare.startsWith("127.");
  if (net.isIPv6(bare)) return bare === "::1" || bare.toLowerCase().startsWith("::ffff:127.");
  return false;
}

export interface LoopbackGuard {
  /** Every refused destination, as "host:port" or "dns:name", in order. */
  readonly attempts: readonly string[];
  uninstall(): void;
}

interface ConnectTarget {
  host?: string | null;
  port?: number | string;
  path?: string;
}

/** Where a `Socket#connect(...)` call goes, whatever form of arguments it was given. */
function connectTarget(args: unknown[]): ConnectTarget {
  let first = args[0];
  // Node's own callers pass the already-normalised [options, callback] array.
  if (Array.isArray(first)) first = first[0];
  if (first !== null && typeof first === "object") return first as ConnectTarget;
  if (typeof first === "string" && !/^\d+$/.test(first)) return { path: first };
  return { port: first as number, host: typeof args[1] === "string" ? args[1] : undefined };
}

export function installLoopbackGuard(): LoopbackGuard {
  const attempts: string[] = [];
  const originalConnect = net.Socket.prototype.connect;
  const originalLookup = dns.lookup;
  const originalPromisesLookup = dns.promises.lookup;

  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const target = connectTarget(args);
    if (target.path === undefined && !isLoopbackHost(target.host)) {
      const where = `${target.host}:${target.port}`;
      attempts.push(where);
      const error = Object.assign(
        new Error(`outbound connection to ${where} refused: tests stay on loopback`),
        {
          code: "ECONNREFUSED",
        },
      );
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;

  const refusedLookup = (hostname: string) => {
    attempts.push(`dns:${hostname}`);
    return Object.assign(new Error(`DNS lookup of ${hostname} refused: tests stay on loopback`), {
      code: "ENOTFOUND",
      hostname,
    });
  };
  dns.lookup = function guardedLookup(hostname: string, ...rest: unknown[]) {
    if (!isLoopbackHost(hostname)) {
      const callback = rest.at(-1) as (error: Error) => void;
      const error = refusedLookup(hostname);
      process.nextTick(() => callback(error));
      return {} as never;
    }
    return (originalLookup as (...a: unknown[]) => unknown).call(dns, hostname, ...rest);
  } as typeof dns.lookup;
  dns.promises.lookup = function guardedPromisesLookup(hostname: string, ...rest: unknown[]) {
    if (!isLoopbackHost(hostname)) return Promise.reject(refusedLookup(hostname));
    return (originalPromisesLookup as (...a: unknown[]) => Promise<unknown>).call(
      dns.promises,
      hostname,
      ...rest,
    );
  } as typeof dns.promises.lookup;

  return {
    attempts,
    uninstall() {
      net.Socket.prototype.connect = originalConnect;
      dns.lookup = originalLookup;
      dns.promises.lookup = originalPromisesLookup;
    },
  };
}
