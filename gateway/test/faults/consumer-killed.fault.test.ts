/**
 * Scenario 2 — a consumer killed mid-batch, FAULT_CONSUMER_KILLS times (20 in the full profile, 5 by default). The students
 * service runs as a consumer-only worker in a child process (consumer-worker.ts; the in-process
 * one is stopped) while institution writes stream through the gateway; at a random moment of each
 * of its lives the worker is SIGKILLed — within a batch, between an effect and its ledger record
 * or offset commit — and started again. At the end every read model (the worker's among them)
 * holds each institution at its last version, each event is in the worker's ledger once, and
 * the redeliveries the kills caused were discarded (by the ledger) or absorbed (an effect
 * applied again is no newer than what the projection holds).
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from "vitest";
import { startSystem, type System } from "../e2e/system.ts";
import { spawnAsService, untilReady, type ChildProcessRun } from "./child-service.ts";
import { printFigures } from "./cluster.ts";
import {
  expectConverged,
  expectEachEventHandledOnce,
  publishedOn,
  seconds,
  writeInstitutions,
  type WriteRun,
} from "./institutions.ts";

/**
 * The figure is 20; each life costs a process start (the service's modules, its store
 * preparation, a group join): about 20 s on a loaded 2-core machine, so CI runs 5.
 */
const KILLS = Number(process.env.FAULT_CONSUMER_KILLS ?? 5);
/** Each life of the worker lasts a random time up to this once it has started. */
const LIFE_MS = Number(process.env.FAULT_CONSUMER_LIFE_MS ?? 3000);
const CONCURRENCY = Number(process.env.FAULT_CONCURRENCY ?? 8);
const worker = fileURLToPath(new URL("./consumer-worker.ts", import.meta.url));

const infra = inject("faultInfra");
let system: System;

beforeAll(async () => {
  system = await startSystem({ kafkaBrokers: infra.kafkaBrokers, mongoUri: infra.mongoUri });
  // The worker is the students consumer from now on: the in-process one leaves the group to it.
  await system.services.students.stop();
});
afterAll(async () => system?.stop());

/** Starts a life of the worker and waits until its consumer runs. */
async function startWorker(): Promise<ChildProcessRun> {
  const child = spawnAsService(infra, system, "students", worker);
  onTestFinished(() => {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill("SIGKILL");
  });
  await untilReady(child, () => expect(child.output()).toMatch(/^started$/m));
  return child;
}

/** What a life of the worker reported: events its handler applied, redeliveries its ledger discarded. */
function lifeOf(child: ChildProcessRun) {
  const lines = child.output().split("\n");
  const handled = lines.filter((line) => line.startsWith("handled ")).map((line) => line.slice(8));
  const duplicates = Number(
    lines
      .filter((line) => line.startsWith("duplicates "))
      .at(-1)
      ?.slice(11) ?? 0,
  );
  return { handled, duplicates };
}

describe("a consumer killed mid-batch", () => {
  it(
    `has each event take effect once when the students consumer is SIGKILLed ${KILLS} times`,
    async () => {
      // Writes stream through the gateway, batch after batch, for as long as the kills go on.
      const runs: WriteRun[] = [];
      let writing = true;
      const writes = (async () => {
        for (let batch = 0; writing; batch++) {
          runs.push(
            await writeInstitutions(system, {
              institutions: CONCURRENCY,
              concurrency: CONCURRENCY,
              label: `Consumer fault ${batch}`,
            }),
          );
        }
      })();

      const lives: ReturnType<typeof lifeOf>[] = [];
      const started = Date.now();
      try {
        for (let kill = 0; kill < KILLS; kill++) {
          const child = await startWorker();
          // A random moment of this life: the fault comes wherever the consumer is in its batch.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * LIFE_MS));
          child.process.kill("SIGKILL");
          expect((await child.exited).signal).toBe("SIGKILL");
          lives.push(lifeOf(child));
        }
      } finally {
        writing = false;
        await writes;
      }
      const killsDone = Date.now();

      // A last life, left to catch up, then stopped as main.ts stops.
      const last = await startWorker();
      const written = runs.flatMap((run) => run.written);
      const acknowledged = runs.reduce((sum, run) => sum + run.acknowledged, 0);
      await expectConverged(written, system);
      const converged = Date.now();
      const ledger = await system.databases.students.collection("processed_events").countDocuments({});
      last.process.kill("SIGTERM");
      expect(await last.exited).toEqual({ code: 0, signal: null });
      lives.push(lifeOf(last));
      const consumed = await expectEachEventHandledOnce(system, acknowledged, ["students"]);

      const handled = lives.flatMap((life) => life.handled);
      const handledPerEvent = new Map<string, number>();
      for (const id of handled) handledPerEvent.set(id, (handledPerEvent.get(id) ?? 0) + 1);
      const appliedAgain = [...handledPerEvent.values()].filter((times) => times > 1).length;

      printFigures(`scenario 2: a consumer killed mid-batch, ${KILLS} times (students, a child process)`, {
        "writes acknowledged": acknowledged,
        "writes refused": runs.reduce((sum, run) => sum + run.failures.length, 0),
        "events published": await publishedOn(system, "partnerships.institution"),
        "worker lives (SIGKILLed, then one stopped)": `${lives.length} (${KILLS}, 1)`,
        "students: events applied, distinct": `${handled.length}, ${handledPerEvent.size}`,
        "students: applied again after a kill (absorbed by the version guard)": appliedAgain,
        "students: duplicates discarded by the ledger": lives.reduce((sum, life) => sum + life.duplicates, 0),
        "students: ledger entries": ledger,
        ...consumed,
        "kills took": seconds(killsDone - started),
        "time to converge after the kills": seconds(converged - killsDone),
        "lost (acknowledged, missing from a read model)": 0,
      });

      expect(runs.flatMap((run) => run.failures)).toEqual([]);
      expect(ledger).toBe(acknowledged);
      expect(handledPerEvent.size).toBe(acknowledged);
      // Each life costs a process start; the write stream, and so the catching up, grows with them.
    },
    300_000 + KILLS * 60_000,
  );
});
