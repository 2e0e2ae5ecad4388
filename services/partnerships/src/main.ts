// Runs the partnerships subgraph: `npm start -w @intl/partnerships`. The only place that reads the environment.
import { createTokenVerifier } from "@intl/auth";
import { createKafka, ensureTopics } from "@intl/kafka";
import { connectMongo } from "@intl/mongo";
import { createLogger } from "@intl/subgraph";
import { loadPartnershipsConfig } from "./serviceConfig.ts";
import { buildService, serviceName } from "./subgraph.ts";

const config = loadPartnershipsConfig();
const logger = createLogger(serviceName, config.LOG_LEVEL);

const connection = await connectMongo(config.MONGODB_URI, config.MONGODB_DATABASE);
const kafka = createKafka({
  clientId: serviceName,
  brokers: config.KAFKA_BROKERS,
  logLevel: config.LOG_LEVEL,
  logger,
});
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
  expiryIntervalMs: config.EXPIRY_INTERVAL_MS,
});

await ensureTopics(kafka, service.topics, { prefix: config.KAFKA_TOPIC_PREFIX });
await service.start();
const listening = await service.server.listen({ port: config.PORT, host: config.HOST });
logger.info({ url: listening.url }, "partnerships subgraph ready");

let shuttingDown = false;
async function shutDown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, "shutting down");
  try {
    await listening.close();
    await service.stop();
    await connection.close();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, "unclean shutdown");
    process.exit(1);
  }
}
process.once("SIGINT", () => void shutDown("SIGINT"));
process.once("SIGTERM", () => void shutDown("SIGTERM"));
