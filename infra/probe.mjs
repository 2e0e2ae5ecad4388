// infra/probe.mjs — one-shot readiness probe used by infra/start.sh.
//   node infra/probe.mjs kafka 127.0.0.1:19092 [NODE_ID] → exit 0 when the broker answers a metadata
//                         request, lists itself as an (unfenced) broker (node NODE_ID when given: a node
//                         of a cluster), and its group coordinator is ready
//   node infra/probe.mjs mongo mongodb://127.0.0.1:27027/  → exit 0 when the server answers `ping`
//                         and `listDatabases` (which FerretDB answers from its backend)
// Uses kafkajs and mongoose from the repository's node_modules (run `npm ci` first).
// Prints the reason on stderr and exits 1 when the service is not ready yet.

import process from "node:process";

const [kind, target, nodeId] = process.argv.slice(2);

async function probeKafka(broker, expectedNodeId) {
  const { Kafka, logLevel } = await import("kafkajs");
  const kafka = new Kafka({
    clientId: "infra-probe",
    brokers: [broker],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error("metadata lists no broker yet");
    // A restarted node of a cluster answers before the controller unfenced it: wait for that.
    if (expectedNodeId !== undefined && !cluster.brokers.some((b) => String(b.nodeId) === expectedNodeId)) {
      throw new Error(`metadata does not list node ${expectedNodeId} as a broker yet`);
    }
    // The first group-coordinator lookup creates __consumer_offsets; until it is loaded,
    // consumers fail to join ("coordinator is loading"). Waiting for it here keeps that
    // start-up delay out of the first test that consumes.
    const { groups } = await admin.describeGroups(["infra-probe"]);
    if (groups[0]?.errorCode) throw new Error(`group coordinator error code ${groups[0].errorCode}`);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

async function probeMongo(uri) {
  const { default: mongoose } = await import("mongoose");
  const client = new mongoose.mongo.MongoClient(uri, {
    serverSelectionTimeoutMS: 1500,
    connectTimeoutMS: 1500,
  });
  try {
    await client.connect();
    await client.db("admin").command({ ping: 1 });
    // ping does not reach FerretDB's backend; listing databases does (PostgreSQL up, database there).
    await client.db("admin").command({ listDatabases: 1, nameOnly: true });
  } finally {
    await client.close().catch(() => {});
  }
}

const probes = { kafka: probeKafka, mongo: probeMongo };

if (!probes[kind] || !target) {
  process.stderr.write("usage: node infra/probe.mjs kafka HOST:PORT [NODE_ID] | mongo MONGODB_URI\n");
  process.exit(2);
}

try {
  await probes[kind](target, nodeId);
  process.exit(0);
} catch (error) {
  process.stderr.write(`${kind} not ready: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
