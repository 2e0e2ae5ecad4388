/**
 * Child process of consumer-killed.fault.test.ts: the students service as a consumer-only
 * worker — started as main.ts starts it (settings from the environment, startServiceRuntime:
 * store, Kafka, relay, consumer, jobs) but listening on no port. It reports on stdout what the
 * scenario counts across its lives, since a SIGKILLed process keeps no counter:
 *   `started`            its consumer is running in the group;
 *   `handled <event id>` the handler applied an event (before its offset is committed);
 *   `duplicates <n>`     redeliveries its ledger discarded so far in this life.
 */
import { loadConfig, serviceConfigSchema } from "@intl/config";
import { metricValue } from "@intl/metrics";
import { buildService } from "@intl/students/subgraph";
import { startServiceRuntime } from "@intl/subgraph";
import type { Kafka } from "kafkajs";

/**
 * The group waits for a SIGKILLed member until its session times out (kafkajs: 30 s) before it
 * hands its partitions on: 20 kills would wait 10 minutes for nothing the scenario checks. The
 * worker's consumers heartbeat every second and expire after 6 s, the broker's minimum.
 */
function withShortSessions(kafka: Kafka): Kafka {
  const consumer = kafka.consumer.bind(kafka);
  kafka.consumer = (config) => consumer({ ...config, sessionTimeout: 6000, heartbeatInterval: 1000 });
  return kafka;
}

const config = loadConfig("students", serviceConfigSchema({ port: 0, database: "students" }), process.env);
const started = await startServiceRuntime({
  name: "students",
  config,
  build: (deps) => buildService({ ...deps, kafka: withShortSessions(deps.kafka) }),
});
const service = started.service;
const group = service.consumer!.kafkaGroupId;
let reported = 0;
const reportDuplicates = async () => {
  const duplicates =
    (await metricValue("intl_kafka_events_processed_total", { group, outcome: "duplicate" })) ?? 0;
  if (duplicates !== reported) {
    reported = duplicates;
    process.stdout.write(`duplicates ${duplicates}\n`);
  }
};
service.onEventHandled((event) => {
  process.stdout.write(`handled ${event.id}\n`);
});
setInterval(() => void reportDuplicates(), 100).unref();
process.stdout.write("started\n");
// Runs until killed; SIGTERM (the end of the scenario) stops it as main.ts would.
process.once("SIGTERM", () => {
  void started.close().then(() => process.exit(0));
});
