// Writes gateway/supergraph.graphql from the services' SDLs: `npm run compose`.
import { writeFileSync } from "node:fs";
import { readSubgraphSdls, supergraphPath } from "./subgraphCatalogue.ts";
import { composeSupergraph } from "./supergraph.ts";

const { found, missing } = readSubgraphSdls();
for (const path of missing) console.warn(`warning: skipping a subgraph with no schema yet: ${path}`);

const composition = composeSupergraph(found);
if (!composition.ok) {
  console.error(`Composition failed (${composition.errors.length} error(s)):`);
  for (const error of composition.errors) console.error(`  - ${error}`);
  process.exit(1);
}
for (const hint of composition.hints) console.info(`hint: ${hint}`);
writeFileSync(
  supergraphPath,
  composition.supergraphSdl.endsWith("\n") ? composition.supergraphSdl : `${composition.supergraphSdl}\n`,
);
console.info(`Wrote ${supergraphPath} from ${found.map((s) => s.name).join(", ")}.`);
