import { pino } from "pino";
import type { DestinationStream, Logger } from "pino";

export type { Logger } from "pino";

/**
 * The service's JSON logger: one line per event, `service` on every line,
 * ISO timestamps, level names instead of numbers. Bearer tokens never reach the logs.
 * `destination` defaults to stdout (tests pass a stream to read what was logged).
 */
export function createLogger(
  service: string,
  level: string = "info",
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: ["authorization", "*.authorization", "headers.authorization", "*.headers.authorization"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
