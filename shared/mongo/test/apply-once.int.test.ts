import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Schema } from "mongoose";
import type { Connection } from "mongoose";
import { uniqueName } from "@intl/testing";
import {
  APPLIED_EVENTS_KEPT,
  appliedEventsPlugin,
  applyOnce,
  connectMongo,
  pingMongo,
} from "../src/index.ts";

interface AgreementView {
  _id: string;
  status: string;
  seats: number;
}

let connection: Connection;

beforeAll(async () => {
  connection = await connectMongo(inject("mongoUri"), uniqueName("db"));
});

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

function viewModel(name: string, withPlugin: boolean) {
  const schema = new Schema<AgreementView>({ _id: String, status: String, seats: Number });
  if (withPlugin) schema.plugin(appliedEventsPlugin);
  return connection.model<AgreementView>(name, schema);
}

describe("applying an event once", () => {
  it("applies an event the first time and ignores it when redelivered", async () => {
    const Views = viewModel("ViewOnce", true);
    await Views.create({ _id: "agr-1", status: "ACTIVE", seats: 0 });
    expect(await applyOnce(Views, { _id: "agr-1" }, { $inc: { seats: 2 } }, "evt-1")).toBe(true);
    expect(await applyOnce(Views, { _id: "agr-1" }, { $inc: { seats: 2 } }, "evt-1")).toBe(false);
    expect(await applyOnce(Views, { _id: "agr-1" }, { $inc: { seats: 3 } }, "evt-2")).toBe(true);
    expect((await Views.findById("agr-1").lean())?.seats).toBe(5);
  });

  it("creates a read-model document with upsert, and a redelivery neither duplicates nor fails", async () => {
    const Views = viewModel("ViewUpsert", true);
    expect(
      await applyOnce(Views, { _id: "agr-2" }, { $set: { status: "ACTIVE" }, $inc: { seats: 1 } }, "evt-9", {
        upsert: true,
      }),
    ).toBe(true);
    expect(
      await applyOnce(Views, { _id: "agr-2" }, { $set: { status: "ACTIVE" }, $inc: { seats: 1 } }, "evt-9", {
        upsert: true,
      }),
    ).toBe(false);
    expect(await Views.find().lean()).toEqual([expect.objectContaining({ _id: "agr-2", seats: 1 })]);
  });

  it("says false when no document matches and no upsert is asked", async () => {
    const Views = viewModel("ViewMissing", true);
    expect(await applyOnce(Views, { _id: "nobody" }, { $set: { status: "ACTIVE" } }, "evt-1")).toBe(false);
    expect(await Views.countDocuments()).toBe(0);
  });

  it("records the event even on a schema without the plugin", async () => {
    const Views = viewModel("ViewNoPlugin", false);
    await Views.create({ _id: "agr-3", status: "DRAFT", seats: 0 });
    expect(await applyOnce(Views, { _id: "agr-3" }, { status: "ACTIVE" }, "evt-1")).toBe(true);
    expect(await applyOnce(Views, { _id: "agr-3" }, { status: "TERMINATED" }, "evt-1")).toBe(false);
    expect((await Views.findById("agr-3").lean())?.status).toBe("ACTIVE");
  });

  it(`remembers only the last ${APPLIED_EVENTS_KEPT} event ids of a document`, async () => {
    const Views = viewModel("ViewBounded", true);
    await Views.create({ _id: "agr-4", status: "ACTIVE", seats: 0 });
    for (let i = 0; i <= APPLIED_EVENTS_KEPT; i++) {
      await applyOnce(Views, { _id: "agr-4" }, { $inc: { seats: 1 } }, `evt-${i}`);
    }
    const stored = await Views.findById("agr-4")
      .select("+_appliedEvents")
      .lean<{ _appliedEvents: string[] }>();
    expect(stored?._appliedEvents).toHaveLength(APPLIED_EVENTS_KEPT);
    expect(stored?._appliedEvents[0]).toBe("evt-1");
    expect(stored?._appliedEvents.at(-1)).toBe(`evt-${APPLIED_EVENTS_KEPT}`);
  });
});

describe("store readiness", () => {
  it("answers a ping while connected and fails once closed", async () => {
    const probe = await connectMongo(inject("mongoUri"), uniqueName("db"));
    await expect(pingMongo(probe)).resolves.toBeUndefined();
    await probe.close();
    await expect(pingMongo(probe)).rejects.toThrow();
  });
});
