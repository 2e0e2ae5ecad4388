import { readFileSync } from "node:fs";
import { Supergraph } from "@apollo/federation-internals";
import { buildSchema, getIntrospectionQuery, Kind, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import type { QueryLimits } from "./queryLimits.ts";
import { supergraphPath } from "./subgraphCatalogue.ts";
import { benchQueries } from "../../shared/bench/src/queries.ts";
import { defaultQueryLimits, exceedsTokens, measureOperation, queryLimitsRule } from "./queryLimits.ts";

const schema = buildSchema(`
  type Query { partner: Partner }
  type Partner { name: String, partners: [Partner!]! }
`);

/** `{ partner { partners { … name } } }` with `depth` levels of fields in all. */
const nested = (depth: number) =>
  `{ partner { ${"partners { ".repeat(depth - 2)}name${" }".repeat(depth - 2)} } }`;

function limitErrors(query: string, limits: Partial<QueryLimits> = {}) {
  return validate(schema, parse(query), [queryLimitsRule({ ...defaultQueryLimits, ...limits })]).map(
    (error) => error.extensions,
  );
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

    expect(limitErrors(query, { maxDepth: 4 })).toEqual([
      { reason: "QUERY_TOO_DEEP", details: { depth: 5, maxDepth: 4 } },
    ]);
  });

  it("refuses a query selecting more fields than the limit, aliases included", () => {
    const aliases = Array.from({ length: 10 }, (_, i) => `a${i}: name`).join(" ");

    expect(limitErrors(`{ partner { ${aliases} } }`, { maxFields: 10 })).toEqual([
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
    const errors = limitErrors(query, { maxDepth: 100 });

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

const pagedSchema = buildSchema(`
  type Query {
    institutions(first: Int = 20): InstitutionConnection!
    countries: [Country!]!
    tags(first: Int): [String!]!
  }
  type InstitutionConnection { totalCount: Int!, nodes: [Institution!]!, pageInfo: PageInfo! }
  type PageInfo { hasNextPage: Boolean! }
  type Institution { id: ID!, name: String!, agreements: [Agreement!]!, collaborations(first: Int = 20): CollaborationConnection! }
  type Agreement { id: ID!, status: String! }
  type CollaborationConnection { totalCount: Int!, nodes: [Collaboration!]! }
  type Collaboration { id: ID!, title: String! }
  type Country { code: String! }
`);

function costOf(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
    ),
  );
  if (!operation) throw new Error("no operation");
  return measureOperation(pagedSchema, operation, (name) => fragments.get(name), {
    defaultListSize: 10,
    variables,
  }).cost;
}

describe("estimated query cost (each field once per item of the lists around it)", () => {
  it("counts a connection's fields once and its nodes' fields `first` times", () => {
    // institutions, totalCount, nodes: 3; id and name: 2 × 5
    expect(costOf(`{ institutions(first: 5) { totalCount nodes { id name } } }`)).toBe(3 + 2 * 5);
  });

  it("takes `first` from the variables, else from the operation's default, else from the schema", () => {
    const query = `query Page($n: Int = 7) { institutions(first: $n) { nodes { id } } }`;

    expect(costOf(query, { n: 100 })).toBe(2 + 100);
    expect(costOf(query)).toBe(2 + 7);
    expect(costOf(`{ institutions { nodes { id } } }`)).toBe(2 + 20);
  });

  it("sizes a list without `first` (nor a default) at the default list size", () => {
    expect(costOf(`{ countries { code } }`)).toBe(1 + 10);
    expect(costOf(`{ tags }`)).toBe(1);
  });

  it("multiplies nested lists", () => {
    const query = `{ institutions(first: 20) { nodes { agreements { id } collaborations(first: 5) { nodes { title } } } } }`;

    // institutions, nodes: 2; per institution (× 20): agreements 1 + 10 ids, collaborations 1 + nodes 1 + 5 titles
    expect(costOf(query)).toBe(2 + 20 * (1 + 10 + 1 + 1 + 5));
  });

  it("costs a fragment where it is spread, by the lists around the spread", () => {
    const query = `
      { institutions(first: 4) { ...Page } countries { ...Country } }
      fragment Page on InstitutionConnection { nodes { id } }
      fragment Country on Country { code }
    `;

    expect(costOf(query)).toBe(1 + (1 + 4) + (1 + 10));
  });

  it("does not count introspection, which never reaches a subgraph", () => {
    expect(costOf(`{ __schema { types { name fields { name } } } }`)).toBe(1);
  });
});

describe("token count", () => {
  it("is exceeded only past the limit", () => {
    expect(exceedsTokens("{ a b c }", 5)).toBe(false); // { a b c }
    expect(exceedsTokens("{ a b c d }", 5)).toBe(true);
  });
});

describe("the default limits against the checked-in supergraph", () => {
  const apiSchema = Supergraph.build(readFileSync(supergraphPath, "utf8")).apiSchema().toGraphQLJSSchema();
  const guide = readFileSync(new URL("../../docs/analyst-guide.md", import.meta.url), "utf8");
  const documented = [
    ...benchQueries("2025-2026", 2024).map(
      ({ key, query, variables }) => [`bench ${key}`, query, variables] as const,
    ),
    ...[...guide.matchAll(/```graphql\n([\s\S]*?)```/g)].map(
      (match, index) => [`analyst guide #${index + 1}`, match[1] ?? "", {}] as const,
    ),
  ];

  it.each(documented)("let %s through (cost, tokens, depth, size)", (_name, query, variables) => {
    const document = parse(query);
    const fragments = new Map(
      document.definitions.flatMap((definition) =>
        definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
      ),
    );

    for (const operation of document.definitions) {
      if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
      const measure = measureOperation(apiSchema, operation, (name) => fragments.get(name), {
        defaultListSize: defaultQueryLimits.defaultListSize,
        variables: variables ?? {},
      });
      expect(measure.cost).toBeLessThanOrEqual(defaultQueryLimits.maxCost);
      expect(measure.depth).toBeLessThanOrEqual(defaultQueryLimits.maxDepth);
      expect(measure.fields).toBeLessThanOrEqual(defaultQueryLimits.maxFields);
    }
    expect(exceedsTokens(query, defaultQueryLimits.maxTokens)).toBe(false);
  });

  it("costs the bench's 20 institutions across three subgraphs as documented in the README (1163)", () => {
    const [, institutions] = benchQueries("2025-2026", 2024);
    const document = parse(institutions?.query ?? "");
    const operation = document.definitions.find(
      (definition) => definition.kind === Kind.OPERATION_DEFINITION,
    );
    if (!operation) throw new Error("no operation");

    expect(measureOperation(apiSchema, operation, () => undefined, { defaultListSize: 10 }).cost).toBe(1163);
  });
});
