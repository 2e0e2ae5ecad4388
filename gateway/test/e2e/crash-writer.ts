/**
 * Child process of outbox-crash.e2e.test.ts: registers one institution through the
 * partnerships service's own operation (domain write + event in its outbox), without
 * ever starting the relay, then kills itself with SIGKILL — a process dying after the
 * domain write and before publishing.
 */
import { createTokenVerifier } from "@intl/auth";
import { createKafka } from "@intl/kafka";
import { connectMongo } from "@intl/mongo";
import { buildService } from "@intl/partnerships/subgraph";
import { createLogger } from "@intl/subgraph";
import { office } from "./viewers.ts";

const { CRASH_MONGODB_URI, CRASH_DATABASE, CRASH_KAFKA_BROKERS, CRASH_TOPIC_PREFIX, CRASH_INSTITUTION_ID } =
  process.env;
if (!CRASH_MONGODB_URI || !CRASH_DATABASE || !CRASH_KAFKA_BROKERS || !CRASH_INSTITUTION_ID) {
  throw new Error(
    "crash-writer needs CRASH_MONGODB_URI, CRASH_DATABASE, CRASH_KAFKA_BROKERS, CRASH_INSTITUTION_ID",
  );
}

const connection = await connectMongo(CRASH_MONGODB_URI, CRASH_DATABASE);
const service = buildService({
  connection,
  kafka: createKafka({ clientId: "crash-writer", brokers: CRASH_KAFKA_BROKERS.split(",") }),
  topicPrefix: CRASH_TOPIC_PREFIX ?? "",
  verifyToken: createTokenVerifier({ secret: "x".repeat(32), issuer: "intl-graph", audience: "intl-graph" }),
  logger: createLogger("crash-writer", "silent"),
});
await service.app.registerInstitution(
  office,
  { name: "Universidad de Chile (kill test)", countryCode: "CL", city: "Santiago" },
  { id: CRASH_INSTITUTION_ID },
);
process.stdout.write("written\n");
process.kill(process.pid, "SIGKILL");
