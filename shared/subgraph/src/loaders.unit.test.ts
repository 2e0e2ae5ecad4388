import { describe, expect, it } from "vitest";
import { createByIdLoader } from "./loaders.ts";

interface Partner {
  id: string;
  name: string;
}

const partners: Partner[] = [
  { id: "p1", name: "Polytechnique Montréal" },
  { id: "p2", name: "Universidad de Chile" },
  { id: "p3", name: "UM6P" },
];

describe("the by-id loader", () => {
  it("fetches every id loaded in one tick in a single call", async () => {
    const calls: (readonly string[])[] = [];
    const loader = createByIdLoader<Partner>(async (ids) => {
      calls.push(ids);
      return partners.filter((p) => ids.includes(p.id));
    });
    await Promise.all([loader.load("p1"), loader.load("p2"), loader.load("p1")]);
    expect(calls).toEqual([["p1", "p2"]]);
  });

  it("answers in key order whatever order the store returns, null for unknown ids", async () => {
    const loader = createByIdLoader<Partner>(async (ids) =>
      [...partners].reverse().filter((p) => ids.includes(p.id)),
    );
    const names = (await loader.loadMany(["p2", "missing", "p1", "p3"])).map(
      (p) => (p as Partner | null)?.name ?? null,
    );
    expect(names).toEqual(["Universidad de Chile", null, "Polytechnique Montréal", "UM6P"]);
  });

  it("caches within its lifetime: a second load of an id does not fetch again", async () => {
    let fetches = 0;
    const loader = createByIdLoader<Partner>(async (ids) => {
      fetches += 1;
      return partners.filter((p) => ids.includes(p.id));
    });
    await loader.load("p3");
    await loader.load("p3");
    expect(fetches).toBe(1);
  });
});
