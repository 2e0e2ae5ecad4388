/**
 * The fuzz run (`npm run test:fuzz`): files *.fuzz.test.ts of this folder, on the shared test
 * infrastructure (the globalSetup of @intl/testing: started for the run, or TEST_KAFKA_BROKERS and
 * TEST_MONGODB_URI to reuse a running one), the whole system in-process as the e2e tests build it.
 *
 * Size: FUZZ_OPERATIONS requests (default 10,000, the figure; CI runs 1,000 through
 * infra/test.sh), drawn from FUZZ_SEED (printed; random when unset), FUZZ_CONCURRENCY at a time (4).
 */
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export default defineConfig({
  root,
  test: {
    name: "fuzz",
    include: ["gateway/test/fuzz/**/*.fuzz.test.ts"],
    exclude: [...configDefaults.exclude, "**/dist/**", "infra/.cache/**", "infra/.state/**"],
    globalSetup: here("../../../shared/testing/src/global-setup.ts"),
    // Nothing may leave loopback. The query audit reports (not fails): generated filters and sorts
    // reach query shapes no other test asks for, and the run's verdict is about what clients read;
    // its findings are printed for the services to index.
    env: { QUERY_AUDIT: process.env.QUERY_AUDIT ?? "warn" },
    setupFiles: [
      here("../../../shared/testing/src/loopback-only.setup.ts"),
      here("../../../shared/mongo/src/query-audit-setup.ts"),
    ],
    // 10,000 requests on a loaded 2-core machine: many minutes.
    testTimeout: 3_600_000,
    hookTimeout: 300_000,
    maxWorkers: 1,
    reporters: ["default"],
  },
});
