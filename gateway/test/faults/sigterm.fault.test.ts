/**
 * Scenario 6 — SIGTERM under load. The partnerships service runs as in production (its main.ts
 * in a child process, on the system's database and topics); FAULT_SIGTERM_REQUESTS requests
 * (200: half reads, half institution registrations) are sent to it at once, each on its own
 * connection, and once all are sent and it has begun answering, it receives SIGTERM. Every
 * request it had accepted must be answered — data or a coded error, never a connection closed
 * without an answer; when it has exited nothing is left in its outboxes (every stored write's
 * event is on Kafka: the read models receive each, once) and its consumer has left its group
 * (the group is Empty at once, not waiting for a session timeout).
 */
import { request } from "node:http";
import { prefixedTopic } from "@intl/kafka";
import { expectEventually } from "@intl/testing";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from "vitest";
import { startSystem, type System } from "../e2e/system.ts";
import { startChildService } from "./child-service.ts";
import { printFigures } from "./cluster.ts";
import {
  expectConverged,
  expectEachEventHandledOnce,
  pendingInOutboxes,
  seconds,
  storedInstitutions,
} from "./institutions.ts";

const REQUESTS = Number(process.env.FAULT_SIGTERM_REQUESTS ?? 200);

const infra = inject("faultInfra");
let system: System;

beforeAll(async () => {
  system = await startSystem({ kafkaBrokers: infra.kafkaBrokers, mongoUri: infra.mongoUri });
  // The child process is partnerships from now on: the in-process one leaves its group and database to it.
  await system.services.partnerships.stop();
});
afterAll(async () => system?.stop());

type Outcome =
  | { kind: "answered"; status: number; codes: string[] }
  /** The connection was refused: never accepted. */
  | { kind: "refused" }
  /** Accepted, then closed without an answer. */
  | { kind: "hang-up"; error: string };

/** extensions.code of each error of a GraphQL answer's body ("undefined" for an error without one). */
function errorCodes(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    return (parsed.errors ?? []).map((error) => String(error.extensions?.code));
  } catch {
    return ["(not JSON)"];
  }
}

/**
 * POSTs one operation on a connection of its own; `sent` resolves once the request is written
 * to an open connection (accepted by the service's socket).
 */
function post(url: string, token: string, body: object) {
  let markSent: () => void;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const answered = new Promise<Outcome>((resolve) => {
    const payload = JSON.stringify(body);
    const req = request(
      url,
      {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
          "content-length": Buffer.byteLength(payload),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("error", (error) => resolve({ kind: "hang-up", error: error.message }));
        res.on("end", () => {
          resolve({ kind: "answered", status: res.statusCode ?? 0, codes: errorCodes(text) });
        });
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      markSent();
      resolve(
        error.code === "ECONNREFUSED" ? { kind: "refused" } : { kind: "hang-up", error: error.message },
      );
    });
    req.on("finish", () => markSent());
    req.end(payload);
  });
  return { sent, answered };
}

