// Runs the students subgraph: `npm start -w @intl/students` (settings: src/config.ts). The only place that reads the environment.
import { runSubgraphService } from "@intl/subgraph";
import { loadStudentsConfig } from "./config.ts";
import { buildService, serviceName } from "./subgraph.ts";

await runSubgraphService({
  name: serviceName,
  loadConfig: loadStudentsConfig,
  build: (deps, config) =>
    buildService({
      ...deps,
      atRiskMonths: config.AT_RISK_MONTHS,
      flowImbalanceRatio: config.FLOW_IMBALANCE_RATIO,
      dossierRetentionMonths: config.DOSSIER_RETENTION_MONTHS,
    }),
});
