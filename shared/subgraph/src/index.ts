export { createLogger } from "./logger.ts";
export type { Logger } from "./logger.ts";
export * from "./errors.ts";
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
  DEFAULT_SEED_WAIT_SECONDS,
  runSeed,
  seedMilestones,
  seedSettingsFrom,
  unconsumedMessages,
  waitForReadModel,
} from "./seed-runner.ts";
export type {
  ReadModelNeed,
  Seed,
  SeedableService,
  SeedMilestone,
  SeedSettings,
  WaitOutcome,
} from "./seed-runner.ts";
export { demoSurnames, pick, pickWeighted, seededRandom } from "./seed-random.ts";
export { defineSubgraphService, serviceShape, serviceTopics } from "./service-definition.ts";
export { periodicJob } from "./periodic-job.ts";
export type { PeriodicJobOptions } from "./periodic-job.ts";
export type {
  HandledEvent,
  ScheduledJob,
  PersonalDataParts,
  ServiceKit,
  ServiceParts,
  ServiceShape,
  SubgraphService,
  SubgraphServiceDefinition,
} from "./service-definition.ts";
export {
  closeOnSignals,
  runSubgraphService,
  settingsOrExit,
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
export { erasureReceiptModel, isErasureRequest } from "./erasure-participant.ts";
export type {
  ErasedPerson,
  ErasureParticipantOptions,
  ErasureReceiptDocument,
  ErasureRequest,
} from "./erasure-participant.ts";
export { accessRecordModel, accessTrail, MAX_PENDING_ACCESS_RECORDS } from "./access-record.ts";
export type {
  AccessRecordDocument,
  AccessTrailArgs,
  PersonalDataAccess,
  PersonalFields,
  PersonalWrite,
} from "./access-record.ts";
export { exportedDocument, JSONScalar, personFromSubjectId, subjectIdOf } from "./personal-data-export.ts";
