// Every store query carries a time limit: checked on the wire (the commands the
// driver sends) and against the real store, which must abandon a query past it.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Schema } from "mongoose";
import type { Connection } from "mongoose";
import type { CommandStartedEvent } from "mongodb";
import { uniqueName } from "@intl/testing";
import { connectMongo } from "../src/index.ts";

interface Item {
  _id: string;
  tag: string;
  n: number;
}
const itemSchema = new Schema<Item>({ _id: String, tag: String, n: Number });
itemSchema.index({ tag: 1 });

let connection: Connection;
const sent: CommandStartedEvent[] = [];

beforeAll(async () => {
  connection = await connectMongo(inject("mongoUri"), uniqueName("db"), {
    maxTimeMS: 1234,
    monitorCommands: true,
  });
  connection.getClient().on("commandStarted", (event) => sent.push(event));
});

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

const sentCommand = (name: string) => sent.filter((event) => event.commandName === name).at(-1)?.command;

describe("the store's query deadline", () => {
  it("sends every read and update of a model with the connection's maxTimeMS", async () => {
    const Items = connection.model<Item>("Item", itemSchema);
    await Items.create({ _id: "a", tag: "x", n: 1 });
    sent.length = 0;

    await Items.find({ tag: "x" });
    expect(sentCommand("find")?.["maxTimeMS"]).toBe(1234);
    sent.length = 0;
    await Items.findOne({ _id: "a" });
    expect(sentCommand("find")?.["maxTimeMS"]).toBe(1234);
    await Items.countDocuments({ tag: "x" });
    expect(sentCommand("aggregate")?.["maxTimeMS"]).toBe(1234);
    sent.length = 0;
    await Items.aggregate([{ $match: { tag: "x" } }]);
    expect(sentCommand("aggregate")?.["maxTimeMS"]).toBe(1234);
    await Items.updateOne({ _id: "a" }, { $set: { n: 2 } });
    expect(sentCommand("update")?.["maxTimeMS"]).toBe(1234);
    await Items.findOneAndUpdate({ _id: "a" }, { $set: { n: 3 } });
    expect(sentCommand("findAndModify")?.["maxTimeMS"]).toBe(1234);
  });

  it("leaves distinct without a limit, which FerretDB 1.24 refuses, so that it still answers", async () => {
    const Items = connection.model<Item>("Item", itemSchema);
    sent.length = 0;

    expect(await Items.distinct("tag")).toEqual(["x"]);
    expect(sentCommand("distinct")?.["maxTimeMS"]).toBeUndefined();
  });

  it("keeps the limit a query sets itself", async () => {
    const Items = connection.model<Item>("Item", itemSchema);
    sent.length = 0;

    await Items.find({ tag: "x" }).maxTimeMS(50);
    await Items.aggregate([{ $match: { tag: "x" } }]).option({ maxTimeMS: 60 });

    expect(sentCommand("find")?.["maxTimeMS"]).toBe(50);
    expect(sentCommand("aggregate")?.["maxTimeMS"]).toBe(60);
  });

  it("makes the store abandon a scan that outlives the limit, with MaxTimeMSExpired", async () => {
    const tight = await connectMongo(inject("mongoUri"), uniqueName("db"), { maxTimeMS: 1 });
    try {
      const Items = tight.model<Item>("Item", itemSchema);
      const many = Array.from({ length: 5000 }, (_, n) => ({ _id: `i${n}`, tag: `t${n % 7}`, n }));
      await Items.insertMany(many, { lean: true });

      // Grouping reads every document: far more than 1 ms of work.
      const scan = Items.aggregate([{ $group: { _id: "$tag", total: { $sum: "$n" } } }]);

      await expect(scan).rejects.toMatchObject({ codeName: "MaxTimeMSExpired" });
    } finally {
      await tight.dropDatabase();
      await tight.close();
    }
  });
});
