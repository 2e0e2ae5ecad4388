import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import { DomainError, ErrorKind, badInput } from "@intl/errors";
import { connectMongo, createAggregateWriter, createWriteQueue, derivedLinks } from "@intl/mongo";
import type { AggregateDecision } from "@intl/mongo";
import { uniqueName } from "@intl/testing";
import { aggregateOutbox, outboxPlugin, OUTBOX_PENDING } from "../src/index.ts";
import type { OutboxEntry, OutboxEvent, QueuedEvents } from "../src/index.ts";

interface Counter {
  _id: string;
  count: number;
  tags: string[];
  version: number;
  linksPending?: boolean;
  _outbox?: OutboxEntry[];
}

interface TagLink {
  _id: string;
  counterId: string;
  tag: string;
  count: number;
  version: number;
}

let connection: Connection;
let Counters: Model<Counter>;
let TagLinks: Model<TagLink>;

beforeAll(async () => {
  connection = await connectMongo(inject("mongoUri"), uniqueName("db"));
  const counterSchema = new Schema<Counter>(
    { _id: String, count: Number, tags: [String], version: Number, linksPending: Boolean },
    { versionKey: false },
  );
  counterSchema.plugin(outboxPlugin);
  counterSchema.index({ linksPending: 1 });
  Counters = connection.model<Counter>("Counter", counterSchema);
  const linkSchema = new Schema<TagLink>(
    { _id: String, counterId: String, tag: String, count: Number, version: Number },
    { versionKey: false },
  );
  linkSchema.index({ counterId: 1 });
  TagLinks = connection.model<TagLink>("TagLink", linkSchema);
  await Counters.createIndexes();
  await TagLinks.createIndexes();
});

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

const now = new Date("2026-03-01T10:00:00Z");

function counted(id: string, sequence: number): OutboxEvent {
  return {
    topic: "test.counter.counted.v1",
    envelope: {
      specversion: "1.0",
      id: `${id}-${sequence}`,
      type: "test.counter.counted.v1",
      source: "test",
      subject: id,
      time: now.toISOString(),
      sequence,
      datacontenttype: "application/json",
      data: {},
    } as never,
  };
}

function setUp(options: { attempts?: number } = {}) {
  const nudged: QueuedEvents[] = [];
  const writer = createAggregateWriter<OutboxEvent>({
    writeQueue: createWriteQueue(),
    outbox: aggregateOutbox((written) => nudged.push(written)),
    clock: () => now,
    ...options,
  });
  return { writer, nudged };
}

const load = (id: string) => async () => (await Counters.findById(id).lean<Counter>().exec())!;

function increment(current: Counter): AggregateDecision<Counter, OutboxEvent> {
  const next = { ...current, count: current.count + 1, version: current.version + 1 };
  return { next, set: { count: next.count }, events: [counted(current._id, next.version)] };
}

