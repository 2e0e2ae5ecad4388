/**
 * Scenario 3 — Kafka entirely down. Every broker of the cluster is SIGKILLed; for
 * FAULT_KAFKA_DOWN_MS (30 s) writes go on through the gateway and must all be accepted (the
 * store holds them in the outboxes), and each service's /ready says why it is not ready (kafka).
 * Then the brokers come back and the read models catch up: every acknowledged write arrives,
 * each event handled once.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startSystem, type System } from "../e2e/system.ts";
import { killBroker, printFigures, restartWhatIsDown } from "./cluster.ts";
import {
  expectEachEventHandledOnce,
  expectConverged,
  pendingInOutboxes,
  publishedOn,
  seconds,
  writeInstitutions,
} from "./institutions.ts";

const DOWN_MS = Number(process.env.FAULT_KAFKA_DOWN_MS ?? 30_000);

const infra = inject("faultInfra");
let system: System;

beforeAll(async () => {
  system = await startSystem({ kafkaBrokers: infra.kafkaBrokers, mongoUri: infra.mongoUri });
});
afterAll(async () => system?.stop());

async function readiness(
  url: string,
): Promise<{ status: number; body: { status: string; checks: Record<string, string> } }> {
  const response = await fetch(new URL("/ready", url));
  return {
    status: response.status,
    body: (await response.json()) as { status: string; checks: Record<string, string> },
  };
}

describe("Kafka entirely down", () => {
  it(`accepts writes for ${DOWN_MS / 1000} s without any broker, says so on /ready, and catches up after`, async () => {
    // Before: the system is ready and has published something.
    const before = await writeInstitutions(system, {
      institutions: 2,
      concurrency: 2,
      label: "Before outage",
    });
    await expectConverged(before.written, system);

    for (const node of [1, 2, 3]) await killBroker(infra, node);
    const downSince = Date.now();

    // Writes go on, batch after batch, as long as the outage lasts.
    const during: Awaited<ReturnType<typeof writeInstitutions>>[] = [];
    let batch = 0;
    do {
      during.push(
        await writeInstitutions(system, { institutions: 2, concurrency: 2, label: `Outage ${batch++}` }),
      );
    } while (Date.now() - downSince < DOWN_MS);
    const pendingAtWorst = await pendingInOutboxes(system);
    const partnershipsReady = await readiness(system.subgraphUrls.partnerships!);

    await restartWhatIsDown(infra);
    const backAt = Date.now();
    const written = [...before.written, ...during.flatMap((run) => run.written)];
    await expectConverged(written, system);
    const caughtUp = Date.now();
    const acknowledged = before.acknowledged + during.reduce((sum, run) => sum + run.acknowledged, 0);
    const consumed = await expectEachEventHandledOnce(system, acknowledged);
    const afterReady = await readiness(system.subgraphUrls.partnerships!);

    printFigures("scenario 3: Kafka entirely down", {
      "brokers down": `all three, ${seconds(backAt - downSince)} (until they answered again)`,
      "writes accepted during the outage": during.reduce((sum, run) => sum + run.acknowledged, 0),
      "writes refused during the outage": during.reduce((sum, run) => sum + run.failures.length, 0),
      "institutions waiting in outboxes at the end of the outage": pendingAtWorst,
      "partnerships /ready during the outage": `${partnershipsReady.status} ${JSON.stringify(partnershipsReady.body)}`,
      "events published": await publishedOn(system, "partnerships.institution"),
      ...consumed,
      "time to catch up once the brokers answered": seconds(caughtUp - backAt),
      "partnerships /ready after": `${afterReady.status} ${afterReady.body.status}`,
    });

    expect(during.flatMap((run) => run.failures)).toEqual([]);
    expect(pendingAtWorst).toBeGreaterThan(0);
    expect(partnershipsReady).toMatchObject({
      status: 503,
      body: { status: "not ready", checks: { store: "ok" } },
    });
    expect(partnershipsReady.body.checks.kafka).not.toBe("ok");
    expect(afterReady.status).toBe(200);
  });
});
