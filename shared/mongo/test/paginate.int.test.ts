import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Schema } from "mongoose";
import type { Connection, HydratedDocument } from "mongoose";
import { uniqueName } from "@intl/testing";
import { connectMongo, paginate } from "../src/index.ts";
import type { PageConnection, SortOrder } from "../src/index.ts";

interface Partner {
  _id: string;
  name: string;
  countryCode: string;
  /** Deliberately repeated (ties) and sometimes missing. */
  seats?: number | null;
  signedAt: Date;
}

let connection: Connection;
const partnerSchema = new Schema<Partner>({
  _id: String,
  name: String,
  countryCode: String,
  seats: Number,
  signedAt: Date,
});

const FRENCH = 45;

beforeAll(async () => {
  connection = await connectMongo(inject("mongoUri"), uniqueName("db"));
  const Partners = connection.model<Partner>("Partner", partnerSchema);
  const partners: Partner[] = [];
  for (let i = 0; i < FRENCH; i++) {
    partners.push({
      _id: `fr-${String(i).padStart(2, "0")}`,
      name: `Partner ${(i * 7) % FRENCH}`,
      countryCode: "FR",
      // 0..4 repeated, every 9th missing: ties and missing values across page boundaries.
      ...(i % 9 === 4 ? {} : { seats: i % 5 }),
      signedAt: new Date(Date.UTC(2020, 0, 1 + ((i * 11) % 30))),
    });
  }
  for (let i = 0; i < 15; i++) {
    partners.push({
      _id: `br-${i}`,
      name: `Parceiro ${i}`,
      countryCode: "BR",
      seats: i % 5,
      signedAt: new Date(),
    });
  }
  // Shuffled insertion order, so natural order cannot pass for sorted order.
  partners.sort((a, b) => (a._id.split("").reverse().join("") < b._id.split("").reverse().join("") ? -1 : 1));
  await Partners.insertMany(partners);
});

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

async function walk(sort: SortOrder) {
  const Partners = connection.model<Partner>("Partner");
  const pages: { size: number; hasNextPage: boolean; totalCount: number }[] = [];
  const ids: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 10; guard++) {
    const page: PageConnection<HydratedDocument<Partner>> = await paginate(Partners, {
      filter: { countryCode: "FR" },
      sort,
      first: 20,
      after,
    });
    pages.push({
      size: page.nodes.length,
      hasNextPage: page.pageInfo.hasNextPage,
      totalCount: page.totalCount,
    });
    ids.push(...page.nodes.map((node) => node.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { pages, ids };
}

/** The same order computed in memory: missing first ascending, `_id` as tie-break. */
async function expectedOrder(field: keyof Partner, direction: 1 | -1) {
  const Partners = connection.model<Partner>("Partner");
  const all = await Partners.find({ countryCode: "FR" }).lean();
  const rank = (value: unknown) =>
    value === undefined || value === null
      ? Number.NEGATIVE_INFINITY
      : value instanceof Date
        ? value.getTime()
        : value;
  return all
    .sort((a, b) => {
      const [x, y] = [rank(a[field]), rank(b[field])] as [number | string, number | string];
      if (x !== y) return (x < y ? -1 : 1) * direction;
      return (a._id < b._id ? -1 : 1) * direction;
    })
    .map((partner) => partner._id);
}

describe("paginate on the real store", () => {
  it.each([
    ["seats ascending (ties and missing values)", { field: "seats", direction: 1 }],
    ["seats descending (ties and missing values)", { field: "seats", direction: -1 }],
    ["name ascending", { field: "name", direction: 1 }],
    ["signing date descending", { field: "signedAt", direction: -1 }],
    ["id descending", { field: "_id", direction: -1 }],
  ] as const)(
    "walks 45 filtered documents by %s in pages of 20, 20, 5 without duplicates or gaps",
    async (_label, sort) => {
      const { pages, ids } = await walk(sort);
      expect(pages).toEqual([
        { size: 20, hasNextPage: true, totalCount: FRENCH },
        { size: 20, hasNextPage: true, totalCount: FRENCH },
        { size: 5, hasNextPage: false, totalCount: FRENCH },
      ]);
      expect(new Set(ids).size).toBe(FRENCH);
      expect(ids.every((id) => id.startsWith("fr-"))).toBe(true);
      expect(ids).toEqual(await expectedOrder(sort.field, sort.direction));
    },
  );

  it("answers an empty page with no cursor and the right total for a filter matching nothing", async () => {
    const page = await paginate(connection.model<Partner>("Partner"), { filter: { countryCode: "JP" } });
    expect(page).toEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
  });

  it("returns 20 nodes by default, as hydrated documents with an id", async () => {
    const page = await paginate(connection.model<Partner>("Partner"), { filter: { countryCode: "FR" } });
    expect(page.nodes).toHaveLength(20);
    expect(page.nodes[0]?.id).toBe("fr-00");
  });

  it("refuses a cursor from another ordering instead of skipping nodes", async () => {
    const Partners = connection.model<Partner>("Partner");
    const byName = await paginate(Partners, { sort: { field: "name", direction: 1 }, first: 2 });
    await expect(
      paginate(Partners, {
        sort: { field: "seats", direction: 1 },
        first: 2,
        after: byName.pageInfo.endCursor,
      }),
    ).rejects.toMatchObject({ kind: "BAD_USER_INPUT", field: "after" });
  });
});
