/**
 * `npm run bench`: measures the running system with its demo data, or starts it first
 * (`npm start`'s script) when no gateway answers, and prints figures:
 *   1. the store's CPU at idle (FerretDB and PostgreSQL processes of the state dir);
 *   2. queries (a), (b), (c) through the gateway with 1 and 20 concurrent clients:
 *      RPS, p50, p99, coded and uncoded errors, timeouts, store commands per request;
 *   3. recovery: twice the concurrency on (b), then none: gateway→subgraph connections
 *      left and the store's CPU 10 s later;
 *   4. event propagation at a steady write rate, from a mutation's answer to each
 *      consuming service's "event processed" log line.
 * Options: --duration S (per load run, default 30), --clients 1,20, --queries a,b,c,
 * --idle S (default 30), --rate N writes/s (default 50), --propagation S (default 20),
 * --skip idle,load,recovery,propagation, --json FILE.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  DEVELOPMENT_JWT_SECRET,
  mintDevelopmentToken,
} from "@intl/auth";
import { runLoad } from "./load.ts";
import type { LoadFigures } from "./load.ts";
import { measurePropagation } from "./propagation.ts";
import { benchQueries, currentAcademicYear } from "./queries.ts";
import { StoreCommandCounter, cpuCores, storeProcesses } from "./store.ts";
import { establishedConnectionsTo, isUp, startSystem, systemAddresses } from "./system.ts";
import type { StartedSystem } from "./system.ts";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "30" },
    clients: { type: "string", default: "1,20" },
    queries: { type: "string", default: "a,b,c" },
    idle: { type: "string", default: "30" },
    rate: { type: "string", default: "50" },
    propagation: { type: "string", default: "20" },
    skip: { type: "string", default: "" },
    json: { type: "string" },
  },
});

const say = (line = "") => process.stdout.write(`${line}\n`);
const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "–");
const skip = new Set(values.skip.split(",").filter(Boolean));
const duration = Number(values.duration);
const clientCounts = values.clients.split(",").map(Number);
const addresses = systemAddresses();
const report: Record<string, unknown> = { startedAt: new Date().toISOString(), duration };

let started: StartedSystem | undefined;
if (!(await isUp(addresses.healthUrl))) {
  say(`No gateway answers at ${addresses.healthUrl}: starting the system with its demo data (npm start)…`);
  started = await startSystem(say);
}
const stopSystem = async () => {
  if (started) {
    say("Stopping the system the bench started…");
    await started.stop();
  }
};
process.once("SIGINT", () => void stopSystem().finally(() => process.exit(130)));

try {
  const token = await mintDevelopmentToken({
    secret: process.env["AUTH_JWT_SECRET"] ?? DEVELOPMENT_JWT_SECRET,
    issuer: process.env["AUTH_ISSUER"] ?? DEVELOPMENT_ISSUER,
    audience: process.env["AUTH_AUDIENCE"] ?? DEVELOPMENT_AUDIENCE,
    role: "ADMIN",
  });
  const store = new StoreCommandCounter(addresses.storeUri);
  const pids = storeProcesses(addresses.stateDir);
  say(`System: ${addresses.graphqlUrl}; store ${addresses.storeUri} (${pids.length} local store processes)`);

  if (!skip.has("idle")) {
    const seconds = Number(values.idle);
    if (pids.length === 0)
      say("Idle store CPU: no local store process found (MONGODB_URI elsewhere?), skipped");
    else {
      say(`Idle store CPU: measuring over ${seconds} s with no traffic…`);
      const cores = await cpuCores(pids, seconds);
      report["idleStoreCores"] = cores;
      say(`Idle store CPU: ${fixed(cores * 100)} % of a core`);
    }
  }

  if (!skip.has("load")) {
    const now = new Date();
    const queries = benchQueries(currentAcademicYear(now), now.getUTCFullYear() + 1).filter((query) =>
      values.queries.split(",").includes(query.key),
    );
    const rows: (LoadFigures & { query: string; commandsPerRequest: number })[] = [];
    say();
    say(
      "query  clients      RPS   p50 ms   p99 ms  requests  coded  uncoded  timeouts  conn.err  store cmds/req",
    );
    for (const query of queries) {
      // Warm the caches and plans once, outside the figures.
      await runLoad({
        url: addresses.graphqlUrl,
        token,
        query,
        clients: 1,
        durationSeconds: 2,
        timeoutSeconds: 10,
      });
      for (const clients of clientCounts) {
        const before = await store.total();
        const figures = await runLoad({
          url: addresses.graphqlUrl,
          token,
          query,
          clients,
          durationSeconds: duration,
          timeoutSeconds: 10,
        });
        const after = await store.total();
        const commandsPerRequest =
          before === null || after === null || figures.requests === 0
            ? Number.NaN
            : (after - before) / figures.requests;
        rows.push({ ...figures, query: query.key, commandsPerRequest });
        say(
          [
            `(${query.key})`.padEnd(6),
            String(clients).padStart(7),
            fixed(figures.rps).padStart(8),
            fixed(figures.p50Ms, 0).padStart(8),
            fixed(figures.p99Ms, 0).padStart(8),
            String(figures.requests).padStart(9),
            String(figures.codedErrors).padStart(6),
            String(figures.uncodedErrors).padStart(8),
            String(figures.timeouts).padStart(9),
            String(figures.connectionErrors).padStart(9),
            fixed(commandsPerRequest).padStart(15),
          ].join(" "),
        );
        if (Object.keys(figures.codes).length > 0)
          say(`         error codes: ${JSON.stringify(figures.codes)}`);
      }
    }
    for (const query of queries) say(`  (${query.key}) ${query.title}`);
    report["load"] = rows;
  }

  if (!skip.has("recovery")) {
    const query = benchQueries(currentAcademicYear(), new Date().getUTCFullYear() + 1)[1];
    const clients = 2 * Math.max(...clientCounts);
    say();
    say(`Recovery: ${clients} clients on (b) for ${duration} s, then none…`);
    const overload = await runLoad({
      url: addresses.graphqlUrl,
      token,
      query: query as NonNullable<typeof query>,
      clients,
      durationSeconds: duration,
      timeoutSeconds: 10,
    });
    const atEnd = establishedConnectionsTo(addresses.subgraphPorts);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const after10s = establishedConnectionsTo(addresses.subgraphPorts);
    const cores = pids.length > 0 ? await cpuCores(pids, 10) : Number.NaN;
    report["recovery"] = {
      clients,
      overload,
      connectionsAtEnd: atEnd,
      connectionsAfter10s: after10s,
      storeCoresAfter: cores,
    };
    say(
      `Recovery: during the load ${fixed(overload.rps)} RPS, ${overload.codedErrors} coded errors ` +
        `${JSON.stringify(overload.codes)}, ${overload.uncodedErrors} uncoded, ${overload.timeouts} timeouts`,
    );
    say(
      `Recovery: gateway→subgraph connections ${atEnd} when the load stopped, ${after10s} 10 s later; ` +
        `store CPU over the next 10 s: ${fixed(cores * 100)} % of a core`,
    );
  }

  if (!skip.has("propagation")) {
    const rate = Number(values.rate);
    const seconds = Number(values.propagation);
    say();
    say(
      `Event propagation: ${rate} updateInstitution/s for ${seconds} s; time from the answer to each consumer's log line…`,
    );
    const figures = await measurePropagation({
      url: addresses.graphqlUrl,
      token,
      logsDir: addresses.logsDir,
      writesPerSecond: rate,
      durationSeconds: seconds,
    });
    report["propagation"] = figures;
    say(`Event propagation: ${figures.writes} writes, ${figures.failedWrites} failed`);
    for (const failure of figures.failures) say(`  failure: ${failure}`);
    for (const [service, row] of Object.entries(figures.consumers))
      say(
        `  → ${service.padEnd(13)} seen ${String(row.seen).padStart(5)}  p50 ${fixed(row.p50Ms, 0)} ms  ` +
          `p99 ${fixed(row.p99Ms, 0)} ms  max ${fixed(row.maxMs, 0)} ms`,
      );
  }
  await store.close();
  if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2));
} finally {
  await stopSystem();
}
