// Loads the partnerships demo data (clearly marked demo): `npm run seed -w @intl/partnerships`.
// Real reference data of the source first (country priorities, networks, labels), then
// about 130 demo partner institutions (ids inst-demo-001…) and their agreements, replayed
// through the service's own operations so every event goes through the outbox. Strategic
// partnerships need research collaborations: the seed waits (SEED_WAIT_SECONDS, default 120)
// for the research service's events to reach this service's read model; run the research
// seed meanwhile, or run this seed again afterwards. Idempotent: re-running adds nothing twice.
import { loadConfig } from "@intl/config";
import { startServiceRuntime } from "@intl/subgraph";
import { z } from "zod";
import { loadPartnershipsConfig } from "../config.ts";
import { buildService, serviceName } from "../subgraph.ts";
import { demoPartners } from "./demoPartners.ts";
import { designateDemoStrategicPartners, loadDemoPartners, loadReferenceData } from "./loadDemoData.ts";
import { seedClock } from "./seedClock.ts";

const seedSettings = loadConfig(
  "partnerships seed",
  z.object({
    SEED_WAIT_SECONDS: z.coerce.number().int().min(0).default(120),
    SEED_STRATEGIC_PARTNERSHIPS: z.coerce.number().int().min(0).max(130).default(30),
  }),
);
const config = loadPartnershipsConfig();
const progress = (message: string) => console.log(`[partnerships seed] ${message}`);

const clock = seedClock();
// Started (relay and consumer, no HTTP) so events flow out and the read models fill.
const { service, close } = await startServiceRuntime({
  name: `${serviceName}-seed`,
  config,
  build: (deps) =>
    buildService({
      ...deps,
      clock: clock.now,
      // The seed moves its clock through the past: the expiry job must not run meanwhile (the seed expires at the end).
      expiryIntervalMs: 24 * 60 * 60 * 1000,
    }),
  logLevel: "warn",
});

let exitCode = 0;
try {
  const { app } = service;
  progress(`demo data into database ${config.MONGODB_DATABASE}`);
  await loadReferenceData(app, progress);
  const now = clock.now();
  const demo = demoPartners(now);
  await loadDemoPartners(app, clock, demo, progress);
  await designateDemoStrategicPartners(
    app,
    demo,
    now,
    { target: seedSettings.SEED_STRATEGIC_PARTNERSHIPS, waitSeconds: seedSettings.SEED_WAIT_SECONDS },
    progress,
  );
  const reassessed = await app.refreshAllStandings();
  const targets = await app.partnershipTargets();
  progress(
    `${reassessed} partnerships reassessed: ${targets.agreements.actual} active agreements, ` +
      `${targets.strategic.actual} strategic, ${targets.complete.actual} complete (completeness grows as students and research events arrive)`,
  );
  const published = await app.publishPendingEvents();
  progress(`done (${published} events published now; the others were published as they were written)`);
} catch (error) {
  console.error("[partnerships seed] failed:", error);
  exitCode = 1;
} finally {
  await close();
}
process.exit(exitCode);
