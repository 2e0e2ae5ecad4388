// Starts the gateway: `npm start -w @intl/gateway` (env names: see gateway/src/config.ts).
import { readFileSync } from "node:fs";
import { createTokenVerifier } from "@intl/auth";
import { loadConfig } from "@intl/config";
import { pino } from "pino";
import { gatewayConfigSchema, subgraphUrlsFrom } from "./config.ts";
import { buildGateway } from "./gateway.ts";
import { supergraphPath } from "./subgraphCatalogue.ts";

const config = loadConfig("gateway", gatewayConfigSchema);
const logger = pino({ name: "gateway", level: config.LOG_LEVEL });

const gateway = buildGateway({
  supergraphSdl: readFileSync(supergraphPath, "utf8"),
  subgraphUrls: subgraphUrlsFrom(config),
  verifyToken: createTokenVerifier({
    ...(config.AUTH_JWT_SECRET ? { secret: config.AUTH_JWT_SECRET } : {}),
    ...(config.AUTH_JWKS_URL ? { jwksUrl: config.AUTH_JWKS_URL } : {}),
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
  }),
  logger,
});

const port = config.GATEWAY_PORT ?? config.PORT;
const server = await gateway.listen({ port, host: config.HOST });
const origin = new URL(server.url).origin;
logger.info({ subgraphs: subgraphUrlsFrom(config) }, "gateway listening");
console.info(`Gateway: ${server.url}`);
console.info(`GraphiQL: ${origin}/graphiql`);
console.info(`Health: ${origin}/health  Ready: ${origin}/ready`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "stopping the gateway");
  try {
    await server.close();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, "the gateway did not stop cleanly");
    process.exit(1);
  }
};
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
