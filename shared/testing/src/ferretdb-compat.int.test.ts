/**
 * What the dev/test document store supports among the MongoDB features our services rely on,
 * exercised through mongoose. The store is FerretDB 1.24 on PostgreSQL (infra/start.sh; on
 * SQLite with FERRETDB_HANDLER=sqlite), or the MongoDB 7+ of MONGODB_URI. Every pin holds on both
 * FerretDB backends; where they differ, the test says so and accepts each backend's behaviour.
 *
 * - "supported" specifies behaviour services can rely on; it must hold on FerretDB and MongoDB.
 *   It includes portable replacements for the features FerretDB lacks.
 * - "FerretDB 1.24 limitations" pins down, on FerretDB only, how it departs from MongoDB, most of
 *   them silently (no error, a different result). If a FerretDB upgrade fixes one, its test
 *   fails: move the feature to "supported" then.
 */
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freshMongoUri, uniqueName } from "./index.ts";

// This suite probes the store itself, including query shapes it does not push down on purpose:
// the query audit of the services' code (shared/mongo/src/query-audit-setup.ts) does not apply.
(globalThis as Record<symbol, unknown>)[Symbol.for("@intl/mongo/query-audit/exempt")] =
  "the FerretDB compatibility suite tests the store, not the services' queries";

const connection = await mongoose
  .createConnection(freshMongoUri(inject("mongoUri"), uniqueName("compat")))
  .asPromise();
const buildInfo = await connection.getClient().db("admin").command({ buildInfo: 1 });
/** e.g. "v1.24.2" on FerretDB; undefined on MongoDB. */
const ferretdbVersion = typeof buildInfo.ferretdbVersion === "string" ? buildInfo.ferretdbVersion : undefined;

afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

/** A model on a collection of its own, so tests do not see each other's documents. */
function model<S extends mongoose.Schema>(schema: S) {
  return connection.model(uniqueName("M"), schema, uniqueName("c"));
}

const outboxSchema = () =>
  new mongoose.Schema({ name: String, _outbox: [{ _id: false, id: String, topic: String }] });

