/**
 * The logging surface the kit needs; a pino logger fits it as is
 * (`logger.info({ eventId }, "published")`).
 */
export interface KitLogger {
  debug(bindings: object, message?: string): void;
  info(bindings: object, message?: string): void;
  warn(bindings: object, message?: string): void;
  error(bindings: object, message?: string): void;
  child?(bindings: Record<string, unknown>): KitLogger;
}

const ignore = () => {};

/** Discards everything: the default when no logger is given. */
export const silentLogger: KitLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/** `logger.child(bindings)` when the logger supports it, the logger itself otherwise. */
export function childLogger(logger: KitLogger, bindings: Record<string, unknown>): KitLogger {
  return logger.child ? logger.child(bindings) : logger;
}
