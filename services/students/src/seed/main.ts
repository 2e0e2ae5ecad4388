// Loads the DEMO data of the students service (`npm run seed -w @intl/students`): demo students,
// mobilities consistent with the partners' agreements and seats, and nominations from partners.
// Idempotent: a second run tops up what is missing. It needs the partnerships service's agreements,
// which it learns only from its own read model (filled by consuming partnerships' events): it waits
// (shared seed runner, SEED_WAIT_SECONDS) until the partnerships seed announced its partners and
// their events reached the read model. Settings: those of the service (src/config.ts), SEED_STUDENTS (3000).
// On FerretDB, prefer running it while the students service is stopped: two processes writing the
// same documents at once can lose an update there (see createWriteQueue in @intl/mongo).
import { z } from "zod";
import { loadConfig } from "@intl/config";
import { runSeed } from "@intl/subgraph";
import { loadStudentsConfig } from "../config.ts";
import { buildService, serviceName } from "../subgraph.ts";
import { loadDemoData } from "./loadDemoData.ts";

const seedSettings = loadConfig(
  "students seed",
  z.object({ SEED_STUDENTS: z.coerce.number().int().min(0).max(100_000).default(3000) }),
);

await runSeed({
  name: serviceName,
  loadConfig: loadStudentsConfig,
  build: buildService,
  async run({ service, progress, waitFor }) {
    const { summary } = await waitFor({
      what: "the partnerships agreements",
      from: [{ service: "partnerships", milestone: "partners" }],
      async measure() {
        const agreements = (await service.app.listActiveAgreements()).length;
        return { summary: `${agreements} active agreements known`, enough: agreements > 0 };
      },
    });
    if ((await service.app.listActiveAgreements()).length === 0)
      throw new Error(`${summary}: run the partnerships service and its seed first`);
    progress(`loading ${seedSettings.SEED_STUDENTS} demo students`);
    const report = await loadDemoData(service.app, {
      students: seedSettings.SEED_STUDENTS,
      now: new Date(),
      log: progress,
    });
    progress(`loaded: ${JSON.stringify(report)}`);
  },
});