/** Resolves with the rejection of `promise` (fails if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<{ code?: unknown; message: string }> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error as { code?: unknown; message: string },
  );
}

describe(`document store (${ferretdbVersion ? `FerretDB ${ferretdbVersion}` : `MongoDB ${String(buildInfo.version)}`}): supported`, () => {
  it("rejects a duplicate value of a unique index with error code 11000", async () => {
    const Partner = model(new mongoose.Schema({ code: { type: String, required: true, unique: true } }));
    await Partner.init(); // waits for the index build
    expect(await Partner.collection.indexes()).toContainEqual(
      expect.objectContaining({ key: { code: 1 }, unique: true }),
    );

    await Partner.create({ code: "EPFL" });
    const duplicate = await rejection(Partner.create({ code: "EPFL" }));

    expect(duplicate.code).toBe(11000);
    expect(duplicate.message).toMatch(/duplicate key/);
    expect(await Partner.countDocuments()).toBe(1);
  });

  it("applies $set and $push in one findOneAndUpdate and returns the updated document", async () => {
    const Agreement = model(new mongoose.Schema({ status: String, history: [String] }));
    const created = await Agreement.create({ status: "draft", history: [] });

    const updated = await Agreement.findOneAndUpdate(
      { _id: created._id, status: "draft" },
      { $set: { status: "signed" }, $push: { history: "signed" } },
      { returnDocument: "after" },
    ).lean();

    expect(updated).toMatchObject({ status: "signed", history: ["signed"] });
  });

  it('finds documents whose embedded array is non-empty with { "_outbox.0": { $exists: true } }', async () => {
    const Entity = model(outboxSchema());
    await Entity.create([
      { name: "pending", _outbox: [{ id: "e1", topic: "t" }] },
      { name: "flushed", _outbox: [] },
    ]);
    await Entity.collection.insertOne({ name: "legacy" }); // no _outbox field at all

    const pending = await Entity.find({ "_outbox.0": { $exists: true } }).lean();

    expect(pending.map((doc) => doc.name)).toEqual(["pending"]);
  });

  it("removes an array element given in full (same fields, same order) with $pull or $pullAll", async () => {
    const Entity = model(outboxSchema());
    const created = await Entity.create({
      _outbox: [
        { id: "e1", topic: "t" },
        { id: "e2", topic: "t" },
        { id: "e3", topic: "t" },
      ],
    });

    const pulled = await Entity.updateOne(
      { _id: created._id },
      { $pull: { _outbox: { id: "e1", topic: "t" } } },
    );
    const pulledAll = await Entity.updateOne(
      { _id: created._id },
      { $pullAll: { _outbox: [{ id: "e3", topic: "t" }] } },
    );

    expect([pulled.modifiedCount, pulledAll.modifiedCount]).toEqual([1, 1]);
    expect((await Entity.findById(created._id).lean())?._outbox).toEqual([{ id: "e2", topic: "t" }]);
  });

  it("applies an event once: updateOne filtered on { _applied: { $ne: id } } with $push $each", async () => {
    const Projection = model(new mongoose.Schema({ count: Number, _applied: [String] }));
    const created = await Projection.create({ count: 0, _applied: ["old-1"] });
    const apply = (eventId: string) =>
      Projection.updateOne(
        { _id: created._id, _applied: { $ne: eventId } },
        { $inc: { count: 1 }, $push: { _applied: { $each: [eventId] } } },
      );

    const first = await apply("evt-1");
    const replay = await apply("evt-1");

    expect([first.matchedCount, first.modifiedCount]).toEqual([1, 1]);
    expect([replay.matchedCount, replay.modifiedCount]).toEqual([0, 0]);
    expect(await Projection.findById(created._id).lean()).toMatchObject({
      count: 1,
      _applied: ["old-1", "evt-1"],
    });
  });

  it('caps an array portably: $pop the oldest entry while { "_applied.N": { $exists: true } }', async () => {
    // Portable replacement for $push { $each, $slice: -N }, which FerretDB 1.24 ignores.
    const keep = 3;
    const Projection = model(new mongoose.Schema({ _applied: [String] }));
    const created = await Projection.create({ _applied: ["e1", "e2", "e3"] });

    await Projection.updateOne({ _id: created._id, _applied: { $ne: "e4" } }, { $push: { _applied: "e4" } });
    const trimmed = await Projection.updateOne(
      { _id: created._id, [`_applied.${keep}`]: { $exists: true } },
      { $pop: { _applied: -1 } },
    );
    const nothingToTrim = await Projection.updateOne(
      { _id: created._id, [`_applied.${keep}`]: { $exists: true } },
      { $pop: { _applied: -1 } },
    );

    expect([trimmed.modifiedCount, nothingToTrim.modifiedCount]).toEqual([1, 0]);
    expect((await Projection.findById(created._id).lean())?._applied).toEqual(["e2", "e3", "e4"]);
  });

  describe("aggregation", () => {
    const Exchange = model(
      new mongoose.Schema({ school: String, country: String, students: Number, tags: [String] }),
    );

    beforeAll(async () => {
      await Exchange.create([
        { school: "A", country: "CH", students: 10, tags: ["eng", "cs"] },
        { school: "B", country: "CH", students: 5, tags: ["eng"] },
        { school: "C", country: "DE", students: 7, tags: ["cs"] },
        { school: "D", country: "FR", students: 1, tags: [] },
        { school: "E", country: "DE", students: 3, tags: ["bio"] },
      ]);
    });

    it("filters, groups (one accumulator), sorts, limits and projects with $match/$group/$sort/$limit/$project", async () => {
      const rows = await Exchange.aggregate<{ _id: string; total: number }>([
        { $match: { students: { $gte: 2 } } },
        { $group: { _id: "$country", total: { $sum: "$students" } } },
        { $sort: { total: -1 } },
        { $limit: 2 },
        { $project: { _id: 1, total: 1 } },
      ]);

      expect(rows).toEqual([
        { _id: "CH", total: 15 },
        { _id: "DE", total: 10 },
      ]);
    });

    it("unwinds arrays, counts per value and counts documents with $unwind/$group/$sort/$count", async () => {
      const perTag = await Exchange.aggregate<{ _id: string; n: number }>([
        { $unwind: "$tags" },
        { $group: { _id: "$tags", n: { $sum: 1 } } },
        { $sort: { n: -1, _id: 1 } },
      ]);
      const counted = await Exchange.aggregate<{ withTags: number }>([
        { $match: { "tags.0": { $exists: true } } },
        { $count: "withTags" },
      ]);

      expect(perTag).toEqual([
        { _id: "cs", n: 2 },
        { _id: "eng", n: 2 },
        { _id: "bio", n: 1 },
      ]);
      expect(counted).toEqual([{ withTags: 4 }]);
    });

    it("counts matching documents with countDocuments", async () => {
      expect(await Exchange.countDocuments({ country: "CH" })).toBe(2);
      expect(await Exchange.countDocuments({ students: { $lt: 5 } })).toBe(2);
      expect(await Exchange.countDocuments()).toBe(5);
    });
  });
});

describe.runIf(ferretdbVersion)(
  `FerretDB ${ferretdbVersion ?? ""} limitations (MongoDB behaves differently)`,
  () => {
    it("$pull with a condition on element fields removes nothing, silently (MongoDB removes the matches)", async () => {
      const Entity = model(outboxSchema());
      const created = await Entity.create({
        _outbox: [
          { id: "e1", topic: "t" },
          { id: "e2", topic: "t" },
        ],
      });

      const byField = await Entity.updateOne({ _id: created._id }, { $pull: { _outbox: { id: "e1" } } });
      const byOperator = await Entity.updateOne(
        { _id: created._id },
        { $pull: { _outbox: { id: { $in: ["e1"] } } } },
      );

      expect([byField.matchedCount, byField.modifiedCount, byOperator.modifiedCount]).toEqual([1, 0, 0]);
      expect((await Entity.findById(created._id).lean())?._outbox).toHaveLength(2);
    });

    it("$push with $each ignores $slice (and $position), silently: the array is not capped", async () => {
      const Projection = model(new mongoose.Schema({ _applied: [String] }));
      const created = await Projection.create({ _applied: ["old-1", "old-2", "old-3"] });

      const result = await Projection.updateOne(
        { _id: created._id, _applied: { $ne: "evt-1" } },
        { $push: { _applied: { $each: ["evt-1"], $slice: -3 } } },
      );

      expect(result.modifiedCount).toBe(1);
      // MongoDB: ['old-2', 'old-3', 'evt-1']
      expect((await Projection.findById(created._id).lean())?._applied).toEqual([
        "old-1",
        "old-2",
        "old-3",
        "evt-1",
      ]);
    });

    it("$group computes only its first accumulator; the others come out as 0, silently", async () => {
      const Row = model(new mongoose.Schema({ country: String, students: Number }));
      await Row.create([
        { country: "CH", students: 10 },
        { country: "CH", students: 5 },
      ]);

      const rows = await Row.aggregate([
        { $group: { _id: "$country", total: { $sum: "$students" }, schools: { $sum: 1 } } },
      ]);

      expect(rows).toEqual([{ _id: "CH", total: 15, schools: 0 }]); // MongoDB: schools 2
    });

    it('$project/$addFields/$set take a "$field" path as a literal string, silently', async () => {
      const Row = model(new mongoose.Schema({ school: String }));
      await Row.create({ school: "A" });

      const projected = await Row.aggregate([{ $project: { _id: 0, name: "$school" } }]);
      const added = await Row.aggregate([
        { $addFields: { name: "$school" } },
        { $project: { _id: 0, name: 1 } },
      ]);

      expect(projected).toEqual([{ name: "$school" }]); // MongoDB: [{ name: 'A' }]
      expect(added).toEqual([{ name: "$school" }]);
    });

    it("rejects the $group accumulators $avg, $min, $max, $push, $addToSet, $first, $last as not implemented (238)", async () => {
      const Row = model(new mongoose.Schema({ country: String, students: Number }));
      await Row.create({ country: "CH", students: 1 });

      for (const accumulator of ["$avg", "$min", "$max", "$push", "$addToSet", "$first", "$last"]) {
        const pipeline = [{ $group: { _id: "$country", v: { [accumulator]: "$students" } } }];
        const error = await rejection(Row.collection.aggregate(pipeline).toArray());
        expect(error, accumulator).toMatchObject({ code: 238 });
        expect(error.message).toContain(`accumulator "${accumulator}" is not implemented yet`);
      }
    });

    it("rejects the aggregation stages $lookup and $facet as not implemented (238)", async () => {
      const Row = model(new mongoose.Schema({ country: String }));
      await Row.create({ country: "CH" });

      const lookup = await rejection(
        Row.aggregate([
          { $lookup: { from: Row.collection.name, localField: "country", foreignField: "country", as: "x" } },
        ]).exec(),
      );
      const facet = await rejection(Row.aggregate([{ $facet: { n: [{ $count: "n" }] } }]).exec());

      expect(lookup).toMatchObject({
        code: 238,
        message: expect.stringContaining('"$lookup" is not implemented yet'),
      });
      expect(facet).toMatchObject({
        code: 238,
        message: expect.stringContaining('"$facet" is not implemented yet'),
      });
    });

    it("$elemMatch on arrays of subdocuments finds nothing (operator form) or is rejected (field form)", async () => {
      const Entity = model(outboxSchema());
      await Entity.create({ name: "x", _outbox: [{ id: "e1", topic: "t" }] });

      const operatorForm = await Entity.find({ _outbox: { $elemMatch: { id: { $eq: "e1" } } } }).lean();
      const fieldForm = await rejection(
        Entity.find({ _outbox: { $elemMatch: { id: "e1", topic: "t" } } })
          .lean()
          .exec(),
      );
      const dotted = await Entity.find({ "_outbox.id": "e1" }).lean(); // works: use this instead

      expect(operatorForm).toEqual([]);
      expect(fieldForm).toMatchObject({ code: 2, message: expect.stringContaining("unknown operator") });
      expect(dotted).toHaveLength(1);
    });

    it("never applies an update through the positional $ operator, and rejects arrayFilters", async () => {
      const Entity = model(outboxSchema());
      const created = await Entity.create({ _outbox: [{ id: "e1", topic: "t" }] });

      // The backends differ: SQLite rejects the update; PostgreSQL answers that the filter matched
      // no document (it did match one), silently.
      const positional = await Entity.collection
        .updateOne({ _id: created._id, "_outbox.id": "e1" }, { $set: { "_outbox.$.topic": "u" } })
        .then(
          ({ matchedCount, modifiedCount }) => ({ matchedCount, modifiedCount }),
          (error: Error) => ({ rejected: error.message }),
        );
      const arrayFilters = await rejection(
        Entity.collection.updateOne(
          { _id: created._id },
          { $set: { "_outbox.$[o].topic": "u" } },
          { arrayFilters: [{ "o.id": "e1" }] },
        ),
      );

      if ("rejected" in positional) expect(positional.rejected).toMatch(/Cannot create field '\$'/);
      else expect(positional).toEqual({ matchedCount: 0, modifiedCount: 0 });
      expect(await Entity.findById(created._id).lean()).toMatchObject({
        _outbox: [{ id: "e1", topic: "t" }],
      });
      expect(arrayFilters).toMatchObject({ code: 238, message: expect.stringContaining("arrayFilters") });
    });

    it("rejects multi-document transactions", async () => {
      const Entity = model(outboxSchema());
      await Entity.createCollection();

      const error = await rejection(
        connection.transaction(async (session) => Entity.create([{ name: "tx" }], { session })),
      );

      expect(error.message).toMatch(/autocommit/);
      expect(await Entity.countDocuments()).toBe(0);
    });

    it("rejects TTL (expireAfterSeconds) and partial (partialFilterExpression) indexes as not implemented (238)", async () => {
      const Entity = model(outboxSchema());
      await Entity.createCollection();

      const ttl = await rejection(Entity.collection.createIndex({ at: 1 }, { expireAfterSeconds: 60 }));
      const partial = await rejection(
        Entity.collection.createIndex(
          { name: 1 },
          { unique: true, partialFilterExpression: { name: { $exists: true } } },
        ),
      );

      expect(ttl).toMatchObject({ code: 238, message: expect.stringContaining("expireAfterSeconds") });
      expect(partial).toMatchObject({
        code: 238,
        message: expect.stringContaining("partialFilterExpression"),
      });
    });
  },
);
