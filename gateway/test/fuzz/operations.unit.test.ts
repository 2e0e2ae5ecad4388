import { readFileSync } from "node:fs";
import { getVariableValues, parse, validate } from "graphql";
import type { OperationDefinitionNode } from "graphql";
import { seededRandom } from "@intl/subgraph";
import { describe, expect, it } from "vitest";
import { apiSchemaOf } from "../../src/register/subgraphCheck.ts";
import { supergraphPath } from "../../src/subgraphCatalogue.ts";
import { aliasedOperation, generateOperation } from "./operations.ts";

const schema = apiSchemaOf(readFileSync(supergraphPath, "utf8"));
const options = { ids: ["65f0c0ffee0000000000beef"], maxDepth: 4 };
// Validating hundreds of operations against the whole schema takes seconds on a loaded machine.

/** The validation and variable coercion errors of one operation against the API schema. */
function refusals(document: string, variables: Record<string, unknown>): string[] {
  let parsed;
  try {
    parsed = parse(document);
  } catch (error) {
    return [(error as Error).message];
  }
  const validation = validate(schema, parsed).map((error) => error.message);
  const operation = parsed.definitions[0] as OperationDefinitionNode;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  return [...validation, ...(coerced.errors ?? []).map((error) => error.message)];
}

describe("operations generated from the schema", () => {
  it("are valid operations with values of the right types when no value is hostile", () => {
    const random = seededRandom(7);
    for (let i = 0; i < 200; i++) {
      const { document, variables } = generateOperation(schema, random, { ...options, hostileShare: 0 });
      expect({ document, refusals: refusals(document, variables) }).toEqual({ document, refusals: [] });
    }
  }, 30_000);

  it("are refused for their values, not their shape, when values are hostile", () => {
    const random = seededRandom(11);
    const refused = Array.from({ length: 100 }, () =>
      generateOperation(schema, random, { ...options, hostileShare: 1 }),
    ).filter(({ document, variables }) => refusals(document, variables).length > 0);
    expect(refused.length).toBeGreaterThan(50);
  }, 30_000);

  it("are the same for the same seed", () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 20 }, () =>
        generateOperation(schema, random, { ...options, hostileShare: 0.3 }),
      );
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
  });

  it("go as deep as asked when preferring objects", () => {
    const { document } = generateOperation(schema, seededRandom(5), {
      ...options,
      hostileShare: 0,
      maxDepth: 20,
      preferObjects: true,
      operation: "query",
    });
    expect(document.split("{").length - 1).toBeGreaterThan(12);
  });

  it("alias one field as many times as asked, validly", () => {
    const document = aliasedOperation(schema, seededRandom(1), 1000);
    expect(document.match(/\ba\d+:/g)).toHaveLength(1000);
    expect(validate(schema, parse(document))).toEqual([]);
  });
});
