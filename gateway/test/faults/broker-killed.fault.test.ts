/**
 * Scenario 1 — a broker killed mid-stream. The whole system (four services and the gateway,
 * in-process) on the three-broker cluster; FAULT_WRITES institution writes through the gateway
 * (a registration then four renames each, FAULT_CONCURRENCY at a time); at 30 % of the
 * acknowledged writes the broker leading the institution topic's first partition is SIGKILLed,
 * at 60 % it is started again. Afterwards every consumer's read model holds every institution
 * at its last acknowledged name and version, and each event was handled once: exactly once in effect.
 */
import { prefixedTopic } from "@intl/kafka";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startSystem, type System } from "../e2e/system.ts";
import { killBroker, leaderOf, printFigures, restartWhatIsDown } from "./cluster.ts";
import {
  expectEachEventHandledOnce,
  expectConverged,
  publishedOn,
  seconds,
  writeInstitutions,
  WRITES_PER_INSTITUTION,
} from "./institutions.ts";

const WRITES = Number(process.env.FAULT_WRITES ?? 5000);
const CONCURRENCY = Number(process.env.FAULT_CONCURRENCY ?? 8);
const institutions = Math.ceil(WRITES / WRITES_PER_INSTITUTION);
const total = institutions * WRITES_PER_INSTITUTION;

const infra = inject("faultInfra");
let system: System;

beforeAll(async () => {
  system = await startSystem({ kafkaBrokers: infra.kafkaBrokers, mongoUri: infra.mongoUri });
});
afterAll(async () => system?.stop());

describe("a broker killed mid-stream", () => {
  it(`loses nothing and doubles nothing of ${total} writes when the partition leader dies at 30 % and returns at 60 %`, async () => {
    const institutionTopic = prefixedTopic(system.topicPrefix, "partnerships.institution");
    let killed: Promise<{ leader: number; at: number }> | undefined;
    let restarted: Promise<number> | undefined;

    const started = Date.now();
    const run = await writeInstitutions(system, {
      institutions,
      concurrency: CONCURRENCY,
      label: "Broker fault",
      onAcknowledged: (count) => {
        if (count === Math.floor(total * 0.3)) {
          killed = leaderOf(system.kafka, institutionTopic).then(async (leader) => {
            await killBroker(infra, leader);
            return { leader, at: Date.now() };
          });
        }
        if (count === Math.floor(total * 0.6)) {
          restarted = killed!.then(async () => {
            await restartWhatIsDown(infra);
            return Date.now();
          });
        }
      },
    });
    const writesDone = Date.now();
    const killedBroker = (await killed)!;
    const brokerBack = (await restarted)!;

    await expectConverged(run.written, system);
    const converged = Date.now();
    const consumed = await expectEachEventHandledOnce(system, run.acknowledged);

    printFigures("scenario 1: a broker killed mid-stream", {
      "writes sent": total,
      "writes acknowledged": run.acknowledged,
      "writes refused": run.failures.length,
      "broker SIGKILLed": `node ${killedBroker.leader}, leader of ${institutionTopic}[0]`,
      "broker down (until it answered again)": seconds(brokerBack - killedBroker.at),
      "writes took": seconds(writesDone - started),
      "events published": await publishedOn(system, "partnerships.institution"),
      ...consumed,
      "time to converge after the last write": seconds(converged - writesDone),
      "lost (acknowledged, missing from a read model)": 0,
      "double effects (handled twice)": 0,
    });
    expect(run.failures).toEqual([]);
    expect(run.acknowledged).toBe(total);
  });
});
