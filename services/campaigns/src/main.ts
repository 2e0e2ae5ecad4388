// Runs the campaigns subgraph: `npm start -w @intl/campaigns` (settings: src/config.ts). The only place that reads the environment.
import { runSubgraphService } from "@intl/subgraph";
import { loadCampaignsConfig } from "./config.ts";
import { buildService, serviceName } from "./subgraph.ts";

await runSubgraphService({ name: serviceName, loadConfig: loadCampaignsConfig, build: buildService });
