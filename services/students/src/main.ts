// Runs the students subgraph: the only place that reads the environment, connects and listens.
import { ConfigError } from "@intl/config";
import { runSubgraphService } from "@intl/subgraph";
import { loadStudentsConfig } from "./config.ts";
import { buildService, serviceName } from "./subgraph.ts";

const settings = (() => {
  try {
    return loadStudentsConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
})();

// The shared runtime, like the other services: store limits and read cache, topics, relay,
// consumers, the server's deadlines and load shedding, and a clean stop on SIGINT/SIGTERM.
await runSubgraphService({
  name: serviceName,
  config: settings,
  build: (deps) => buildService({ ...deps, atRiskMonths: settings.AT_RISK_MONTHS }),
});
