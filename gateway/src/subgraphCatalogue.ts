import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { SubgraphSdl } from "./supergraph.ts";

/**
 * The subgraphs behind the gateway. `defaultUrl` is what the checked-in
 * supergraph records; at run time `urlVariable` overrides it.
 */
export const subgraphCatalogue = [
  { name: "partnerships", defaultUrl: "http://127.0.0.1:4001/graphql", urlVariable: "PARTNERSHIPS_URL" },
  { name: "students", defaultUrl: "http://127.0.0.1:4002/graphql", urlVariable: "STUDENTS_URL" },
  { name: "research", defaultUrl: "http://127.0.0.1:4003/graphql", urlVariable: "RESEARCH_URL" },
  { name: "campaigns", defaultUrl: "http://127.0.0.1:4004/graphql", urlVariable: "CAMPAIGNS_URL" },
] as const;

export type SubgraphName = (typeof subgraphCatalogue)[number]["name"];

const repositoryRoot = new URL("../../", import.meta.url);

/** Where the checked-in supergraph lives. */
export const supergraphPath = fileURLToPath(new URL("gateway/supergraph.graphql", repositoryRoot));

/** The command that regenerates `supergraphPath`. */
export const composeCommand = "npm run compose";

/**
 * Reads each service's `src/schema.graphql`. Services are written in parallel,
 * so a missing schema is reported in `missing` rather than failing.
 */
export function readSubgraphSdls(): { found: SubgraphSdl[]; missing: string[] } {
  const found: SubgraphSdl[] = [];
  const missing: string[] = [];
  for (const { name, defaultUrl } of subgraphCatalogue) {
    const path = fileURLToPath(new URL(`services/${name}/src/schema.graphql`, repositoryRoot));
    if (existsSync(path)) found.push({ name, url: defaultUrl, sdl: readFileSync(path, "utf8") });
    else missing.push(path);
  }
  return { found, missing };
}
