import { existsSync, readFileSync } from "node:fs";
import { parse, print } from "graphql";
import { describe, expect, it } from "vitest";
import { composeCommand, readSubgraphSdls, supergraphPath } from "./subgraphCatalogue.ts";
import { composeSupergraph } from "./supergraph.ts";

// Compared as printed ASTs: a formatter may re-indent the checked-in file, but any
// change of meaning shows.
const normalised = (sdl: string) => print(parse(sdl));

describe("the checked-in supergraph", () => {
  const { found } = readSubgraphSdls();
  const composition = composeSupergraph(found);

  it("composes from the current service schemas", () => {
    expect(
      found.map((subgraph) => subgraph.name),
      "no service has a src/schema.graphql yet",
    ).not.toEqual([]);
    expect(
      composition.ok ? [] : composition.errors,
      `composition failed; fix the schemas then run ${composeCommand}`,
    ).toEqual([]);
  });

  it("equals a fresh composition of the service schemas", () => {
    if (!composition.ok) throw new Error("composition failed: see the test above");
    const stale = `gateway/supergraph.graphql is stale or missing: run \`${composeCommand}\` and commit the result`;

    expect(existsSync(supergraphPath), stale).toBe(true);
    expect(normalised(readFileSync(supergraphPath, "utf8")), stale).toBe(
      normalised(composition.supergraphSdl),
    );
  });
});

describe("composition", () => {
  const owner = {
    name: "owner",
    url: "http://127.0.0.1:1/graphql",
    sdl: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { thing: Thing }
      type Thing @key(fields: "id") { id: ID! name: String }`,
  };

  it("reports clashing definitions as readable errors instead of throwing", () => {
    const clashing = {
      name: "clashing",
      url: "http://127.0.0.1:2/graphql",
      sdl: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
        type Thing @key(fields: "id") { id: ID! name: Int }`,
    };

    const result = composeSupergraph([owner, clashing]);

    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.errors.join("\n")).toMatch(/Thing\.name/);
  });

  it("names the subgraph whose SDL does not parse", () => {
    const result = composeSupergraph([
      owner,
      { name: "broken", url: "http://127.0.0.1:3/graphql", sdl: "type {" },
    ]);

    expect(result.ok ? [] : result.errors).toEqual([expect.stringMatching(/^\[broken\] Syntax Error/)]);
  });

  it("records each subgraph's URL in the supergraph", () => {
    const result = composeSupergraph([owner]);

    expect(result.ok && result.supergraphSdl).toContain('url: "http://127.0.0.1:1/graphql"');
  });
});
