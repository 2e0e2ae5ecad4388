import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSubgraphSdls } from "../subgraphCatalogue.ts";
import { runSubgraphCommand } from "./subgraphCommand.ts";
import type { SubgraphCommandName } from "./subgraphCommand.ts";

const ours = readSubgraphSdls().found;
const link = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@override", "@shareable"])`;

/** A register of its own (empty) and a command run against it. */
function workspace() {
  const directory = mkdtempSync(join(tmpdir(), "subgraph-command-"));
  const register = join(directory, "register.json");
  writeFileSync(register, JSON.stringify({ subgraphs: [] }));
  const run = (command: SubgraphCommandName, name: string, sdl: string, more: string[] = []) => {
    const schema = join(directory, `${name}.candidate.graphql`);
    writeFileSync(schema, `${link}\n${sdl}`);
    return runSubgraphCommand(
      command,
      ["--name", name, "--schema", schema, "--register", register, ...more],
      {
        env: {},
        ours,
      },
    );
  };
  return { register, run };
}

const publishing = ["--url", "http://127.0.0.1:4999/graphql", "--owner", "Integrator <it@imt-good.test>"];
const good = `type Query { imtGoodNews: [ImtGoodNews!] }
type ImtGoodNews { title: String! partner: Institution }
type Institution @key(fields: "schacCode") { schacCode: String! imtGoodNews: [ImtGoodNews!] }`;

// Each check composes our whole graph with the candidate (seconds on 2 busy cores).
const composing = { timeout: 60_000 };

describe(
  "npm run subgraph:check refuses a school's subgraph that breaks a rule, saying which",
  composing,
  () => {
    it.each([
      {
        rule: "its name is imt-<school>",
        name: "atlantique",
        sdl: `type Query { atlantiqueNews: String }`,
        message: 'The subgraph name "atlantique" must be imt-<school>',
      },
      {
        rule: "its own types carry its prefix",
        name: "imt-good",
        sdl: `type Query { imtGoodNews: [News!] } type News { title: String! }`,
        message: "The type News must carry the school's prefix: ImtGoodNews.",
      },
      {
        rule: "it adds fields to our entities, never redefines ours",
        name: "imt-good",
        sdl: `type Query { imtGoodNews: String } type Institution @key(fields: "id") { id: ID! name: String @shareable }`,
        message:
          "Institution.name is owned by our services: a school may add fields to Institution, not redefine ours.",
      },
      {
        rule: "it never takes a field over with @override",
        name: "imt-good",
        sdl: `type Query { imtGoodNews: String } type Institution @key(fields: "id") { id: ID! website: String @override(from: "partnerships") }`,
        message:
          "Institution.website uses @override: a school may not take fields over from another subgraph.",
      },
      {
        rule: "its root fields do not collide with ours",
        name: "imt-good",
        sdl: `type Query { institutions: [String] }`,
        message:
          "Query.institutions is already a root field of our graph: name yours with your prefix (e.g. imtGoodInstitutions).",
      },
      {
        rule: "it extends only our entities, not our other types",
        name: "imt-good",
        sdl: `type Query { imtGoodZones: [Zone!] } enum Zone { EUROPE }`,
        message: "Zone is one of our types and not an entity",
      },
      {
        rule: "the fields it adds to our entities are nullable",
        name: "imt-good",
        sdl: `type Query { imtGoodNews: String } type Institution @key(fields: "schacCode") { schacCode: String! imtGoodScore: Int! }`,
        message: "Institution.imtGoodScore must be nullable",
      },
    ])("rule: $rule", async ({ name, sdl, message }) => {
      const result = await workspace().run("check", name, sdl);
      expect(result.stdout).toContain(message);
      expect(result.stdout).toMatch(/Result: refused, \d+ problem\(s\)\./);
      expect(result.exitCode).toBe(1);
    });

    it("reports a composition error in the composer's words", async () => {
      const result = await workspace().run("check", "imt-good", `type Query { imtGoodNews: ImtGoodMissing }`);
      expect(result.stdout).toContain("Unknown type ImtGoodMissing");
      expect(result.exitCode).toBe(1);
    });

    it("accepts a subgraph that follows the rules", async () => {
      const result = await workspace().run("check", "imt-good", good);
      expect(result.stdout).toContain("Result: accepted.");
      expect(result.exitCode).toBe(0);
    });
  },
);

describe("breaking changes", composing, () => {
  it("refuses a new version that removes a field clients may use, until accepted explicitly", async () => {
    const { register, run } = workspace();
    expect((await run("publish", "imt-good", good, publishing)).exitCode).toBe(0);

    const narrower = good.replace(
      "type ImtGoodNews { title: String! partner: Institution }",
      "type ImtGoodNews { title: String! }",
    );
    const refused = await run("publish", "imt-good", narrower, publishing);
    expect(refused.stdout).toContain(
      "Breaking changes for existing clients: 1\n  - ImtGoodNews.partner was removed.",
    );
    expect(refused.exitCode).toBe(1);
    expect(readFileSync(join(register, "..", "imt-good.graphql"), "utf8")).toContain("partner: Institution");

    const accepted = await run("publish", "imt-good", narrower, [...publishing, "--accept-breaking-changes"]);
    expect(accepted.exitCode).toBe(0);
    expect(readFileSync(join(register, "..", "imt-good.graphql"), "utf8")).not.toContain(
      "partner: Institution",
    );
  });

  it("records name, URL, owner, timeout and schema file in the register on publish", async () => {
    const { register, run } = workspace();
    await run("publish", "imt-good", good, [...publishing, "--timeout-ms", "1500"]);
    expect(JSON.parse(readFileSync(register, "utf8"))).toMatchObject({
      subgraphs: [
        {
          name: "imt-good",
          url: "http://127.0.0.1:4999/graphql",
          schema: "imt-good.graphql",
          owner: "Integrator <it@imt-good.test>",
          timeoutMs: 1500,
        },
      ],
    });
  });
});

describe("usage", composing, () => {
  it("says what is missing", async () => {
    const noSchema = await runSubgraphCommand("check", ["--name", "imt-good"], { env: {}, ours });
    expect(noSchema.stderr).toContain("Give the schema: --schema <file> or --url <url>.");
    const noOwner = await runSubgraphCommand(
      "publish",
      ["--name", "imt-good", "--url", "http://127.0.0.1:1/"],
      {
        env: {},
        ours,
      },
    );
    expect(noOwner.stderr).toContain('publish needs --owner "<name> <email>".');
    expect(noOwner.exitCode).toBe(1);
  });

  it("says when the running subgraph cannot give its schema", async () => {
    const result = await runSubgraphCommand(
      "check",
      ["--name", "imt-good", "--url", "http://127.0.0.1:9/graphql"],
      {
        env: {},
        ours,
      },
    );
    expect(result.stderr).toContain("Cannot read the schema from http://127.0.0.1:9/graphql");
    expect(result.exitCode).toBe(1);
  });
});
