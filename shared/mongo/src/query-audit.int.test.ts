import mongoose, { Schema } from "mongoose";
import { afterAll, describe, expect, inject, it } from "vitest";
import { freshMongoUri, uniqueName } from "@intl/testing";
import { findByIds, findWhereIn, storeKind } from "./batch-lookup.ts";
import { allowUnindexedQuery, startQueryAudit } from "./query-audit.ts";

const connection = await mongoose
  .createConnection(freshMongoUri(inject("mongoUri"), uniqueName("audit")))
  .asPromise();
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

const partnerSchema = new Schema(
  { _id: String, countryCode: String, zone: String, tier: String },
  { autoIndex: false },
);
partnerSchema.index({ countryCode: 1 });
allowUnindexedQuery(partnerSchema, { filter: ["tier"], reason: "a report over a handful of documents" });
const Partner = connection.model("Partner", partnerSchema);
await Partner.createIndexes();
await Partner.insertMany([
  { _id: "p1", countryCode: "FR", zone: "EU", tier: "A" },
  { _id: "p2", countryCode: "CL", zone: "LATAM", tier: "B" },
  { _id: "p3", countryCode: "FR", zone: "EU", tier: "B" },
]);

describe("the query audit on a real store", () => {
  it("names the model, the filter shape and the call site of a query without a supporting index", async () => {
    const audit = startQueryAudit({ includeTestQueries: true });
    try {
      await Partner.find({ countryCode: "FR" }).lean().exec();
      await Partner.find({ tier: "A" }).lean().exec();
      await Partner.find({ zone: "EU" }).lean().exec();
    } finally {
      audit.stop();
    }
    expect(audit.checked()).toBe(3);
    expect(audit.findings()).toEqual([
      expect.objectContaining({
        model: "Partner",
        operation: "find",
        filter: "{ zone: = }",
        reason: expect.stringMatching(/equality on \[zone\] has no index/),
        callSite: expect.stringMatching(/query-audit\.int\.test\.ts:\d+:\d+$/),
      }),
    ]);
  });
});

describe("batched lookups", () => {
  it("find the same documents whatever the store, by _id and by an indexed field", async () => {
    const byIds = await findByIds(Partner, ["p3", "missing", "p1", "p1"], (condition) =>
      Partner.find(condition).lean<{ _id: string }[]>().exec(),
    );
    expect(byIds.map((partner) => partner._id).sort()).toEqual(["p1", "p3"]);
    const byCountry = await findWhereIn(Partner, "countryCode", ["FR", "CL"], (condition) =>
      Partner.find(condition).lean<{ _id: string }[]>().exec(),
    );
    expect(byCountry.map((partner) => partner._id).sort()).toEqual(["p1", "p2", "p3"]);
  });

  it("send one top-level equality per value on FerretDB, one $in on MongoDB", async () => {
    const kind = await storeKind(connection);
    const audit = startQueryAudit({ includeTestQueries: true });
    const sent: unknown[] = [];
    try {
      await findByIds(Partner, ["p1", "p2", "p3"], (condition) => {
        sent.push(condition);
        return Partner.find(condition).lean().exec();
      });
    } finally {
      audit.stop();
    }
    expect(sent).toEqual(
      kind === "ferretdb"
        ? [{ _id: "p1" }, { _id: "p2" }, { _id: "p3" }]
        : [{ _id: { $in: ["p1", "p2", "p3"] } }],
    );
    expect(audit.findings()).toEqual([]);
  });
});
