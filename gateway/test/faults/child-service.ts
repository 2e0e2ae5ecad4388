/**
 * A subgraph service run as the real thing: its own `main.ts` in a child process, configured by
 * environment as in production, on the system's store and Kafka (the database and topic prefix of
 * the in-process system, whose own instance of that service the scenario stops first). What a
 * scenario does to it is what an orchestrator or a machine does to a process: SIGTERM, SIGKILL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { expectEventually, findRepoRoot, freePort } from "@intl/testing";
import { expect } from "vitest";
import { tokenSettings, type System } from "../e2e/system.ts";
import type { FaultInfra } from "./cluster.ts";

export interface ChildProcessRun {
  process: ChildProcess;
  /** Resolves when the process has ended, with how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What it wrote so far (stdout and stderr). */
  output(): string;
}

export interface ChildService extends ChildProcessRun {
  /** `http://127.0.0.1:<port>` (`/graphql`, `/ready`). */
  baseUrl: string;
}

/**
 * Runs `script` (TypeScript, through tsx) as `system`'s `service`: the settings main.ts reads,
 * naming the service's database and the system's topic prefix on the suite's `infra`.
 */
export function spawnAsService(
  infra: FaultInfra,
  system: System,
  service: keyof System["databases"],
  script: string,
  env: Record<string, string> = {},
): ChildProcessRun {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      MONGODB_URI: infra.mongoUri,
      MONGODB_DATABASE: system.databases[service].name,
      KAFKA_BROKERS: infra.kafkaBrokers.join(","),
      KAFKA_TOPIC_PREFIX: system.topicPrefix,
      AUTH_JWT_SECRET: tokenSettings.secret,
      AUTH_ISSUER: tokenSettings.issuer,
      AUTH_AUDIENCE: tokenSettings.audience,
      LOG_LEVEL: "warn",
      OUTBOX_POLL_MS: "1000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { process: child, exited, output: () => output };
}

/** Waits until `ready` passes, failing at once with the child's output if it exits first. */
export async function untilReady(
  child: ChildProcessRun,
  ready: () => void | Promise<void>,
  timeoutMs = 180_000,
): Promise<void> {
  let ended = false;
  void child.exited.then(() => (ended = true));
  await expectEventually(
    async () => {
      if (ended) throw new Error(`the child process exited before it was ready:\n${child.output()}`);
      await ready();
    },
    { timeoutMs, intervalMs: 200 },
  );
}

/**
 * Starts `services/<service>/src/main.ts` as `system`'s `service` and waits until its /ready
 * answers 200.
 */
export async function startChildService(
  infra: FaultInfra,
  system: System,
  service: keyof System["databases"],
  env: Record<string, string> = {},
): Promise<ChildService> {
  const port = await freePort();
  const main = join(findRepoRoot(), "services", service, "src", "main.ts");
  const child = spawnAsService(infra, system, service, main, { PORT: String(port), ...env });
  const baseUrl = `http://127.0.0.1:${port}`;
  await untilReady(child, async () => {
    const response = await fetch(`${baseUrl}/ready`);
    expect(response.status).toBe(200);
  });
  return { ...child, baseUrl };
}
