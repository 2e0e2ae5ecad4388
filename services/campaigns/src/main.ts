// Runs the campaigns subgraph: `npm start -w @intl/campaigns` (settings: see src/config.ts).
import { runSubgraphService } from "@intl/subgraph";
import { loadCampaignsConfig } from "./config.ts";
import { buildService, serviceName } from "./subgraph.ts";

await runSubgraphService({ name: serviceName, config: loadCampaignsConfig(), build: buildService });
