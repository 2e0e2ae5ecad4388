/**
 * The domain writes of the fault scenarios and what they must lead to: institutions registered
 * then renamed through the gateway (each write one event on `partnerships.institution`), and the
 * three read models that consume them (research, students, campaigns), which must end holding
 * each institution at its last acknowledged name and version, each event handled once.
 */
import { OUTBOX_PENDING, prefixedTopic } from "@intl/kafka";
import { metricValue } from "@intl/metrics";
import { expectEventually } from "@intl/testing";
import { expect } from "vitest";
import type { System } from "../e2e/system.ts";

/** A registration and four renames: each institution ends at version 5. */
export const WRITES_PER_INSTITUTION = 5;

/** Each consuming service's CONSUMER_GROUP and the collection of its institutions read model. */
const readers = {
  research: { group: "research.read-models", collection: "known_institutions" },
  students: { group: "students", collection: "institution_views" },
  campaigns: { group: "campaigns.read-models", collection: "known_institutions" },
} as const;

export interface Written {
  id: string;
  name: string;
  version: number;
}

export interface WriteRun {
  /** Institutions as their last acknowledged write left them. */
  written: Written[];
  acknowledged: number;
  /** The answers of refused writes (errors). */
  failures: unknown[];
}

/**
 * Writes `institutions` institutions (WRITES_PER_INSTITUTION writes each), `concurrency` at a
 * time, calling `onAcknowledged(count)` after each acknowledged write (the scenarios' faults
 * follow the writes, not the clock).
 */
export async function writeInstitutions(
  system: System,
  options: {
    institutions: number;
    concurrency: number;
    label: string;
    onAcknowledged?: (count: number) => void;
  },
): Promise<WriteRun> {
  const token = await system.token("INTERNATIONAL_OFFICE");
  const run: WriteRun = { written: [], acknowledged: 0, failures: [] };
  const mutate = async (document: string, variables: Record<string, unknown>) => {
    const result = await system.query<Record<string, { id: string; name: string }>>(
      token,
      document,
      variables,
    );
    if (result.errors?.length || !result.data) {
      run.failures.push(result.errors ?? result);
      return undefined;
    }
    run.acknowledged++;
    options.onAcknowledged?.(run.acknowledged);
    return Object.values(result.data)[0];
  };
  const writeInstitution = async (index: number) => {
    const input = (version: number) => ({
      name: `${options.label} ${index} v${version}`,
      countryCode: "FR",
      city: "Lyon",
    });
    const created = await mutate(
      `mutation($input: InstitutionInput!) { registerInstitution(input: $input) { id name } }`,
      { input: input(1) },
    );
    if (!created) return;
    const entry: Written = { id: created.id, name: created.name, version: 1 };
    run.written.push(entry);
    for (let version = 2; version <= WRITES_PER_INSTITUTION; version++) {
      const updated = await mutate(
        `mutation($id: ID!, $input: InstitutionInput!) { updateInstitution(id: $id, input: $input) { id name } }`,
        { id: entry.id, input: input(version) },
      );
      if (updated) Object.assign(entry, { name: updated.name, version });
    }
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < options.institutions) await writeInstitution(next++);
    }),
  );
  return run;
}

/** Institutions waiting in partnerships' outboxes (written, not yet published). */
export function pendingInOutboxes(system: System): Promise<number> {
  return system.databases.partnerships.collection("institutions").countDocuments({ [OUTBOX_PENDING]: true });
}

/**
 * Every institution partnerships stored, at its stored name and version: what must reach the read
 * models when some writes were refused or unanswered (a refused write may still have been stored).
 */
export async function storedInstitutions(system: System): Promise<Written[]> {
  const documents = await system.databases.partnerships
    .collection("institutions")
    .find({}, { projection: { name: 1, version: 1 } })
    .toArray();
  return documents.map((document) => ({
    id: String(document._id),
    name: String(document.name),
    version: Number(document.version),
  }));
}

/**
 * Waits until every read model holds exactly the institutions of `written` (those of this
 * system: the databases are its own), each at its last acknowledged name and version; then
 * nothing may be left waiting in an outbox.
 */
export async function expectConverged(written: readonly Written[], system: System, timeoutMs = 300_000) {
  for (const [service, { collection }] of Object.entries(readers)) {
    const readModel = system.databases[service as keyof typeof readers].collection(collection);
    await expectEventually(
      async () => {
        const documents = await readModel.find({}, { projection: { name: 1, sequence: 1 } }).toArray();
        const held = new Map(
          documents.map((document) => [
            String(document._id),
            { name: document.name, version: document.sequence },
          ]),
        );
        expect(held.size, service).toBe(written.length);
        for (const entry of written) {
          expect(held.get(entry.id), `${service} ${entry.id}`).toEqual({
            name: entry.name,
            version: entry.version,
          });
        }
      },
      { timeoutMs, intervalMs: 1000 },
    );
  }
  expect(await pendingInOutboxes(system)).toBe(0);
}

/**
 * Each consuming group's figures — events handled, and redeliveries the ledger discarded — and
 * the check that every one of the `events` events took effect once: handled once, recorded once.
 * The counters are this process's: a reader run in a child process is left out (`elsewhere`).
 */
export async function expectEachEventHandledOnce(
  system: System,
  events: number,
  elsewhere: readonly (keyof typeof readers)[] = [],
): Promise<Record<string, string>> {
  const figures: Record<string, string> = {};
  for (const [service, { group }] of Object.entries(readers)) {
    if (elsewhere.includes(service as keyof typeof readers)) continue;
    const labels = { group: prefixedTopic(system.topicPrefix, group) };
    const handled =
      (await metricValue("intl_kafka_events_processed_total", { ...labels, outcome: "handled" })) ?? 0;
    const duplicates =
      (await metricValue("intl_kafka_events_processed_total", { ...labels, outcome: "duplicate" })) ?? 0;
    const ledger = await system.databases[service as keyof typeof readers]
      .collection("processed_events")
      .countDocuments({});
    figures[`${service}: handled, duplicates discarded`] = `${handled}, ${duplicates}`;
    expect({ service, handled, ledger }).toEqual({ service, handled: events, ledger: events });
  }
  return figures;
}

/** Events the relays published on `topic` (contract name) in this process. */
export async function publishedOn(system: System, topic: string): Promise<number> {
  return (
    (await metricValue("intl_outbox_events_published_total", {
      topic: prefixedTopic(system.topicPrefix, topic),
    })) ?? 0
  );
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
