// Loads the campaigns demo data (clearly marked demo): `npm run seed -w @intl/campaigns`.
// It waits (shared seed runner, SEED_WAIT_SECONDS) until the partnerships, students and research
// seeds finished and their events reached its read models (the demo partners in China, Brazil,
// Morocco and Lebanon, the demo nominations and the faculty), then creates the yearly missions,
// interviews their candidates and closes the missions that are over.
// Idempotent: re-running adds nothing twice. Settings: those of the service (src/config.ts).
import { runSeed } from "@intl/subgraph";
import { loadCampaignsConfig } from "../config.ts";
import { buildService, serviceName } from "../subgraph.ts";
import { loadDemoCampaigns, readModelCounts } from "./loadDemoData.ts";

await runSeed({
  name: serviceName,
  loadConfig: loadCampaignsConfig,
  build: buildService,
  async run({ service, progress, waitFor }) {
    await waitFor({
      what: "the other services' demo data",
      from: [
        { service: "partnerships", milestone: "finished" },
        { service: "students", milestone: "finished" },
        { service: "research", milestone: "finished" },
      ],
      async measure() {
        const counts = await readModelCounts(service.app);
        return {
          summary: `${counts.institutions} partner institutions in CN/BR/MA/LB, ${counts.applications} nominations from them, ${counts.faculty} faculty members`,
          enough: counts.institutions > 0 && counts.applications > 0 && counts.faculty > 0,
        };
      },
    });
    const counts = await readModelCounts(service.app);
    if (counts.institutions === 0 && counts.applications === 0)
      throw new Error(
        "no partner institution nor nomination arrived: run the partnerships and students seeds (and their services' relays), then this seed again",
      );
    if (counts.applications === 0)
      progress(
        "no demo nomination yet: the missions are created with empty pipelines (they fill as nominations arrive)",
      );
    await loadDemoCampaigns(service.app, new Date(), progress);
  },
});
