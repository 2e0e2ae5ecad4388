// Runs the campaigns subgraph: `npm start -w @intl/campaigns` (settings: see src/config.ts).
import { createTokenVerifier } from "@intl/auth";
import { createKafka, ensureTopics } from "@intl/kafka";
import { connectMongo } from "@intl/mongo";
import { createLogger } from "@intl/subgraph";
import { loadCampaignsConfig } from "./config.ts";
import { buildService, serviceName } from "./subgraph.ts";

const config = loadCampaignsConfig();
const logger = createLogger(serviceName, config.LOG_LEVEL);

const connection = await connectMongo(config.MONGODB_URI, config.MONGODB_DATABASE);
const kafka = createKafka({ clientId: serviceName, brokers: config.KAFKA_BROKERS, logger });
const service = buildService({
  connection,
  kafka,
  topicPrefix: config.KAFKA_TOPIC_PREFIX,
  verifyToken: createTokenVerifier({
    ...(config.AUTH_JWT_SECRET ? { secret: config.AUTH_JWT_SECRET } : {}),
    ...(config.AUTH_JWKS_URL ? { jwksUrl: config.AUTH_JWKS_URL } : {}),
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
  }),
  logger,
  outboxPollMs: config.OUTBOX_POLL_MS,
});

await ensureTopics(kafka, service.topics, { prefix: config.KAFKA_TOPIC_PREFIX });
await service.start();
const listening = await service.server.listen({ port: config.PORT, host: config.HOST });
logger.info({ url: listening.url }, "campaigns subgraph ready");

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  try {
    await listening.close();
    await service.stop();
    await connection.close();
    logger.info("stopped");
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, "unclean shutdown");
    process.exit(1);
  }
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