describe("SIGTERM under load", () => {
  it(`answers every accepted request of ${REQUESTS} in flight, flushes the outbox and leaves the consumer group`, async () => {
    const child = await startChildService(infra, system, "partnerships", {
      // Every request of the burst is taken on (none shed): the stop, not the limit, is under test.
      MAX_IN_FLIGHT: String(REQUESTS * 2),
    });
    onTestFinished(() => {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill("SIGKILL");
    });
    const groupId = prefixedTopic(system.topicPrefix, "partnerships");
    const admin = system.kafka.admin();
    await admin.connect();
    onTestFinished(() => admin.disconnect());
    const group = async () => (await admin.describeGroups([groupId])).groups[0]!;
    // The child's consumer has joined before the stop (else "it left" would prove nothing).
    await expectEventually(async () => expect((await group()).members).toHaveLength(1), {
      timeoutMs: 60_000,
      intervalMs: 500,
    });

    const token = await system.token("INTERNATIONAL_OFFICE");
    const url = `${child.baseUrl}/graphql`;
    const requests = Array.from({ length: REQUESTS }, (_, index) =>
      index % 2 === 0
        ? post(url, token, {
            query: `mutation($input: InstitutionInput!) { registerInstitution(input: $input) { id name } }`,
            variables: { input: { name: `SIGTERM ${index}`, countryCode: "FR", city: "Lyon" } },
          })
        : post(url, token, { query: `{ institutions(first: 10) { nodes { id name } } }` }),
    );
    await Promise.all(requests.map((entry) => entry.sent));
    // The service is at work on the burst when the stop comes: its first write is stored.
    const institutions = system.databases.partnerships.collection("institutions");
    await expectEventually(async () => expect(await institutions.countDocuments({})).toBeGreaterThan(0), {
      timeoutMs: 60_000,
    });
    const answeredBeforeStop = (
      await Promise.all(requests.map((entry) => Promise.race([entry.answered, Promise.resolve(null)])))
    ).filter((outcome) => outcome !== null).length;

    const storedBeforeStop = await institutions.countDocuments({});
    const stopSent = Date.now();
    child.process.kill("SIGTERM");
    const outcomes = await Promise.all(requests.map((entry) => entry.answered));
    const exit = await child.exited;
    const exitedAfter = Date.now() - stopSent;
    const groupAfter = await group();
    const pendingAfterExit = await pendingInOutboxes(system);

    const written = await storedInstitutions(system);

    const isOk = (outcome: Outcome) =>
      outcome.kind === "answered" && outcome.status === 200 && outcome.codes.length === 0;
    const isCoded = (outcome: Outcome) =>
      outcome.kind === "answered" && outcome.codes.length > 0 && !outcome.codes.includes("undefined");
    const ok = outcomes.filter(isOk);
    const coded = outcomes.filter(isCoded);
    const uncoded = outcomes.filter(
      (outcome) => outcome.kind === "answered" && !isOk(outcome) && !isCoded(outcome),
    );
    const hangUps = outcomes.filter((outcome) => outcome.kind === "hang-up");
    const refused = outcomes.filter((outcome) => outcome.kind === "refused");
    const codes = [
      ...new Set(coded.flatMap((outcome) => (outcome.kind === "answered" ? outcome.codes : []))),
    ].sort();
    const writesAcknowledged = outcomes.filter((outcome, index) => index % 2 === 0 && isOk(outcome)).length;

    printFigures("scenario 6: SIGTERM under load (partnerships, a child process)", {
      "requests sent at once (reads, writes)": `${REQUESTS} (${REQUESTS / 2}, ${REQUESTS / 2})`,
      "answered before SIGTERM": answeredBeforeStop,
      "stored before SIGTERM": storedBeforeStop,
      "answered with data": ok.length,
      "answered with a coded error": `${coded.length}${codes.length ? ` (${codes.join(", ")})` : ""}`,
      "answered without a code": uncoded.length,
      "closed without an answer (hang-ups)": hangUps.length,
      "refused before being accepted": refused.length,
      "writes acknowledged": writesAcknowledged,
      "institutions stored": written.length,
      "exit after SIGTERM": `${exit.code === null ? exit.signal : `code ${exit.code}`}, ${seconds(exitedAfter)}`,
      "left in outboxes at exit": pendingAfterExit,
      "consumer group at exit": `${groupAfter.state}, ${groupAfter.members.length} members`,
    });
    expect(hangUps).toEqual([]);
    expect(refused).toEqual([]);
    expect(uncoded).toEqual([]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(pendingAfterExit).toBe(0);
    expect(groupAfter).toMatchObject({ state: "Empty", members: [] });
    expect(written.length).toBeGreaterThanOrEqual(writesAcknowledged);

    // Every institution partnerships stored (acknowledged or not) reaches every read model, once.
    await expectConverged(written, system);
    printFigures("scenario 6: the read models after the stop", {
      ...(await expectEachEventHandledOnce(system, written.length)),
    });
  });
});
