/**
 * @intl/testing — test harness shared by the services.
 *
 * - `startInfra()` starts a private Kafka + FerretDB (see /infra) for a test run; the vitest
 *   globalSetup `@intl/testing/global-setup` does it once per run and provides
 *   `inject('kafkaBrokers')` and `inject('mongoUri')` to integration and e2e tests.
 * - Helpers: `expectEventually`, `uniqueName`, `freshMongoUri`, `freePort`.
 * - `startTestService` / `TestService`: one service under integration test (every service's harness).
 */
export { expectEventually, freePort, freePorts, freshMongoUri, uniqueName } from "./helpers.ts";
export type { ExpectEventuallyOptions } from "./helpers.ts";
export { findRepoRoot, startInfra } from "./infra.ts";
export { startTestService, testViewer, TestService } from "./test-service.ts";
export type {
  ForeignEvent,
  GraphQLAnswer,
  ServiceUnderTest,
  TestClaims,
  TestServiceDeps,
  TestServiceOptions,
} from "./test-service.ts";
export type { Infra, StartInfraOptions } from "./infra.ts";
// Type-only: also brings the `ProvidedContext` augmentation of vitest (kafkaBrokers, mongoUri)
// into every program that imports this package.
export type { InfraContext } from "./global-setup.ts";
