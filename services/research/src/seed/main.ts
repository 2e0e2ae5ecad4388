// Loads the research demo data (clearly marked demo): `npm run seed -w @intl/research`.
// Centres and faculty first; then, once the institutions read model holds the demo
// partners announced by the partnerships service (run its seed too), collaborations,
// faculty mobilities and PhD positions. Idempotent: re-running adds nothing twice.
// Settings: those of the service (src/config.ts), plus SEED_FACULTY_COUNT (default 250),
// SEED_MIN_INSTITUTIONS (default 10) and SEED_WAIT_SECONDS (default 180).
import { z } from "zod";
import { loadConfig } from "@intl/config";
import { startServiceRuntime } from "@intl/subgraph";
import { loadResearchConfig } from "../config.ts";
import { buildService, serviceName } from "../subgraph.ts";
import { loadCentresAndFaculty, loadPartnerActivity } from "./loadDemoData.ts";

const DEMO_INSTITUTION_PREFIX = "inst-demo-";

const seedSettings = loadConfig(
  "research seed",
  z.object({
    SEED_FACULTY_COUNT: z.coerce.number().int().min(10).max(2000).default(250),
    SEED_MIN_INSTITUTIONS: z.coerce.number().int().min(1).default(10),
    SEED_WAIT_SECONDS: z.coerce.number().int().min(1).default(180),
  }),
);
const config = loadResearchConfig();
const progress = (message: string) => console.log(`[research seed] ${message}`);

// Started (relay and read-model consumer, no HTTP) so events flow and the read model fills.
const { service, close } = await startServiceRuntime({
  name: `${serviceName}-seed`,
  config,
  build: buildService,
  logLevel: "warn",
});

let exitCode = 0;
try {
  const { app } = service;
  progress(`demo data into database ${config.MONGODB_DATABASE}`);

  const faculty = await loadCentresAndFaculty(app, seedSettings.SEED_FACULTY_COUNT, progress);

  progress(
    `waiting for at least ${seedSettings.SEED_MIN_INSTITUTIONS} demo institutions from the partnerships service…`,
  );
  const deadline = Date.now() + seedSettings.SEED_WAIT_SECONDS * 1000;
  let known = (await app.listKnownInstitutions()).filter((i) => i._id.startsWith(DEMO_INSTITUTION_PREFIX));
  let lastReported = -1;
  while (known.length < seedSettings.SEED_MIN_INSTITUTIONS && Date.now() < deadline) {
    if (known.length !== lastReported) progress(`  ${known.length} demo institutions known so far`);
    lastReported = known.length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    known = (await app.listKnownInstitutions()).filter((i) => i._id.startsWith(DEMO_INSTITUTION_PREFIX));
  }
  if (known.length === 0) {
    progress(
      `no demo institution arrived within ${seedSettings.SEED_WAIT_SECONDS}s: run the partnerships seed (npm run seed -w @intl/partnerships), then this seed again. Centres and faculty are loaded.`,
    );
    exitCode = 1;
  } else {
    if (known.length < seedSettings.SEED_MIN_INSTITUTIONS)
      progress(`only ${known.length} demo institutions known: going on with them`);
    const institutions = known.map((institution) => ({
      id: institution._id,
      countryCode: institution.countryCode,
    }));
    await loadPartnerActivity(app, institutions, faculty, new Date(), progress);
  }
  const published = await service.publishPending();
  progress(`done (${published} events published now; the others were published as they were written)`);
} catch (error) {
  console.error("[research seed] failed:", error);
  exitCode = 1;
} finally {
  await close();
}
process.exit(exitCode);
