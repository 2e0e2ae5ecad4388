import { describe, expect, it } from "vitest";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph";
import { resolvers, topics, typeDefs } from "./subgraph.ts";

// Duck-typed: under vitest, @apollo/subgraph and this file load different copies of graphql-js.
function fieldsOf(schema: ReturnType<typeof buildSubgraphSchema>, typeName: string): string[] | undefined {
  const type = schema.getType(typeName) as { getFields?: () => Record<string, unknown> } | undefined;
  return type?.getFields ? Object.keys(type.getFields()) : undefined;
}

describe("the research subgraph", () => {
  const schema = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }]);

  it("resolves only types and fields its SDL declares", () => {
    for (const [typeName, fields] of Object.entries(resolvers)) {
      const declared = fieldsOf(schema, typeName);
      expect(declared, typeName).toBeDefined();
      for (const field of Object.keys(fields as object)) {
        if (field !== "__resolveReference") expect(declared, `${typeName}.${field}`).toContain(field);
      }
    }
  });

  it("has a resolver for every query and mutation", () => {
    for (const root of ["Query", "Mutation"] as const) {
      const declared = (fieldsOf(schema, root) ?? []).filter((field) => !field.startsWith("_"));
      expect(declared.sort()).toEqual(Object.keys(resolvers[root] as object).sort());
    }
  });

  it("names every topic it uses, its dead-letter topic included", () => {
    expect([...topics].sort()).toEqual(
      [
        "dlq.research.read-models",
        "partnerships.institution",
        "research.collaboration",
        "research.erasure",
        "research.faculty-mobility",
        "research.phd",
        "students.application",
        "students.erasure",
      ].sort(),
    );
  });
});
