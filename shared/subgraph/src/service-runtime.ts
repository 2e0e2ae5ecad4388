import { createTokenVerifier, type TokenVerifier, type Viewer } from "@intl/auth";
import { ConfigError } from "@intl/config";
import type { ServiceConfig } from "@intl/config";
import { createKafka, ensureTopics } from "@intl/kafka";
import { connectMongo } from "@intl/mongo";
import { startTelemetry, telemetrySettingsFrom } from "@intl/telemetry";
import type { TelemetrySettings } from "@intl/telemetry";
import type { Kafka } from "kafkajs";
import type { Connection } from "mongoose";
import type { Logger } from "pino";
import { createLogger } from "./logger.ts";
import type { ListenOptions, ListeningSubgraph } from "./server.ts";

/** The settings a token verifier is made from (those of `serviceConfigSchema`). */
export type AuthSettings = Pick<
  ServiceConfig,
  "AUTH_JWT_SECRET" | "AUTH_JWKS_URL" | "AUTH_ISSUER" | "AUTH_AUDIENCE"
>;

/** A token verifier from the AUTH_* settings: the HS256 secret, the JWKS URL, or both. */
export function tokenVerifierFromSettings(settings: AuthSettings): TokenVerifier {
  return createTokenVerifier({
    ...(settings.AUTH_JWT_SECRET ? { secret: settings.AUTH_JWT_SECRET } : {}),
    ...(settings.AUTH_JWKS_URL ? { jwksUrl: settings.AUTH_JWKS_URL } : {}),
    issuer: settings.AUTH_ISSUER,
    audience: settings.AUTH_AUDIENCE,
  });
}

/** What every service's `buildService` receives from the outside world. */
export interface ServiceRuntimeDeps {
  connection: Connection;
  kafka: Kafka;
  topicPrefix: string;
  verifyToken: (authorization?: string) => Promise<Viewer>;
  logger: Logger;
  outboxPollMs: number;
}

/**
 * What each service's `buildService` accepts: the runtime's dependencies, with the
 * relay's safety-net scan interval optional, plus a clock and an id source that tests fix.
 * A service adds its own options by extending it.
 */
export interface BaseServiceDeps extends Omit<ServiceRuntimeDeps, "outboxPollMs"> {
  /** Interval of the outbox relay's safety-net scan (writes tell the relay directly). Default 15 s. */
  outboxPollMs?: number;
  /** Default `() => new Date()`. */
  clock?: () => Date;
  /** Default `crypto.randomUUID`. */
  newId?: () => string;
}

/** The uniform shape of a built service (see each service's `subgraph.ts`). */
export interface RunnableService {
  topics: string[];
  start(): Promise<void>;
  stop(): Promise<void>;
  server: { listen(address: ListenOptions): Promise<ListeningSubgraph> };
}

export interface StartedService<S extends RunnableService> {
  service: S;
  logger: Logger;
  /** The service's Kafka client (a seed asks it where the service's consumer stands). */
  kafka: Kafka;
  /** Stops the service (consumers, relay flush, Apollo) and closes the store connection. */
  close(): Promise<void>;
}

/**
 * Starts tracing (service.name: the service's name; see @intl/telemetry), connects
 * to the store and Kafka as `config` says, builds the service, creates its topics
 * and starts its relay, consumers and jobs — without listening. Used by each
 * service's `main.ts` (through `runSubgraphService`) and by its demo seed.
 */
export async function startServiceRuntime<S extends RunnableService>(options: {
  name: string;
  config: ServiceConfig;
  build: (deps: ServiceRuntimeDeps) => S;
  /** Overrides LOG_LEVEL (a seed keeps the service quiet). */
  logLevel?: ServiceConfig["LOG_LEVEL"];
  /** Where spans go; default: the OTEL_* variables of the environment (off unless set). */
  telemetry?: TelemetrySettings;
}): Promise<StartedService<S>> {
  const { name, config } = options;
  // First: the store connection monitors its commands only when tracing is on at connect time.
  const telemetry = startTelemetry({
    serviceName: name,
    settings: options.telemetry ?? telemetrySettingsFrom(),
  });
  const logger = createLogger(name, options.logLevel ?? config.LOG_LEVEL);
  const connection = await connectMongo(config.MONGODB_URI, config.MONGODB_DATABASE, {
    maxTimeMS: config.MONGODB_MAX_TIME_MS,
    maxPoolSize: config.MONGODB_MAX_POOL_SIZE,
    readCacheMs: config.STORE_READ_CACHE_MS,
  });
  const kafka = createKafka({
    clientId: name,
    brokers: config.KAFKA_BROKERS,
    logLevel: options.logLevel ?? config.LOG_LEVEL,
    logger,
  });
  const service = options.build({
    connection,
    kafka,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    verifyToken: tokenVerifierFromSettings(config),
    logger,
    outboxPollMs: config.OUTBOX_POLL_MS,
  });
  await ensureTopics(kafka, service.topics, { prefix: config.KAFKA_TOPIC_PREFIX });
  await service.start();
  return {
    service,
    logger,
    kafka,
    async close() {
      await service.stop();
      await connection.close();
      // The spans of the shutdown itself (the relay's last publications) included.
      await telemetry.shutdown();
    },
  };
}

/**
 * Runs `close` once on the first SIGINT or SIGTERM, then exits 0, or 1 when closing
 * failed (logged). The process's only shutdown path.
 */
export function closeOnSignals(logger: Logger, close: () => Promise<void>): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "shutting down");
    close().then(
      () => {
        logger.info("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, "unclean shutdown");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
}

/**
 * The settings `load` reads from the environment; on invalid settings, prints what is
 * wrong (no stack: it is the operator's input, not a bug) and exits 1.
 */
export function settingsOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/**
 * A service's whole `main.ts`: read its settings (`loadConfig`; invalid ones exit 1), start
 * it (see `startServiceRuntime`), listen on HOST:PORT, and on SIGINT/SIGTERM stop listening,
 * stop the service (its relay flushes the outbox) and disconnect.
 */
export async function runSubgraphService<S extends RunnableService, C extends ServiceConfig>(options: {
  name: string;
  loadConfig: () => C;
  /** Builds the service from the runtime's dependencies and its own settings. */
  build: (deps: ServiceRuntimeDeps, config: C) => S;
}): Promise<S> {
  const config = settingsOrExit(options.loadConfig);
  const started = await startServiceRuntime({
    name: options.name,
    config,
    build: (deps) => options.build(deps, config),
  });
  const listening = await started.service.server.listen({
    port: config.PORT,
    host: config.HOST,
    limits: {
      operationTimeoutMs: config.OPERATION_TIMEOUT_MS,
      maxInFlight: config.MAX_IN_FLIGHT,
    },
  });
  started.logger.info({ url: listening.url }, `${options.name} subgraph ready`);
  closeOnSignals(started.logger, async () => {
    await listening.close();
    await started.close();
  });
  return started.service;
}
