// Loads the DEMO data of the students service (`npm run seed -w @intl/students`): demo students,
// mobilities consistent with the partners' agreements and seats, and nominations from partners.
// Idempotent: a second run tops up what is missing. It needs the partnerships service's agreements,
// which it learns only from its own read model (filled by consuming partnerships' events): run the
// partnerships seed first; this waits for them, with progress, up to SEED_WAIT_SECONDS.
// On FerretDB, prefer running it while the students service is stopped: two processes writing the
// same documents at once can lose an update there (see createWriteQueue in @intl/mongo).
import { z } from "zod";
import { ConfigError, loadConfig } from "@intl/config";
import { startServiceRuntime } from "@intl/subgraph";
import { loadStudentsConfig } from "../config.ts";
import { buildService, serviceName } from "../subgraph.ts";
import { loadDemoData } from "./loadDemoData.ts";

const seedSchema = z.object({
  SEED_STUDENTS: z.coerce.number().int().min(0).max(100_000).default(3000),
  SEED_WAIT_SECONDS: z.coerce.number().int().min(1).max(3600).default(180),
});

const started = Date.now();
const log = (message: string) =>
  console.info(`[students seed ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

const { settings, seed } = (() => {
  try {
    // The seed answers no request: a placeholder secret satisfies the shared settings when none is set.
    const settings = loadStudentsConfig({
      AUTH_JWT_SECRET: "the-seed-verifies-no-token-0123456789",
      ...process.env,
    });
    return { settings, seed: loadConfig("students seed", seedSchema) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
})();

// Started like the service (store limits, topics, relay and consumers; no HTTP), so events flow.
const { service, close } = await startServiceRuntime({
  name: `${serviceName}-seed`,
  config: settings,
  build: buildService,
  logLevel: settings.LOG_LEVEL === "info" ? "warn" : settings.LOG_LEVEL,
});
log(`connected to ${settings.MONGODB_DATABASE}; waiting for the partnerships agreements in the read model`);

/** Waits until the read model holds active agreements and stops growing for a few seconds. */
async function waitForAgreements(): Promise<number> {
  const deadline = Date.now() + seed.SEED_WAIT_SECONDS * 1000;
  let previous = -1;
  let stableFor = 0;
  while (Date.now() < deadline) {
    const count = (await service.app.listActiveAgreements()).length;
    stableFor = count > 0 && count === previous ? stableFor + 1 : 0;
    if (stableFor >= 3) return count;
    if (count !== previous) log(`read model: ${count} active agreements so far`);
    previous = count;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return previous;
}

let exitCode = 0;
try {
  const agreements = await waitForAgreements();
  if (agreements <= 0) {
    log(
      `no active agreement after ${seed.SEED_WAIT_SECONDS}s: run the partnerships service and its seed first`,
    );
    exitCode = 1;
  } else {
    log(`${agreements} active agreements known; loading ${seed.SEED_STUDENTS} demo students`);
    const report = await loadDemoData(service.app, { students: seed.SEED_STUDENTS, now: new Date(), log });
    log(`done: ${JSON.stringify(report)}`);
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  log("publishing the last events");
  await close();
}
log(`finished in ${((Date.now() - started) / 1000).toFixed(1)}s`);
process.exit(exitCode);
