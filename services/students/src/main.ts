// Runs the students subgraph: the only place that reads the environment, connects and listens.
import { createTokenVerifier } from "@intl/auth";
import { ConfigError } from "@intl/config";
import { createKafka, ensureTopics } from "@intl/kafka";
import { connectMongo } from "@intl/mongo";
import { createLogger } from "@intl/subgraph";
import { loadStudentsSettings } from "./settings.ts";
import { buildService, serviceName } from "./subgraph.ts";

const settings = (() => {
  try {
    return loadStudentsSettings();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
})();
const logger = createLogger(serviceName, settings.LOG_LEVEL);

const connection = await connectMongo(settings.MONGODB_URI, settings.MONGODB_DATABASE);
const kafka = createKafka({ clientId: serviceName, brokers: settings.KAFKA_BROKERS, logger });
const service = buildService({
  connection,
  kafka,
  topicPrefix: settings.KAFKA_TOPIC_PREFIX,
  verifyToken: createTokenVerifier({
    ...(settings.AUTH_JWT_SECRET ? { secret: settings.AUTH_JWT_SECRET } : {}),
    ...(settings.AUTH_JWKS_URL ? { jwksUrl: settings.AUTH_JWKS_URL } : {}),
    issuer: settings.AUTH_ISSUER,
    audience: settings.AUTH_AUDIENCE,
  }),
  logger,
  outboxPollMs: settings.OUTBOX_POLL_MS,
  atRiskMonths: settings.AT_RISK_MONTHS,
});

await ensureTopics(kafka, service.topics, { prefix: settings.KAFKA_TOPIC_PREFIX });
await service.start();
const listening = await service.server.listen({ port: settings.PORT, host: settings.HOST });
logger.info({ url: listening.url }, `${serviceName} subgraph ready at ${listening.url}`);

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
process.on("SIGINT", () => void shutDown("SIGINT"));
process.on("SIGTERM", () => void shutDown("SIGTERM"));
