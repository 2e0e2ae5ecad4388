// Starts the gateway: `npm start -w @intl/gateway` (env names: see gateway/src/config.ts).
// First, before @apollo/gateway is loaded (see telemetry.ts).
import { telemetry } from "./telemetry.ts";
import { readFileSync } from "node:fs";
import { loadConfig } from "@intl/config";
import { closeOnSignals, createLogger, tokenVerifierFromSettings } from "@intl/subgraph";
import {
  edgeSettingsFrom,
  gatewayConfigSchema,
  queryLimitsFrom,
  schoolSettingsFrom,
  subgraphUrlsFrom,
} from "./config.ts";
import { buildGateway } from "./gateway.ts";
import { readSubgraphSdls, supergraphPath } from "./subgraphCatalogue.ts";

const config = loadConfig("gateway", gatewayConfigSchema);
const logger = createLogger("gateway", config.LOG_LEVEL);

const edge = edgeSettingsFrom(config);
const gateway = buildGateway({
  supergraphSdl: readFileSync(supergraphPath, "utf8"),
  subgraphUrls: subgraphUrlsFrom(config),
  verifyToken: tokenVerifierFromSettings(config),
  logger,
  limits: queryLimitsFrom(config),
  edge,
  schools: schoolSettingsFrom(config, readSubgraphSdls().found),
  ...(config.PSEUDONYM_KEY ? { pseudonymKey: config.PSEUDONYM_KEY } : {}),
  overload: {
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    subgraphMaxConnections: config.SUBGRAPH_MAX_CONNECTIONS,
    maxInFlight: config.MAX_IN_FLIGHT,
    operationTimeoutMs: config.GATEWAY_OPERATION_TIMEOUT_MS,
  },
});

const port = config.GATEWAY_PORT ?? config.PORT;
const server = await gateway.listen({ port, host: config.HOST });
const origin = new URL(server.url).origin;
logger.info(
  {
    subgraphs: subgraphUrlsFrom(config),
    corsOrigins: edge.corsOrigins,
    introspection: edge.introspection,
    graphiql: edge.graphiql,
    trustedDocuments: edge.trustedDocuments
      ? { count: edge.trustedDocuments.documents.size, only: edge.trustedDocuments.only }
      : "off",
  },
  "gateway listening",
);
console.info(`Gateway: ${server.url}`);
if (edge.graphiql) console.info(`GraphiQL: ${origin}/graphiql`);
console.info(`Health: ${origin}/health  Ready: ${origin}/ready`);

closeOnSignals(logger, async () => {
  await server.close();
  await telemetry.shutdown();
});
