// Loads the research demo data (clearly marked demo): `npm run seed -w @intl/research`.
// Centres and faculty first; then, once the institutions read model holds the demo partners
// the partnerships seed announced (shared seed runner, SEED_WAIT_SECONDS), collaborations,
// faculty mobilities and PhD positions; then it announces `collaborations` to the other seeds.
// Idempotent: re-running adds nothing twice. Settings: those of the service (src/config.ts),
// SEED_FACULTY_COUNT (250), SEED_MIN_INSTITUTIONS (10: enough when it runs alone).
import { z } from "zod";
import { loadConfig } from "@intl/config";
import { runSeed } from "@intl/subgraph";
import { loadResearchConfig } from "../config.ts";
import { buildService, serviceName } from "../subgraph.ts";
import { loadCentresAndFaculty, loadPartnerActivity } from "./loadDemoData.ts";

const DEMO_INSTITUTION_PREFIX = "inst-demo-";

const seedSettings = loadConfig(
  "research seed",
  z.object({
    SEED_FACULTY_COUNT: z.coerce.number().int().min(10).max(2000).default(250),
    SEED_MIN_INSTITUTIONS: z.coerce.number().int().min(1).default(10),
  }),
);

await runSeed({
  name: serviceName,
  loadConfig: loadResearchConfig,
  build: buildService,
  async run({ service, progress, waitFor, announce }) {
    const { app } = service;
    const faculty = await loadCentresAndFaculty(app, seedSettings.SEED_FACULTY_COUNT, progress);
    const demoInstitutions = async () =>
      (await app.listKnownInstitutions()).filter((i) => i._id.startsWith(DEMO_INSTITUTION_PREFIX));
    await waitFor({
      what: "the demo partner institutions",
      from: [{ service: "partnerships", milestone: "partners" }],
      async measure() {
        const known = (await demoInstitutions()).length;
        return {
          summary: `${known} demo institutions known`,
          enough: known >= seedSettings.SEED_MIN_INSTITUTIONS,
        };
      },
    });
    const known = await demoInstitutions();
    if (known.length === 0)
      throw new Error(
        "no demo institution arrived: run the partnerships seed (npm run seed -w @intl/partnerships), then this seed again. Centres and faculty are loaded.",
      );
    const institutions = known.map((institution) => ({
      id: institution._id,
      countryCode: institution.countryCode,
    }));
    await loadPartnerActivity(app, institutions, faculty, new Date(), progress);
    await announce("collaborations");
  },
});