describe("the aggregate writer", () => {
  it("writes the change, the next version, its events and the pending marker in one update, then nudges the relay", async () => {
    const { writer, nudged } = setUp();
    await Counters.create({ _id: "c1", count: 0, tags: [], version: 1 });

    const next = await writer.update(Counters, "c1", { load: load("c1"), decide: increment });

    expect(next).toMatchObject({ count: 1, version: 2 });
    const stored = await Counters.findById("c1").lean<Counter>().exec();
    expect(stored).toMatchObject({ count: 1, version: 2, [OUTBOX_PENDING]: true });
    expect(stored?._outbox?.map((entry) => entry._id)).toEqual(["c1-2"]);
    expect(nudged.map((written) => written.id)).toEqual(["c1"]);
  });

  it("appends to arrays, and writes nothing nor nudges when the rules decide there is nothing to do", async () => {
    const { writer, nudged } = setUp();
    await Counters.create({ _id: "c2", count: 0, tags: ["a"], version: 1 });
    await writer.update(Counters, "c2", {
      load: load("c2"),
      decide: (current) => ({
        next: { ...current, tags: [...current.tags, "b"] },
        set: {},
        push: { tags: "b" },
      }),
    });
    const unchanged = await writer.update(Counters, "c2", { load: load("c2"), decide: () => null });

    expect(unchanged).toMatchObject({ tags: ["a", "b"], version: 2 });
    expect(await Counters.findById("c2").lean<Counter>().exec()).toMatchObject({
      tags: ["a", "b"],
      version: 2,
    });
    expect(nudged).toEqual([]);
  });

  it("starts over on fresh state when another process changed the document between read and write", async () => {
    const { writer } = setUp();
    await Counters.create({ _id: "c3", count: 0, tags: [], version: 1 });
    let reads = 0;

    const next = await writer.update(Counters, "c3", {
      load: async () => {
        const read = await load("c3")();
        // Another process writes after this read (outside this process's write queue).
        if (++reads === 1)
          await Counters.updateOne({ _id: "c3" }, { $inc: { count: 10, version: 1 } }).exec();
        return read;
      },
      decide: increment,
    });

    expect(reads).toBe(2);
    expect(next).toMatchObject({ count: 11, version: 3 });
    const stored = await Counters.findById("c3").lean<Counter>().exec();
    expect(stored).toMatchObject({ count: 11, version: 3 });
    expect(stored?._outbox?.map((entry) => entry._id)).toEqual(["c3-3"]);
  });

  it("answers CONFLICT with CONCURRENT_CHANGE after its bounded number of stale attempts, writing nothing", async () => {
    const { writer, nudged } = setUp({ attempts: 3 });
    await Counters.create({ _id: "c4", count: 0, tags: [], version: 1 });
    let reads = 0;

    const write = writer.update(Counters, "c4", {
      load: async () => {
        reads++;
        const read = await load("c4")();
        await Counters.updateOne({ _id: "c4" }, { $inc: { version: 1 } }).exec();
        return read;
      },
      decide: increment,
    });

    await expect(write).rejects.toMatchObject({ kind: ErrorKind.CONFLICT, reason: "CONCURRENT_CHANGE" });
    expect(reads).toBe(3);
    expect(await Counters.findById("c4").lean<Counter>().exec()).toMatchObject({ count: 0, _outbox: [] });
    expect(nudged).toEqual([]);
  });

  it("lets a broken rule through as it is, without writing", async () => {
    const { writer } = setUp();
    await Counters.create({ _id: "c5", count: 0, tags: [], version: 1 });
    const refusal = badInput("TOO_MANY", "input.count", "no more");

    await expect(
      writer.update(Counters, "c5", {
        load: load("c5"),
        decide: () => {
          throw refusal;
        },
      }),
    ).rejects.toBe(refusal);
    expect(await Counters.findById("c5").lean<Counter>().exec()).toMatchObject({ count: 0, version: 1 });
  });

  it("loses none of many concurrent writes of one document in this process", async () => {
    const { writer, nudged } = setUp();
    await Counters.create({ _id: "c6", count: 0, tags: [], version: 1 });

    await Promise.all(
      Array.from({ length: 8 }, () => writer.update(Counters, "c6", { load: load("c6"), decide: increment })),
    );

    const stored = await Counters.findById("c6").lean<Counter>().exec();
    expect(stored).toMatchObject({ count: 8, version: 9 });
    expect(stored?._outbox).toHaveLength(8);
    expect(nudged).toHaveLength(8);
  });

  it("inserts a document with its first events, and says what the caller wants when its id is taken", async () => {
    const { writer, nudged } = setUp();
    await writer.insert(
      Counters,
      { _id: "c7", count: 0, tags: [], version: 1 },
      { events: [counted("c7", 1)] },
    );
    const taken = new DomainError(ErrorKind.CONFLICT, "TAKEN", "c7 exists");

    await expect(
      writer.insert(Counters, { _id: "c7", count: 5, tags: [], version: 1 }, { duplicate: () => taken }),
    ).rejects.toBe(taken);
    const stored = await Counters.findById("c7").lean<Counter>().exec();
    expect(stored).toMatchObject({ count: 0, [OUTBOX_PENDING]: true });
    expect(stored?._outbox?.map((entry) => entry._id)).toEqual(["c7-1"]);
    expect(nudged.map((written) => written.id)).toEqual(["c7"]);
  });
});

describe("derived link documents", () => {
  const links = () =>
    derivedLinks<Counter, TagLink>({
      Owner: Counters,
      Link: TagLinks,
      ownerField: "counterId",
      derive: (counter) =>
        counter.tags.map((tag) => ({
          _id: `${counter._id}:${tag}`,
          counterId: counter._id,
          tag,
          count: counter.count,
        })),
    });
  const linksOf = (counterId: string) =>
    TagLinks.find({ counterId }).sort({ _id: 1 }).lean<TagLink[]>().exec();

  it("derives an owner's links in the same write-queue turn as its write, and clears its marker", async () => {
    const { writer } = setUp();
    const tags = links();
    await writer.insert(Counters, { _id: "l1", count: 0, tags: ["a", "b"], version: 1 }, { links: tags });
    await writer.update(Counters, "l1", {
      load: load("l1"),
      decide: (current) => {
        const next = { ...current, tags: ["b", "c"], count: 4, version: current.version + 1 };
        return { next, set: { tags: next.tags, count: 4 } };
      },
      links: tags,
    });

    expect(await linksOf("l1")).toEqual([
      { _id: "l1:b", counterId: "l1", tag: "b", count: 4, version: 2 },
      { _id: "l1:c", counterId: "l1", tag: "c", count: 4, version: 2 },
    ]);
    expect((await Counters.findById("l1").lean<Counter>().exec())?.linksPending).toBeUndefined();
  });

  it("never lets a copy of an older version overwrite or remove the links of a newer one", async () => {
    const tags = links();
    await Counters.create({ _id: "l2", count: 7, tags: ["x"], version: 3 });
    await tags.sync({ _id: "l2", count: 7, tags: ["x"], version: 3 });

    await tags.sync({ _id: "l2", count: 1, tags: ["y"], version: 2 });

    expect(await linksOf("l2")).toEqual([{ _id: "l2:x", counterId: "l2", tag: "x", count: 7, version: 3 }]);
  });

  it("heals at start the links of an owner whose write was not followed by its links", async () => {
    await Counters.create({ _id: "l3", count: 2, tags: ["p"], version: 5, linksPending: true });

    expect(await links().heal()).toBeGreaterThanOrEqual(1);

    expect(await linksOf("l3")).toEqual([{ _id: "l3:p", counterId: "l3", tag: "p", count: 2, version: 5 }]);
    expect((await Counters.findById("l3").lean<Counter>().exec())?.linksPending).toBeUndefined();
  });
});
