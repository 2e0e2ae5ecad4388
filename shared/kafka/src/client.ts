import { Kafka, logLevel as KafkaLogLevel } from "kafkajs";
import type { logCreator, LogEntry } from "kafkajs";
import type { KitLogger } from "./logger.ts";

/** Pino-style level names, as in `LOG_LEVEL`. */
export type LogLevelName = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

export interface CreateKafkaOptions {
  clientId: string;
  brokers: string[];
  /** kafkajs' own chatter; default WARN (connection and rebalance details are debug noise). */
  logLevel?: KafkaLogLevel | LogLevelName;
  /** Where kafkajs logs go (e.g. the service's pino logger); default: JSON lines on the console. */
  logger?: KitLogger;
}

const levelsByName: Record<LogLevelName, KafkaLogLevel> = {
  silent: KafkaLogLevel.NOTHING,
  fatal: KafkaLogLevel.ERROR,
  error: KafkaLogLevel.ERROR,
  // kafkajs logs every connection and group join at INFO: keep service `info` quiet.
  warn: KafkaLogLevel.WARN,
  info: KafkaLogLevel.WARN,
  debug: KafkaLogLevel.DEBUG,
  trace: KafkaLogLevel.DEBUG,
};

function kafkaLogLevel(level: CreateKafkaOptions["logLevel"]): KafkaLogLevel {
  if (level === undefined) return KafkaLogLevel.WARN;
  return typeof level === "number" ? level : levelsByName[level];
}

/**
 * The kit bounds the idempotent producer's retries on purpose (a missing topic
 * must fail a send, not retry forever); kafkajs warns about it at every producer
 * creation. Delivery is at-least-once with consumer deduplication anyway.
 */
function isDeliberateRetryLimitWarning(message: string): boolean {
  return message.includes("Limiting retries for the idempotent producer");
}

function toConsole(): logCreator {
  return () =>
    ({ label, level, log }: LogEntry) => {
      if (isDeliberateRetryLimitWarning(log.message)) return;
      const line = JSON.stringify({ level: label, ...log, logger: "kafkajs" });
      if (level === KafkaLogLevel.ERROR) console.error(line);
      else console.log(line);
    };
}

function bridgeTo(logger: KitLogger): logCreator {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _timestamp, logger: _name, ...extra } = log;
      if (isDeliberateRetryLimitWarning(message)) return;
      const bindings = { kafka: namespace, ...extra };
      if (level === KafkaLogLevel.ERROR) logger.error(bindings, message);
      else if (level === KafkaLogLevel.WARN) logger.warn(bindings, message);
      else if (level === KafkaLogLevel.INFO) logger.info(bindings, message);
      else logger.debug(bindings, message);
    };
}

/** A kafkajs client for `brokers`, quiet by default. Producers and consumers are made by the kit's functions. */
export function createKafka(options: CreateKafkaOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: kafkaLogLevel(options.logLevel),
    logCreator: options.logger ? bridgeTo(options.logger) : toConsole(),
    retry: { initialRetryTime: 100, retries: 8 },
  });
}
