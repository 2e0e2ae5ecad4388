/**
 * Root vitest config: three projects selected by file suffix.
 *
 *   unit         *.unit.test.ts   no infrastructure          npm test -- --project unit
 *   integration  *.int.test.ts    real Kafka + FerretDB       npm test -- --project integration
 *   e2e          *.e2e.test.ts    real Kafka + FerretDB       npm test -- --project e2e
 *
 * integration and e2e share the globalSetup of @intl/testing, which starts the infrastructure
 * once per run (shared between the two projects; not started at all when neither has selected
 * files) and provides `inject('kafkaBrokers')` / `inject('mongoUri')`. Set TEST_KAFKA_BROKERS
 * and TEST_MONGODB_URI to reuse infrastructure that is already running.
 *
 * The projects run one after another (sequence.groupOrder): unit, then integration, then e2e,
 * so the heavier suites never compete with each other for the 2 CPU cores; within a project,
 * integration files run 2 at a time and e2e files one at a time.
 */
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

// This file lives in shared/tooling; tests are found from the repository root.
const root = fileURLToPath(new URL("../..", import.meta.url));
const globalSetup = fileURLToPath(new URL("../testing/src/global-setup.ts", import.meta.url));
// Every integration and e2e file fails if the code tried to reach anything outside loopback.
const loopbackOnly = fileURLToPath(new URL("../testing/src/loopback-only.setup.ts", import.meta.url));
// The query audit: fails (QUERY_AUDIT=warn: reports) a test file whose code issued a query no declared index supports.
const queryAudit = fileURLToPath(new URL("../mongo/src/query-audit-setup.ts", import.meta.url));
const setupFiles = [loopbackOnly, queryAudit];
const exclude = [...configDefaults.exclude, "**/dist/**", "infra/.cache/**", "infra/.state/**"];

export default defineConfig({
  root,
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["**/*.unit.test.ts"],
          exclude,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude,
          globalSetup,
          setupFiles,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: "e2e",
          include: ["**/*.e2e.test.ts"],
          exclude,
          globalSetup,
          setupFiles,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // e2e files start whole services (subgraphs, gateway): one file at a time.
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
