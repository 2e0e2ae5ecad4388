// The store's metrics on the real store: command latency from the driver's monitor, read-cache lookups.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import { metricValue } from "@intl/metrics";
import { uniqueName } from "@intl/testing";
import { connectMongo, markReadOnly, runInReadScope } from "../src/index.ts";

interface Item {
  _id: string;
  tag: string;
}
const itemSchema = new Schema<Item>({ _id: String, tag: String });
itemSchema.index({ tag: 1 });

let connection: Connection;
let Items: Model<Item>;

beforeAll(async () => {
  connection = await connectMongo(inject("mongoUri"), uniqueName("db"), { readCacheMs: 60_000 });
  Items = connection.model<Item>("Item", itemSchema);
  await Items.create([{ _id: "a", tag: "x" }]);
});

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

const finds = () =>
  metricValue("intl_store_command_duration_seconds_count", { command: "find", outcome: "ok" });

describe("the store metrics", () => {
  it("time each command the store answered, and count a read the cache served as a hit that sent none", async () => {
    const before = (await finds()) ?? 0;
    const query = () =>
      runInReadScope(async () => {
        markReadOnly();
        return Items.find({ tag: "x" }).exec();
      });

    expect(await query()).toHaveLength(1);
    expect(await query()).toHaveLength(1);

    expect(await finds()).toBe(before + 1);
    expect(await metricValue("intl_store_read_cache_total", { result: "miss" })).toBe(1);
    expect(await metricValue("intl_store_read_cache_total", { result: "hit" })).toBe(1);
  });

  it("labels a command the store refused as an error", async () => {
    await expect(connection.db!.command({ intlNoSuchCommand: 1 })).rejects.toThrow();

    expect(
      await metricValue("intl_store_command_duration_seconds_count", {
        command: "intlNoSuchCommand",
        outcome: "error",
      }),
    ).toBe(1);
  });
});
