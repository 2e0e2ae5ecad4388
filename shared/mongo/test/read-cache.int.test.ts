// The read cache of GraphQL queries, on the real store: what it serves, and what
// makes it read the store again (this process's writes, another process's after the TTL).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import { expectEventually, uniqueName } from "@intl/testing";
import {
  connectMongo,
  keepOutOfReadCache,
  markReadOnly,
  readCacheStats,
  runInReadScope,
} from "../src/index.ts";

interface Item {
  _id: string;
  tag: string;
  n: number;
  parts: { label: string }[];
}
const itemSchema = new Schema<Item>({ _id: String, tag: String, n: Number, parts: [{ label: String }] });
itemSchema.index({ tag: 1 });

const TTL_MS = 400;
let connection: Connection;
let elsewhere: Connection;
let Items: Model<Item>;

beforeAll(async () => {
  const database = uniqueName("db");
  connection = await connectMongo(inject("mongoUri"), database, { readCacheMs: TTL_MS });
  // Another process's connection to the same database: its writes are not seen on the monitor.
  elsewhere = await connectMongo(inject("mongoUri"), database);
  Items = connection.model<Item>("Item", itemSchema);
  await Items.create([
    { _id: "a", tag: "x", n: 1, parts: [{ label: "one" }] },
    { _id: "b", tag: "x", n: 2, parts: [] },
  ]);
});

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
  await elsewhere?.close();
});

/** Runs `read` as a GraphQL query would (or a mutation, with `readOnly: false`). */
const asOperation = <T>(read: () => Promise<T>, readOnly = true) =>
  runInReadScope(async () => {
    if (readOnly) markReadOnly();
    return read();
  });

const listX = () => Items.find({ tag: "x" }).sort({ _id: 1 }).exec();

describe("the read cache", () => {
  it("serves a query's repeated read from memory, as fresh documents each time", async () => {
    const first = await asOperation(listX);
    const before = readCacheStats(connection);

    const second = await asOperation(listX);
    expect(second.map((item) => item.toObject())).toEqual(first.map((item) => item.toObject()));
    second[0]!.n = 99;
    second[0]!.parts[0]!.label = "changed by a resolver";
    const third = await asOperation(listX);

    expect(readCacheStats(connection).hits - before.hits).toBe(2);
    expect(third[0]!.n).toBe(1);
    expect(third[0]!.parts[0]!.label).toBe("one");
    expect(await asOperation(() => Items.countDocuments({ tag: "x" }).exec())).toBe(2);
    expect(await asOperation(() => Items.findOne({ _id: "b" }).lean().exec())).toMatchObject({ n: 2 });
  });

  it("sends one read to the store for many users asking the same thing at once", async () => {
    await Items.updateOne({ _id: "b" }, { $set: { n: 2 } });
    const before = readCacheStats(connection);

    const answers = await Promise.all(Array.from({ length: 10 }, () => asOperation(listX)));

    const after = readCacheStats(connection);
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(9);
    expect(new Set(answers.map((answer) => JSON.stringify(answer)))).toHaveProperty("size", 1);
  });

  it("never serves mutations or work outside a request (consumers, the relay) from memory", async () => {
    await asOperation(listX);
    const before = readCacheStats(connection);

    await asOperation(listX, false);
    await listX();

    expect(readCacheStats(connection)).toMatchObject({ hits: before.hits, misses: before.misses });
  });

  it("reads the store again after this process writes", async () => {
    await asOperation(listX);

    await Items.updateOne({ _id: "a" }, { $set: { n: 10 } });

    expect((await asOperation(listX))[0]!.n).toBe(10);
  });

  it("sees another process's write once the TTL has passed", async () => {
    await asOperation(listX);

    await elsewhere.collection("items").updateOne({ _id: "a" as never }, { $set: { n: 20 } });
    expect((await asOperation(listX))[0]!.n).toBe(10);

    await expectEventually(async () => expect((await asOperation(listX))[0]!.n).toBe(20), {
      timeoutMs: 10 * TTL_MS,
    });
  });

  it("keeps an append-only collection out: its inserts leave the cache, its reads go to the store", async () => {
    const Records = connection.model("Record", new Schema({ _id: String, at: Number }));
    keepOutOfReadCache(connection, Records.collection.collectionName);
    await Records.init(); // the collection's creation is a write like any other
    await asOperation(listX);
    const before = readCacheStats(connection);

    await Records.create({ _id: "r1", at: 1 });
    await asOperation(listX);
    expect(await asOperation(() => Records.countDocuments({}).exec())).toBe(1);
    await Records.create({ _id: "r2", at: 2 });
    expect(await asOperation(() => Records.countDocuments({}).exec())).toBe(2);

    expect(readCacheStats(connection)).toMatchObject({ hits: before.hits + 1, misses: before.misses });
  });
});
