export { createLogger } from "./logger.ts";
export type { Logger } from "./logger.ts";
export {
  formatError,
  graphqlCodeFor,
  isGraphQLError,
  isUnexpectedError,
  rootCause,
  MASKED_ERROR,
} from "./errors.ts";
export { buildBaseContext, createRequestContext, requestIdFrom } from "./context.ts";
export type { BaseContext } from "./context.ts";
export { createByIdLoader } from "./loaders.ts";
export { runReadinessChecks } from "./readiness.ts";
export type { ReadinessCheck, ReadinessReport, CheckOutcome } from "./readiness.ts";
export { operationLogPlugin } from "./operation-log.ts";
export { createSubgraphServer } from "./server.ts";
export type {
  SubgraphServer,
  SubgraphServerOptions,
  SubgraphResolvers,
  ListeningSubgraph,
} from "./server.ts";
export {
  closeOnSignals,
  runSubgraphService,
  startServiceRuntime,
  tokenVerifierFromSettings,
} from "./service-runtime.ts";
export type {
  AuthSettings,
  BaseServiceDeps,
  RunnableService,
  ServiceRuntimeDeps,
  StartedService,
} from "./service-runtime.ts";
