// Runs the research subgraph: `npm start -w @intl/research` (settings: see src/config.ts).
import { runSubgraphService } from "@intl/subgraph";
import { loadResearchConfig } from "./config.ts";
import { buildService, serviceName } from "./subgraph.ts";

await runSubgraphService({ name: serviceName, config: loadResearchConfig(), build: buildService });
