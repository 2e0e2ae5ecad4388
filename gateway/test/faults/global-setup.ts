/**
 * Starts the fault suite's own infrastructure with infra/start.sh: a Kafka cluster of three
 * brokers (KAFKA_BROKERS_COUNT=3), PostgreSQL and FerretDB, on free ports, in a fresh state dir
 * (no fsync: thrown away), and stops it with infra/stop.sh when the run ends. Tests receive the
 * brokers, the store and what they need to kill and restart brokers through `inject("faultInfra")`.
 */
import { mkdtemp, chmod, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { freePorts } from "@intl/testing";
import { freePortRun, runInfraScript, type FaultInfra } from "./cluster.ts";

declare module "vitest" {
  export interface ProvidedContext {
    faultInfra: FaultInfra;
  }
}

export default async function setup({ provide }: Pick<TestProject, "provide">): Promise<() => Promise<void>> {
  const stateDir = await mkdtemp(join(tmpdir(), "intl-faults-"));
  // As root, PostgreSQL runs as an unprivileged user who must enter the state dir (see infra/start.sh).
  await chmod(stateDir, 0o711);
  // Node n of the cluster listens on KAFKA_PORT+2(n-1) and KAFKA_CONTROLLER_PORT+2(n-1): six ports in a row.
  const kafkaPort = await freePortRun(6);
  const [ferretdbPort, postgresPort] = await freePorts(2);
  const env: Record<string, string> = {
    INFRA_STATE_DIR: stateDir,
    KAFKA_BROKERS_COUNT: "3",
    KAFKA_PORT: String(kafkaPort),
    KAFKA_CONTROLLER_PORT: String(kafkaPort + 1),
    FERRETDB_PORT: String(ferretdbPort),
    POSTGRES_PORT: String(postgresPort),
    POSTGRES_DURABLE: "0",
    // Three JVMs on a small machine.
    KAFKA_HEAP_OPTS: "-Xms128m -Xmx384m",
  };
  const stop = async () => {
    await runInfraScript("stop.sh", env);
    await rm(stateDir, { recursive: true, force: true });
  };
  try {
    await runInfraScript("install.sh", env);
    await runInfraScript("start.sh", env);
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  const settings = Object.fromEntries(
    (await readFile(join(stateDir, "infra.env"), "utf8"))
      .split("\n")
      .filter((line) => line.includes("="))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  provide("faultInfra", {
    env,
    stateDir,
    kafkaBrokers: String(settings.KAFKA_BROKERS).split(","),
    // With MONGODB_URI naming a MongoDB, start.sh starts no FerretDB and the suite uses that one.
    mongoUri: settings.MONGODB_URI ?? String(process.env.MONGODB_URI),
  });
  return stop;
}
