// Runs the research subgraph: `npm start -w @intl/research` (settings: src/config.ts). The only place that reads the environment.
import { runSubgraphService } from "@intl/subgraph";
import { loadResearchConfig } from "./config.ts";
import { buildService, serviceName } from "./subgraph.ts";

await runSubgraphService({ name: serviceName, loadConfig: loadResearchConfig, build: buildService });
