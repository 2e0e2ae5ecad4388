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
export {
  abortedOperationError,
  boundResolversBySignal,
  ClientClosedRequest,
  CLIENT_CLOSED_REQUEST,
  DeadlineExceeded,
  requestSignal,
  TIMEOUT,
} from "./deadline.ts";
export { OVERLOADED, overloadedBody, shedLoad } from "./load-shedding.ts";
export type { LoadSheddingOptions } from "./load-shedding.ts";
export { createSubgraphServer, defaultSubgraphLimits } from "./server.ts";
export type {
  ListenOptions,
  SubgraphServerLimits,
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
