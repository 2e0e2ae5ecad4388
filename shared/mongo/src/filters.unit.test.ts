import { describe, expect, it } from "vitest";
import { allOf, matchesNothing, oneOf } from "./filters.ts";

describe("allOf", () => {
  it("merges conditions on different fields into one object the store can push down", () => {
    expect(allOf({ status: "ACTIVE" }, { institutionId: "i1" }, {})).toEqual({
      status: "ACTIVE",
      institutionId: "i1",
    });
  });

  it("flattens nested $and conditions", () => {
    expect(allOf({ $and: [{ a: 1 }, { b: 2 }] }, { c: 3 })).toEqual({ a: 1, b: 2, c: 3 });
  });

  it("keeps both conditions when two name the same field", () => {
    expect(allOf({ _id: "x" }, { _id: { $gt: "a" } }, { status: "A" })).toEqual({
      _id: "x",
      status: "A",
      $and: [{ _id: { $gt: "a" } }],
    });
  });
});

describe("oneOf", () => {
  it("is a plain equality for one value, $in for several", () => {
    expect(oneOf(["FR"])).toBe("FR");
    expect(oneOf(["FR", "CL"])).toEqual({ $in: ["FR", "CL"] });
  });
});

describe("matchesNothing", () => {
  it("is true only when a top-level condition is an empty $in", () => {
    expect(matchesNothing({ cohort: 2027, institutionId: { $in: [] } })).toBe(true);
    expect(matchesNothing({ institutionId: { $in: ["i1"] } })).toBe(false);
    expect(matchesNothing({ institutionId: null, cohort: 2027 })).toBe(false);
    expect(matchesNothing({})).toBe(false);
  });
});
