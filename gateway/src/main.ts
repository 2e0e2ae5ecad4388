// Starts the gateway: `npm start -w @intl/gateway` (env names: see gateway/src/config.ts).
import { readFileSync } from "node:fs";
import { loadConfig } from "@intl/config";
import { closeOnSignals, createLogger, tokenVerifierFromSettings } from "@intl/subgraph";
import { gatewayConfigSchema, subgraphUrlsFrom } from "./config.ts";
import { buildGateway } from "./gateway.ts";
import { supergraphPath } from "./subgraphCatalogue.ts";

const config = loadConfig("gateway", gatewayConfigSchema);
const logger = createLogger("gateway", config.LOG_LEVEL);

const gateway = buildGateway({
  supergraphSdl: readFileSync(supergraphPath, "utf8"),
  subgraphUrls: subgraphUrlsFrom(config),
  verifyToken: tokenVerifierFromSettings(config),
  logger,
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
logger.info({ subgraphs: subgraphUrlsFrom(config) }, "gateway listening");
console.info(`Gateway: ${server.url}`);
console.info(`GraphiQL: ${origin}/graphiql`);
console.info(`Health: ${origin}/health  Ready: ${origin}/ready`);

closeOnSignals(logger, () => server.close());
