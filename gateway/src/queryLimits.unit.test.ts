import { buildSchema, getIntrospectionQuery, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { queryLimitsRule } from "./queryLimits.ts";

const schema = buildSchema(`
  type Query { partner: Partner }
  type Partner { name: String, partners: [Partner!]! }
`);

/** `{ partner { partners { … name } } }` with `depth` levels of fields in all. */
const nested = (depth: number) =>
  `{ partner { ${"partners { ".repeat(depth - 2)}name${" }".repeat(depth - 2)} } }`;

function limitErrors(query: string, limits = { maxDepth: 12, maxFields: 500 }) {
  return validate(schema, parse(query), [queryLimitsRule(limits)]).map((error) => error.extensions);
}

describe("query limits", () => {
  it("accepts a query exactly at the depth limit", () => {
    expect(limitErrors(nested(12))).toEqual([]);
  });

  it("refuses a query one level deeper than the limit, saying how deep it is", () => {
    expect(limitErrors(nested(13))).toEqual([
      { reason: "QUERY_TOO_DEEP", details: { depth: 13, maxDepth: 12 } },
    ]);
  });

  it("counts the depth that fragments add where they are spread", () => {
    const query = `
      query Deep { partner { partners { ...Two } } }
      fragment Two on Partner { partners { partners { name } } }
    `;

    expect(limitErrors(query, { maxDepth: 4, maxFields: 500 })).toEqual([
      { reason: "QUERY_TOO_DEEP", details: { depth: 5, maxDepth: 4 } },
    ]);
  });

  it("refuses a query selecting more fields than the limit, aliases included", () => {
    const aliases = Array.from({ length: 10 }, (_, i) => `a${i}: name`).join(" ");

    expect(limitErrors(`{ partner { ${aliases} } }`, { maxDepth: 12, maxFields: 10 })).toEqual([
      { reason: "QUERY_TOO_LARGE", details: { fields: 11, maxFields: 10 } },
    ]);
  });

  it("measures nested fragment spreads in linear time (a fragment bomb is refused, not expanded)", () => {
    const levels = 40;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Partner { a: partners { ...F${i + 1} } b: partners { ...F${i + 1} } }`,
    ).join("\n");
    const query = `{ partner { ...F0 } } ${fragments} fragment F${levels} on Partner { name }`;

    const started = performance.now();
    const errors = limitErrors(query, { maxDepth: 100, maxFields: 500 });

    expect(performance.now() - started).toBeLessThan(1000);
    expect(errors.map((extensions) => extensions["reason"])).toEqual(["QUERY_TOO_LARGE"]);
  });

  it("lets GraphiQL's full introspection query through (its 15 levels never reach a subgraph)", () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });

    expect(limitErrors(query)).toEqual([]);
  });
});
