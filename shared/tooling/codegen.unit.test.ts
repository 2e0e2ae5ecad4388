import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "@graphql-codegen/cli";
import { describe, expect, it } from "vitest";
import { codegenConfig, repositoryRoot } from "./codegen.ts";

describe("the generated GraphQL types", () => {
  it("are what the schemas and operations produce today (else: npm run codegen, and commit)", async () => {
    const outputs = await generate({ ...codegenConfig(), cwd: repositoryRoot }, false);

    expect(outputs.map((output) => output.filename).sort()).toEqual([
      "services/campaigns/src/generated/resolvers-types.ts",
      "services/partnerships/src/generated/resolvers-types.ts",
      "services/research/src/generated/resolvers-types.ts",
      "services/students/src/generated/resolvers-types.ts",
      "shared/client/src/generated/operations.ts",
      "shared/client/src/generated/schema.ts",
    ]);
    for (const { filename, content } of outputs) {
      expect(readFileSync(join(repositoryRoot, filename), "utf8"), `${filename} is stale`).toBe(content);
    }
  }, 60_000);
});
