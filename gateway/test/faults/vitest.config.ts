/**
 * The fault suite (`npm run test:faults`): files *.fault.test.ts of this folder, one at a time,
 * on infrastructure of their own — a three-broker Kafka cluster, PostgreSQL and FerretDB started
 * by global-setup.ts on free ports with a state dir of their own — because the scenarios kill
 * brokers and consumers; the shared test infrastructure must never see that.
 *
 * Size: FAULT_WRITES domain writes in the broker scenario (default 5,000, the figure; CI
 * runs a smaller profile through infra/test.sh). Each scenario prints its figures.
 */
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export default defineConfig({
  root,
  test: {
    name: "faults",
    include: ["gateway/test/faults/**/*.fault.test.ts"],
    exclude: [...configDefaults.exclude, "**/dist/**", "infra/.cache/**", "infra/.state/**"],
    globalSetup: here("./global-setup.ts"),
    // Nothing may leave loopback, and every query the services send must be supported by an index.
    setupFiles: [
      here("../../../shared/testing/src/loopback-only.setup.ts"),
      here("../../../shared/mongo/src/query-audit-setup.ts"),
    ],
    // A scenario waits for brokers to die, be elected away from and come back: minutes, not seconds.
    testTimeout: 900_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    maxWorkers: 1,
    // The figures are the point: print them as they come.
    reporters: ["default"],
  },
});
