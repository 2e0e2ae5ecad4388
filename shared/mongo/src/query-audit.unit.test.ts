import { Schema } from "mongoose";
import { describe, expect, it } from "vitest";
import { declaredIndexes, shapeOf, unsupportedReason } from "./query-audit.ts";

const agreementSchema = new Schema({
  _id: String,
  institutionId: String,
  status: String,
  startDate: String,
  countryCode: String,
  partnerIds: [String],
  partnership: new Schema({ tier: String }, { _id: false }),
});
agreementSchema.index({ institutionId: 1, startDate: 1 });
agreementSchema.index({ status: 1 });
const indexes = declaredIndexes(agreementSchema);

function reasonFor(
  filter: Record<string, unknown>,
  sort?: Record<string, 1 | -1>,
  store?: "mongodb" | "ferretdb",
) {
  return unsupportedReason(
    shapeOf({ model: "Agreement", schema: agreementSchema }, "find", filter, sort),
    indexes,
    store,
  );
}

describe("the query audit's index check", () => {
  it("accepts an equality on the first field of a declared index, with the sort the index serves next", () => {
    expect(reasonFor({ institutionId: "i1" }, { startDate: 1 })).toBeNull();
    expect(reasonFor({ institutionId: "i1", countryCode: "FR" })).toBeNull();
  });

  it("accepts a lookup by _id and a whole-collection read in an indexed order", () => {
    expect(reasonFor({ _id: "a1", status: { $ne: "X" } })).toBeNull();
    expect(reasonFor({}, { institutionId: 1 })).toBeNull();
  });

  it("fails an equality on a field no index starts with", () => {
    expect(reasonFor({ countryCode: "FR" })).toMatch(/equality on \[countryCode\] has no index/);
    expect(reasonFor({ startDate: "2024-01-01" })).toMatch(/no top-level equality on an indexed field/);
  });

  it("fails a sort no index serves after the equality", () => {
    expect(reasonFor({ status: "ACTIVE" }, { startDate: -1 })).toMatch(
      /no index serves the sort on startDate/,
    );
    expect(reasonFor({}, { countryCode: 1 })).toMatch(/sort on countryCode/);
  });

  it("fails shapes FerretDB does not push down: $or, nested paths, array fields, null, ranges", () => {
    expect(reasonFor({ $or: [{ _id: "a" }, { _id: "b" }] })).toMatch(/not pushed down: \$or/);
    expect(reasonFor({ "partnership.tier": "A" })).toMatch(/partnership.tier \(nested path\)/);
    expect(reasonFor({ partnerIds: { $all: ["p1"] } })).toMatch(/partnerIds \(array field\)/);
    expect(reasonFor({ institutionId: null })).toMatch(/institutionId \(null value\)/);
    expect(reasonFor({ institutionId: { $gt: "a" } })).toMatch(/institutionId \(\$gt\)/);
  });

  it("accepts an equality on an indexed array of values (pushed down as containment), not on one unindexed", () => {
    const withPartners = new Schema({ _id: String, partnerIds: [String], at: Date });
    withPartners.index({ partnerIds: 1, at: -1 });
    const shape = shapeOf(
      { model: "Agreement", schema: withPartners },
      "find",
      { partnerIds: "p1" },
      { at: -1 },
    );
    expect(unsupportedReason(shape, declaredIndexes(withPartners))).toBeNull();
    expect(reasonFor({ partnerIds: "p1" })).toMatch(/equality on \[partnerIds\] has no index/);
  });

  it("fails an $in batch on FerretDB and accepts it on MongoDB", () => {
    expect(reasonFor({ _id: { $in: ["a", "b"] } }, undefined, "ferretdb")).toMatch(
      /full scan on FerretDB: batch with findWhereIn/,
    );
    expect(reasonFor({ _id: { $in: ["a", "b"] } }, undefined, "mongodb")).toBeNull();
  });

  it("judges a later page by its filter, as the first page, whatever the cursor's position condition", () => {
    const afterCursor = { $or: [{ startDate: { $gt: "2024" } }, { startDate: "2024", _id: { $gt: "a" } }] };
    const afterInstitution = {
      $or: [{ institutionId: { $gt: "i1" } }, { institutionId: "i1", _id: { $gt: "a" } }],
    };
    expect(reasonFor(afterInstitution, { institutionId: 1, _id: 1 })).toBeNull();
    expect(reasonFor({ institutionId: "i1", ...afterCursor }, { startDate: 1, _id: 1 })).toBeNull();
    expect(reasonFor({ _id: { $gt: "a" } }, { _id: 1 })).toBeNull();
    expect(reasonFor({ countryCode: "FR", ...afterCursor }, { startDate: 1, _id: 1 })).toMatch(
      /equality on \[countryCode\] has no index/,
    );
    // An $or on other fields is a filter, not a position.
    expect(reasonFor({ $or: [{ status: "A" }, { startDate: "2024" }] }, { startDate: 1, _id: 1 })).toMatch(
      /not pushed down: \$or/,
    );
  });
});
