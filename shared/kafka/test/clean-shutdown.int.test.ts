import { afterEach, describe, expect, it } from "vitest";
import { expectEventually, uniqueName } from "@intl/testing";
import { PROCESSED_EVENTS_COLLECTION } from "../src/index.ts";
import type { RunningConsumer, StartConsumerOptions } from "../src/index.ts";
import { useKitInfra } from "./kit-infra.ts";
import type { noteWritten } from "./note-events.ts";
import { noteEvent, produceRaw, startNoteConsumer } from "./note-events.ts";

const infra = useKitInfra();
const running: RunningConsumer[] = [];

afterEach(async () => {
  while (running.length > 0) await running.pop()?.stop();
});

async function consume(groupId: string, handle: StartConsumerOptions<typeof noteWritten>["handle"]) {
  const consumer = await startNoteConsumer(infra, {
    groupId,
    handle,
    // Long enough that only an aborted wait lets `stop()` return within the test timeout.
    initialRetryMs: 120_000,
    maxRetryMs: 120_000,
  });
  running.push(consumer);
  return consumer;
}

/**
 * Only committed offsets may prevent a second handling here: the ledger, which
 * would hide a redelivery from the handler, is emptied before each restart.
 */
async function forgetLedger() {
  await infra.connection.collection(PROCESSED_EVENTS_COLLECTION).deleteMany({});
}

function deferred() {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  return { release, released };
}

describe("a consumer shut down and restarted in the same group", () => {
  it("neither handles a processed message twice nor skips an unprocessed one", async () => {
    const subject = "note-shutdown";
    const groupId = uniqueName("group");
    const [one, two, slow] = [
      noteEvent(subject, 1, "one"),
      noteEvent(subject, 2, "two"),
      noteEvent(subject, 3, "slow"),
    ];
    const [interrupted, four] = [
      noteEvent(subject, 4, "fails once, then stopped"),
      noteEvent(subject, 5, "four"),
    ];
    const handled: { consumer: string; eventId: string; outcome: "done" | "failed" }[] = [];
    const handler =
      (name: string, gates: { slowStarted?: () => void; slowMayFinish?: Promise<void> } = {}) =>
      async (event: typeof one) => {
        if (event.subject !== subject) return;
        if (event.id === slow.id && gates.slowMayFinish) {
          gates.slowStarted?.();
          await gates.slowMayFinish;
        }
        if (event.id === interrupted.id && !handled.some((entry) => entry.eventId === interrupted.id)) {
          handled.push({ consumer: name, eventId: event.id, outcome: "failed" });
          throw new Error("transient failure");
        }
        handled.push({ consumer: name, eventId: event.id, outcome: "done" });
      };

    // A: handles one and two, and is stopped while handling `slow`, which must finish and be committed.
    await produceRaw(infra.kafka, infra.topicPrefix, subject, [one, two, slow]);
    const slowStarted = deferred();
    const slowMayFinish = deferred();
    const a = await consume(
      groupId,
      handler("A", { slowStarted: slowStarted.release, slowMayFinish: slowMayFinish.released }),
    );
    await slowStarted.released;
    const stoppingA = a.stop();
    slowMayFinish.release();
    await stoppingA;
    expect(handled).toEqual(
      [one, two, slow].map((event) => ({ consumer: "A", eventId: event.id, outcome: "done" })),
    );

    // B: `interrupted` fails once and B is stopped while waiting to retry: it must stay uncommitted.
    await forgetLedger();
    await produceRaw(infra.kafka, infra.topicPrefix, subject, [interrupted, four]);
    const b = await consume(groupId, handler("B"));
    await expectEventually(() =>
      expect(handled.at(-1)).toEqual({ consumer: "B", eventId: interrupted.id, outcome: "failed" }),
    );
    await b.stop();

    // C: picks up exactly where the committed offsets say.
    await forgetLedger();
    await consume(groupId, handler("C"));
    await expectEventually(() => expect(handled.at(-1)).toMatchObject({ eventId: four.id }));
    expect(handled.slice(3)).toEqual([
      { consumer: "B", eventId: interrupted.id, outcome: "failed" },
      { consumer: "C", eventId: interrupted.id, outcome: "done" },
      { consumer: "C", eventId: four.id, outcome: "done" },
    ]);
  });
});
