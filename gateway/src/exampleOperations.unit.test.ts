import { readFileSync } from "node:fs";
import { Kind, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { dashboardOperations } from "./dashboard/operations.ts";
import { academicYearOn, graphiqlExamples } from "./graphiqlExamples.ts";
import { apiSchemaOf } from "./register/subgraphCheck.ts";
import { defaultQueryLimits, exceedsTokens, measureOperation } from "./queryLimits.ts";
import { supergraphPath } from "./subgraphCatalogue.ts";

const apiSchema = apiSchemaOf(readFileSync(supergraphPath, "utf8"));

/** Validation errors, then whatever the gateway's default limits would refuse. */
function problemsOf(query: string, variables: Record<string, unknown> = {}): string[] {
  const document = parse(query);
  const problems = validate(apiSchema, document).map((error) => error.message);
  for (const operation of document.definitions) {
    if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
    const measure = measureOperation(apiSchema, operation, () => undefined, {
      defaultListSize: defaultQueryLimits.defaultListSize,
      variables,
    });
    if (measure.cost > defaultQueryLimits.maxCost) problems.push(`cost ${measure.cost}`);
    if (measure.depth > defaultQueryLimits.maxDepth) problems.push(`depth ${measure.depth}`);
    if (measure.fields > defaultQueryLimits.maxFields) problems.push(`fields ${measure.fields}`);
  }
  if (exceedsTokens(query, defaultQueryLimits.maxTokens)) problems.push("too many tokens");
  return problems;
}

describe("GraphiQL's example operations", () => {
  const examples = graphiqlExamples(new Date("2026-11-01T12:00:00Z"));

  it("cover the strategy dashboard, a partner's nominees, an analyst's aggregates and an institution across the four services", () => {
    expect(examples.map((example) => example.name)).toEqual([
      "StrategyDashboard",
      "PartnerNominees",
      "AnalystAggregates",
      "InstitutionAcrossServices",
    ]);
  });

  it.each(examples.map((example) => [example.name, example] as const))(
    "%s validates against the supergraph and passes the gateway's limits",
    (_name, example) => {
      expect(problemsOf(example.query, example.variables)).toEqual([]);
    },
  );

  it.each(examples.map((example) => [example.name, example] as const))(
    "%s says which token to use and how to get one",
    (_name, example) => {
      expect(example.query).toMatch(/npm run token -- --role [A-Z_]+/);
    },
  );

  it("default their variables to the current academic year and its graduating cohort", () => {
    const [dashboard, nominees] = examples;

    expect(dashboard?.variables).toEqual({ cohort: 2027 });
    expect(nominees?.variables).toEqual({ academicYear: "2026-2027" });
  });
});

describe("the academic year", () => {
  it.each([
    ["2026-08-31T23:00:00Z", "2025-2026"],
    ["2026-09-01T00:00:00Z", "2026-2027"],
    ["2027-01-15T00:00:00Z", "2026-2027"],
  ])("of %s is %s", (date, year) => {
    expect(academicYearOn(new Date(date))).toBe(year);
  });
});

describe("the strategy dashboard's operations", () => {
  it.each(Object.entries(dashboardOperations))(
    "%s validates against the supergraph and passes the gateway's limits",
    (_panel, query) => {
      expect(problemsOf(query, { cohort: 2027, academicYear: "2026-2027" })).toEqual([]);
    },
  );
});
