/**
 * Scenario 4 — the store restarted under load. Readers and writers go through the gateway
 * (institutions listed; institutions registered and renamed) while the store's server (FerretDB)
 * is SIGKILLed, left down for FAULT_STORE_DOWN_MS and started again. The services reconnect by
 * themselves: errors only for operations sent while the store was away (and the few seconds the
 * store's client takes to see it back), each coded; every operation answered within the gateway's
 * deadline (no hang); every service still answers (no crash) and is ready again; every write
 * stored reaches the read models.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { defaultGatewayLimits } from "../../src/gateway.ts";
import { startSystem, type System } from "../e2e/system.ts";
import { killStore, lasting, printFigures, restartWhatIsDown } from "./cluster.ts";
import {
  expectConverged,
  expectEachEventHandledOnce,
  seconds,
  storedInstitutions,
  WRITES_PER_INSTITUTION,
} from "./institutions.ts";

const DOWN_MS = Number(process.env.FAULT_STORE_DOWN_MS ?? 5000);
/** Operations at a time, half reads, half writes: few, so that the machine's own load times out nothing. */
const CONCURRENCY = Number(process.env.FAULT_STORE_CONCURRENCY ?? 4);
/** After the store answers again, how long its clients may take to find it (their server monitoring). */
const RECOVERY_MS = Number(process.env.FAULT_STORE_RECOVERY_MS ?? 10_000);
/** Beyond the gateway's operation deadline: its own work on a loaded 2-core machine. */
const ANSWER_SLACK_MS = Number(process.env.FAULT_ANSWER_SLACK_MS ?? 3000);

const infra = inject("faultInfra");
let system: System;

beforeAll(async () => {
  system = await startSystem({ kafkaBrokers: infra.kafkaBrokers, mongoUri: infra.mongoUri });
});
afterAll(async () => system?.stop());

interface Sent {
  kind: "read" | "write";
  sentAt: number;
  answeredAt: number;
  /** extensions.code of each error ("undefined" when an error has none). */
  codes: string[];
}

/** Readers and writers through the gateway, half each, until `stop()`; every operation recorded. */
function startLoad(tokenOf: Promise<string>) {
  const sent: Sent[] = [];
  let running = true;
  const send = async (kind: Sent["kind"], document: string, variables: Record<string, unknown>) => {
    const sentAt = Date.now();
    const result = await system.query<Record<string, { id: string } | null>>(
      await tokenOf,
      document,
      variables,
    );
    const codes = (result.errors ?? []).map((error) => String(error.extensions?.code));
    sent.push({ kind, sentAt, answeredAt: Date.now(), codes });
    return codes.length === 0 ? result.data : undefined;
  };
  const reader = async () => {
    while (running) await send("read", `{ institutions(first: 10) { nodes { id name } } }`, {});
  };
  const writer = async (index: number) => {
    for (let round = 0; running; round++) {
      const input = (version: number) => ({
        name: `Store fault ${index}.${round} v${version}`,
        countryCode: "FR",
        city: "Lyon",
      });
      const created = await send(
        "write",
        `mutation($input: InstitutionInput!) { registerInstitution(input: $input) { id } }`,
        { input: input(1) },
      );
      const id = created?.registerInstitution?.id;
      for (let version = 2; id && running && version <= WRITES_PER_INSTITUTION; version++) {
        await send(
          "write",
          `mutation($id: ID!, $input: InstitutionInput!) { updateInstitution(id: $id, input: $input) { id } }`,
          { id, input: input(version) },
        );
      }
    }
  };
  const workers = Promise.all(
    Array.from({ length: CONCURRENCY }, (_, index) => (index % 2 === 0 ? reader() : writer(index))),
  );
  return {
    sent,
    async stop() {
      running = false;
      await workers;
    },
  };
}

describe("the store restarted", () => {
  it(`answers coded errors only while the store is away for ${DOWN_MS / 1000} s, never hangs nor crashes, and recovers by itself`, async () => {
    const load = startLoad(system.token("INTERNATIONAL_OFFICE"));
    const started = Date.now();
    await lasting(load.sent, 2000, CONCURRENCY);
    await killStore(infra);
    const killedAt = Date.now();
    await lasting(load.sent, DOWN_MS, 0);
    await restartWhatIsDown(infra);
    const backAt = Date.now();
    await lasting(load.sent, RECOVERY_MS + 5000, CONCURRENCY * 2);
    await load.stop();
    const ended = Date.now();

    const failed = load.sent.filter((operation) => operation.codes.length > 0);
    const codes = [...new Set(failed.flatMap((operation) => operation.codes))].sort();
    const bound = defaultGatewayLimits.operationTimeoutMs + ANSWER_SLACK_MS;
    const slowest = Math.max(...load.sent.map((operation) => operation.answeredAt - operation.sentAt));
    // Failed before the store went away (answered before the kill), or sent once it had long been back.
    const outsideTheOutage = failed.filter(
      (operation) => operation.answeredAt < killedAt || operation.sentAt > backAt + RECOVERY_MS,
    );
    const firstOkAfterBack = load.sent.find(
      (operation) => operation.sentAt >= backAt && operation.codes.length === 0,
    );
    const lastFailure = Math.max(...failed.map((operation) => operation.answeredAt));

    const readiness = await Promise.all(
      Object.entries(system.subgraphUrls).map(async ([name, url]) => {
        const response = await fetch(new URL("/ready", url));
        return `${name} ${response.status}`;
      }),
    );
    const written = await storedInstitutions(system);
    await expectConverged(written, system);
    const consumed = await expectEachEventHandledOnce(
      system,
      written.reduce((sum, institution) => sum + institution.version, 0),
    );
    const count = (kind: Sent["kind"], ok: boolean) =>
      load.sent.filter((operation) => operation.kind === kind && (operation.codes.length === 0) === ok)
        .length;

    printFigures("scenario 4: the store restarted under load", {
      "operations at a time (readers, writers)": `${CONCURRENCY} (${CONCURRENCY / 2}, ${CONCURRENCY / 2})`,
      "store SIGKILLed, down for": `${seconds(backAt - killedAt)} (until start.sh saw it answer again)`,
      "reads answered, failed": `${count("read", true)}, ${count("read", false)}`,
      "writes acknowledged, failed": `${count("write", true)}, ${count("write", false)}`,
      "error codes": codes.join(", ") || "none",
      "errors outside the outage window": outsideTheOutage.length
        ? outsideTheOutage
            .map((operation) => `${operation.codes.join("+")} at ${seconds(operation.answeredAt - killedAt)}`)
            .join(", ")
        : 0,
      "last error after the store answered again": failed.length ? seconds(lastFailure - backAt) : "none",
      "first success after the store answered again": firstOkAfterBack
        ? seconds(firstOkAfterBack.answeredAt - backAt)
        : "none",
      "slowest answer (bound)": `${seconds(slowest)} (${seconds(bound)})`,
      "subgraphs /ready after": readiness.join(", "),
      "institutions stored": written.length,
      ...consumed,
      "scenario took": seconds(ended - started),
    });

    expect(outsideTheOutage).toEqual([]);
    expect(codes).not.toContain("undefined");
    expect(codes).not.toContain("INTERNAL_SERVER_ERROR");
    expect(slowest).toBeLessThanOrEqual(bound);
    expect(firstOkAfterBack).toBeDefined();
    expect(readiness.every((line) => line.endsWith(" 200"))).toBe(true);
  });
});
