// Loads the campaigns demo data (clearly marked demo): `npm run seed -w @intl/campaigns`.
// Run it after the partnerships, research and students seeds: it waits (SEED_WAIT_SECONDS,
// default 120) until its read models, filled by their events, hold the demo partners in
// China, Brazil, Morocco and Lebanon, the demo nominations and some faculty, then creates
// the yearly missions, interviews their candidates and closes the missions that are over.
// Idempotent: re-running adds nothing twice. Settings: those of the service (src/config.ts).
import { startServiceRuntime } from "@intl/subgraph";
import { loadSeedConfig } from "../config.ts";
import { buildService, serviceName } from "../subgraph.ts";
import { loadDemoCampaigns, readModelCounts } from "./loadDemoData.ts";
import type { ReadModelCounts } from "./loadDemoData.ts";

const POLL_MS = 2000;
/** Counts unchanged over this many polls: the other seeds are done publishing. */
const STABLE_POLLS = 3;

const config = loadSeedConfig();
const progress = (message: string) => console.log(`[campaigns seed] ${message}`);

// Started (relay and read-model consumer, no HTTP) so events flow and the read models fill.
const { service, close } = await startServiceRuntime({
  name: `${serviceName}-seed`,
  config,
  build: buildService,
  logLevel: "warn",
});

const describe = (counts: ReadModelCounts) =>
  `${counts.institutions} partner institutions in CN/BR/MA/LB, ${counts.applications} nominations from them, ${counts.faculty} faculty members`;

/** Waits until the read models hold something of each kind and stop growing, or the time is up. */
async function waitForReadModels(): Promise<ReadModelCounts> {
  const deadline = Date.now() + config.SEED_WAIT_SECONDS * 1000;
  let counts = await readModelCounts(service.app);
  let last = "";
  let unchanged = 0;
  progress(`waiting up to ${config.SEED_WAIT_SECONDS}s for the other services' events…`);
  for (;;) {
    const now = describe(counts);
    if (now !== last) progress(`  ${now}`);
    unchanged = now === last ? unchanged + 1 : 0;
    last = now;
    const complete = counts.institutions > 0 && counts.applications > 0 && counts.faculty > 0;
    if ((complete && unchanged >= STABLE_POLLS) || Date.now() >= deadline) return counts;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    counts = await readModelCounts(service.app);
  }
}

let exitCode = 0;
try {
  progress(`demo data into database ${config.MONGODB_DATABASE}`);
  const counts = await waitForReadModels();
  if (counts.institutions === 0 && counts.applications === 0) {
    progress(
      "no partner institution nor nomination arrived in time: run the partnerships and students seeds (and their services' relays), then this seed again.",
    );
    exitCode = 1;
  } else {
    if (counts.applications === 0)
      progress(
        "no demo nomination yet: the missions are created with empty pipelines (they fill as nominations arrive)",
      );
    await loadDemoCampaigns(service.app, new Date(), progress);
    const published = await service.app.publishPendingEvents();
    progress(`done (${published} events published now; the others were published as they were written)`);
  }
} catch (error) {
  console.error("[campaigns seed] failed:", error);
  exitCode = 1;
} finally {
  await close();
}
process.exit(exitCode);
