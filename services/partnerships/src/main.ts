// Runs the partnerships subgraph: `npm start -w @intl/partnerships`. The only place that reads the environment.
import { runSubgraphService } from "@intl/subgraph";
import { loadPartnershipsConfig } from "./config.ts";
import { buildService, serviceName } from "./subgraph.ts";

const config = loadPartnershipsConfig();
await runSubgraphService({
  name: serviceName,
  config,
  build: (deps) => buildService({ ...deps, expiryIntervalMs: config.EXPIRY_INTERVAL_MS }),
});
