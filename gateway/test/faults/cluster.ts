/**
 * What the fault scenarios do to the infrastructure of the suite (see global-setup.ts): kill a
 * Kafka broker the way a machine dies (SIGKILL, no controlled shutdown), start it again, find
 * which broker leads a partition, and print a scenario's figures.
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { findRepoRoot } from "@intl/testing";
import type { Kafka } from "kafkajs";

/** The suite's infrastructure, as the global setup provides it. */
export interface FaultInfra {
  /** The settings infra/start.sh and stop.sh were run with (state dir, ports, broker count). */
  env: Record<string, string>;
  stateDir: string;
  /** Every broker of the cluster: a client keeps reaching the cluster while one is down. */
  kafkaBrokers: string[];
  mongoUri: string;
}

/** Runs `bash infra/<script>` with `env` added, its progress on our stderr; rejects when it fails. */
export function runInfraScript(script: string, env: Record<string, string>): Promise<void> {
  const path = join(findRepoRoot(), "infra", script);
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [path], { env: { ...process.env, ...env }, stdio: ["ignore", 2, 2] });
    child.once("error", reject);
    child.once("close", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`infra/${script} failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** The first of `count` consecutive free loopback ports (the cluster's nodes take ports in a row). */
export async function freePortRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const first = 20_000 + Math.floor(Math.random() * 30_000);
    let free = true;
    for (let port = first; free && port < first + count; port++) free = await portFree(port);
    if (free) return first;
  }
  throw new Error(`no run of ${count} free ports found`);
}

/** The pid file infra/start.sh writes for node `node` of the cluster. */
function pidFile(infra: FaultInfra, node: number): string {
  return join(infra.stateDir, node === 1 ? "kafka.pid" : `kafka-${node}.pid`);
}

/** Kills the process group whose leader's pid is in `file` at once (SIGKILL: no controlled shutdown, no flush). */
async function killByPidFile(file: string): Promise<void> {
  const pid = Number((await readFile(file, "utf8")).trim());
  process.kill(-pid, "SIGKILL");
}

/** Kills broker `node` at once. */
export function killBroker(infra: FaultInfra, node: number): Promise<void> {
  return killByPidFile(pidFile(infra, node));
}

/** Kills the store's server (FerretDB; the PostgreSQL behind it stays up) at once. */
export function killStore(infra: FaultInfra): Promise<void> {
  return killByPidFile(join(infra.stateDir, "ferretdb.pid"));
}

/**
 * Starts again what is not running — brokers, the store (start.sh leaves the rest alone) — and
 * waits until it answers.
 */
export function restartWhatIsDown(infra: FaultInfra): Promise<void> {
  return runInfraScript("start.sh", infra.env);
}

/** The node id of the broker leading `partition` of `topic`. */
export async function leaderOf(kafka: Kafka, topic: string, partition = 0): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const leader = topics[0]?.partitions.find((entry) => entry.partitionId === partition)?.leader;
    if (leader === undefined) throw new Error(`no leader known for ${topic}[${partition}]`);
    return leader;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Lets a phase of a scenario last `ms`, and at least until `atLeast` more of `answers` have
 * arrived: the phases follow the load, not only the clock, on a slow machine.
 */
export async function lasting(answers: readonly unknown[], ms: number, atLeast: number): Promise<void> {
  const from = answers.length;
  const until = Date.now() + ms;
  while (Date.now() < until || answers.length - from < atLeast) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Prints a scenario's figures as one block, so that a run's output can be pasted into docs/reliability.md. */
export function printFigures(scenario: string, figures: Record<string, string | number>): void {
  const width = Math.max(...Object.keys(figures).map((name) => name.length));
  const lines = Object.entries(figures).map(([name, value]) => `  ${name.padEnd(width)}  ${value}`);
  console.log([`── ${scenario}`, ...lines].join("\n"));
}
