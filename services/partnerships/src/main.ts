// Runs the partnerships subgraph: `npm start -w @intl/partnerships` (settings: src/config.ts). The only place that reads the environment.
import { runSubgraphService } from "@intl/subgraph";
import { loadPartnershipsConfig } from "./config.ts";
import { buildService, serviceName } from "./subgraph.ts";

await runSubgraphService({
  name: serviceName,
  loadConfig: loadPartnershipsConfig,
  build: (deps, config) => buildService({ ...deps, expiryIntervalMs: config.EXPIRY_INTERVAL_MS }),
});
