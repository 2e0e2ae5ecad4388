// infra/store-check.mjs — measures the document store that infra/start.sh runs (a check to run by
// hand, not a test): query times over 20,000 documents, and the CPU the store uses while idle.
//   node infra/store-check.mjs [MONGODB_URI]          default: $MONGODB_URI, else mongodb://127.0.0.1:27027/
//   STORE_CHECK_IDLE_SECONDS=30 (0 skips the idle measurement), STORE_CHECK_STATE_DIR=infra/.state/dev
// It writes into a database of its own (store_check_<random>) and drops it at the end. The idle CPU
// is read from /proc (Linux): FerretDB's and PostgreSQL's processes, found through the pid files
// of the state dir, their ticks summed over the interval while nothing else queries the store.
// Uses mongoose's MongoDB driver from the repository's node_modules.

import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync, realpathSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { setTimeout as sleep } from "node:timers/promises";
import { URL, fileURLToPath } from "node:url";

const { default: mongoose } = await import("mongoose");

const uri = process.argv[2] ?? process.env.MONGODB_URI ?? "mongodb://127.0.0.1:27027/";
const idleSeconds = Number(process.env.STORE_CHECK_IDLE_SECONDS ?? 30);
const stateDir = process.env.STORE_CHECK_STATE_DIR ?? fileURLToPath(new URL(".state/dev", import.meta.url));
const DOCUMENTS = 20_000;
const RUNS = 7;

const print = (line) => process.stdout.write(`${line}\n`);

/** Median duration in ms of `RUNS` sequential runs of `fn` (after one warm-up run). */
async function median(fn) {
  await fn();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)];
}

function readPid(file) {
  try {
    const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** utime + stime of a process, in clock ticks, and its parent pid. */
function stat(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    // After "pid (comm) ": state ppid … utime (14th field overall) stime (15th).
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** Total ticks of the given processes and all their descendants. */
function treeTicks(roots) {
  const all = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  const children = new Map();
  for (const name of all) {
    const s = stat(Number(name));
    if (s) children.set(s.ppid, [...(children.get(s.ppid) ?? []), Number(name)]);
  }
  let total = 0;
  const queue = [...roots];
  while (queue.length > 0) {
    const pid = queue.pop();
    total += stat(pid)?.ticks ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

const client = new mongoose.mongo.MongoClient(uri, { maxPoolSize: 32 });
await client.connect();
const dbName = `store_check_${randomBytes(4).toString("hex")}`;
const db = client.db(dbName);
const results = [];
try {
  const docs = db.collection("docs");
  await docs.createIndex({ partnerId: 1 });
  await docs.createIndex({ partnerId: 1, signedAt: -1 });
  const started = Date.now();
  for (let from = 0; from < DOCUMENTS; from += 1000) {
    await docs.insertMany(
      Array.from({ length: 1000 }, (_, k) => {
        const i = from + k;
        return {
          partnerId: `p${i % 1000}`, // 20 documents per partner
          signedAt: new Date(Date.UTC(2020, 0, 1) + i * 3_600_000),
          title: `agreement ${i}`,
          tags: ["erasmus", i % 2 ? "double-degree" : "exchange"],
          seats: i % 7,
        };
      }),
      { ordered: false },
    );
  }
  results.push(["insert 20,000 documents (batches of 1,000)", Date.now() - started]);
  const ids = (
    await docs
      .find({}, { projection: { _id: 1 } })
      .limit(3)
      .toArray()
  ).map((d) => d._id);

  results.push([
    "equality on an indexed field (20 matches)",
    await median(() => docs.find({ partnerId: "p42" }).toArray()),
  ]);
  results.push([
    "countDocuments with that equality",
    await median(() => docs.countDocuments({ partnerId: "p42" })),
  ]);
  results.push(["countDocuments of the whole collection", await median(() => docs.countDocuments({}))]);
  results.push(["findOne by _id", await median(() => docs.findOne({ _id: ids[0] }))]);
  results.push([
    "equality + sort + limit 5",
    await median(() => docs.find({ partnerId: "p42" }).sort({ signedAt: -1 }).limit(5).toArray()),
  ]);
  results.push(["_id: { $in: [3 ids] }", await median(() => docs.find({ _id: { $in: ids } }).toArray())]);
  results.push([
    "20 findOne by _id in parallel",
    await median(() => Promise.all(Array.from({ length: 20 }, (_, k) => docs.findOne({ _id: ids[k % 3] })))),
  ]);

  const counter = db.collection("counter");
  const { insertedId } = await counter.insertOne({ n: 0 });
  await Promise.all(
    Array.from({ length: 50 }, () => counter.updateOne({ _id: insertedId }, { $inc: { n: 1 } })),
  );
  const { n } = await counter.findOne({ _id: insertedId });
  results.push(["50 concurrent $inc on one document: final value (MongoDB: 50)", n]);
} finally {
  await client.db(dbName).dropDatabase();
  await client.close();
}

for (const [what, value] of results) {
  print(
    `${what.padEnd(64)} ${typeof value === "number" && !Number.isInteger(value) ? `${value.toFixed(1)} ms` : value}`,
  );
}

if (idleSeconds > 0) {
  const roots = [readPid(join(stateDir, "ferretdb.pid")), readPid(join(stateDir, "postgres.pid"))].filter(
    Boolean,
  );
  if (roots.length === 0) {
    print(`idle CPU: no ferretdb.pid/postgres.pid in ${realpathSync(stateDir)}`);
  } else {
    const before = treeTicks(roots);
    await sleep(idleSeconds * 1000);
    const ticks = treeTicks(roots) - before;
    // Linux reports these in USER_HZ, 100 per second on every mainstream kernel configuration.
    const cores = ticks / 100 / idleSeconds;
    print(
      `${`idle CPU of the store (pids ${roots.join(", ")} and children), ${idleSeconds} s`.padEnd(64)} ${(cores * 100).toFixed(2)} % of a core (${ticks} ticks)`,
    );
  }
}
