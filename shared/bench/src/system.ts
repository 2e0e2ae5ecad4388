import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

export interface SystemAddresses {
  graphqlUrl: string;
  healthUrl: string;
  storeUri: string;
  stateDir: string;
  logsDir: string;
  subgraphPorts: number[];
}

/** Where `npm start` (infra/dev.sh) puts everything, with the same environment variables. */
export function systemAddresses(env: NodeJS.ProcessEnv = process.env): SystemAddresses {
  const gatewayPort = env["GATEWAY_PORT"] ?? "4000";
  const stateDir = env["INFRA_STATE_DIR"] ?? `${REPO_ROOT}infra/.state/dev`;
  return {
    graphqlUrl: env["BENCH_GATEWAY_URL"] ?? `http://127.0.0.1:${gatewayPort}/graphql`,
    healthUrl: env["BENCH_GATEWAY_URL"]
      ? new URL("/health", env["BENCH_GATEWAY_URL"]).toString()
      : `http://127.0.0.1:${gatewayPort}/health`,
    storeUri: env["MONGODB_URI"] ?? `mongodb://127.0.0.1:${env["FERRETDB_PORT"] ?? "27027"}/`,
    stateDir,
    logsDir: `${stateDir}/logs`,
    subgraphPorts: [
      env["PARTNERSHIPS_PORT"] ?? "4001",
      env["STUDENTS_PORT"] ?? "4002",
      env["RESEARCH_PORT"] ?? "4003",
      env["CAMPAIGNS_PORT"] ?? "4004",
    ].map(Number),
  };
}

export async function isUp(healthUrl: string): Promise<boolean> {
  try {
    const response = await fetch(healthUrl, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** A system the bench started itself with `npm start`'s script, stopped with Ctrl-C's signal. */
export interface StartedSystem {
  stop(): Promise<void>;
}

/** Starts `bash infra/dev.sh` (what `npm start` runs) and resolves once it says the system is running. */
export function startSystem(log: (line: string) => void, timeoutMs = 20 * 60_000): Promise<StartedSystem> {
  const child: ChildProcess = spawn("bash", ["infra/dev.sh"], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-(child.pid as number), "SIGINT");
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the system did not start within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    let ready = false;
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (line.trim() === "") continue;
        if (!ready) log(`  [npm start] ${line}`);
        if (!ready && line.includes("The system is running")) {
          ready = true;
          clearTimeout(timer);
          resolve({ stop });
        }
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`npm start exited with code ${code} before the system was running`));
    });
  });
}

/** Established TCP connections to any of `ports` on this machine (the gateway's to its subgraphs). */
export function establishedConnectionsTo(ports: readonly number[]): number {
  let count = 0;
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const row of text.split("\n").slice(1)) {
      const fields = row.trim().split(/\s+/);
      if (fields.length < 4 || fields[3] !== "01") continue; // 01 = ESTABLISHED
      const remotePort = Number.parseInt(fields[2]?.split(":")[1] ?? "", 16);
      if (ports.includes(remotePort)) count++;
    }
  }
  return count;
}
