// Loads the partnerships demo data (clearly marked demo): `npm run seed -w @intl/partnerships`.
// The demo networks first (the service itself loads the source's reference data at every start), then
// about 130 demo partner institutions (ids inst-demo-001…) and their agreements, replayed
// through the service's own operations so every event goes through the outbox; then it
// announces `partners` to the other seeds. Strategic partnerships need research collaborations:
// it waits (shared seed runner, SEED_WAIT_SECONDS) until the research seed announced its
// collaborations and they reached this service's read model. Idempotent: re-running adds nothing twice.
// Settings: those of the service (src/config.ts), SEED_STRATEGIC_PARTNERSHIPS (30).
import { loadConfig } from "@intl/config";
import { runSeed } from "@intl/subgraph";
import { z } from "zod";
import { loadPartnershipsConfig } from "../config.ts";
import { buildService, serviceName } from "../subgraph.ts";
import { demoPartners } from "./demoPartners.ts";
import {
  carriedStrategicCandidates,
  designateDemoStrategicPartners,
  loadDemoPartners,
  loadDemoReferenceData,
} from "./loadDemoData.ts";
import { seedClock } from "./seedClock.ts";

const seedSettings = loadConfig(
  "partnerships seed",
  z.object({ SEED_STRATEGIC_PARTNERSHIPS: z.coerce.number().int().min(0).max(130).default(30) }),
);
const clock = seedClock();

await runSeed({
  name: serviceName,
  loadConfig: loadPartnershipsConfig,
  build: (deps) =>
    buildService({
      ...deps,
      clock: clock.now,
      // The seed moves its clock through the past: the expiry job must not run meanwhile (the seed expires at the end).
      expiryIntervalMs: 24 * 60 * 60 * 1000,
    }),
  async run({ service, progress, waitFor, announce }) {
    const { app } = service;
    await loadDemoReferenceData(app, progress);
    const now = clock.now();
    const demo = demoPartners(now);
    await loadDemoPartners(app, clock, demo, progress);
    await announce("partners");
    const target = seedSettings.SEED_STRATEGIC_PARTNERSHIPS;
    await waitFor({
      what: "research collaborations with the strategic candidates",
      from: [{ service: "research", milestone: "collaborations" }],
      async measure() {
        const carried = await carriedStrategicCandidates(app, demo);
        return {
          summary: `${carried} candidates carried by a research collaboration`,
          enough: carried >= target,
        };
      },
    });
    await designateDemoStrategicPartners(app, demo, now, { target }, progress);
    const reassessed = await app.refreshAllStandings();
    const targets = await app.partnershipTargets();
    progress(
      `${reassessed} partnerships reassessed: ${targets.agreements.actual} active agreements, ` +
        `${targets.strategic.actual} strategic, ${targets.complete.actual} complete (completeness grows as students and research events arrive)`,
    );
  },
});
