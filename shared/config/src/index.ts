import { z } from "zod";

/**
 * Settings are parsed and validated once, at start-up, from the environment.
 * A bad value stops the process with a message naming every variable at fault.
 */
export class ConfigError extends Error {
  readonly issues: { variable: string; message: string }[];

  constructor(service: string, issues: { variable: string; message: string }[]) {
    super(
      `Invalid configuration for ${service}:\n` +
        issues.map((i) => `  - ${i.variable}: ${i.message}`).join("\n"),
    );
    this.name = "ConfigError";
    this.issues = issues;
  }
}

/** Parses `env` with `schema`; throws a `ConfigError` listing each bad variable. */
export function loadConfig<S extends z.ZodType>(
  service: string,
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    service,
    result.error.issues.map((issue) => ({
      variable: issue.path.map(String).join(".") || "(environment)",
      message: issue.message,
    })),
  );
}

/** A TCP port number given as a string. */
export const port = (fallback: number) =>
  z.coerce
    .number({ error: "must be a number" })
    .int("must be an integer")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .default(fallback);

/** A comma-separated list of `host:port` broker addresses. */
export const brokerList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => list.length > 0, "must name at least one broker")
    .refine(
      (list) => list.every((b) => /^[^\s:]+:\d{1,5}$/.test(b)),
      "each broker must be host:port, comma-separated",
    );

/** A MongoDB connection string (MongoDB 7+ or FerretDB). */
export const mongoUri = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((value) => /^mongodb(\+srv)?:\/\//.test(value), "must start with mongodb:// or mongodb+srv://");

/** A positive whole number of milliseconds (or of anything), given as a string. */
export const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: "must be a number" })
    .int("must be an integer")
    .min(1, "must be at least 1")
    .default(fallback);

export const logLevel = z
  .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
    error: "must be one of fatal, error, warn, info, debug, trace, silent",
  })
  .default("info");

/**
 * Settings every subgraph service shares. Extend with `.extend({...})` for a
 * service's own settings.
 */
export const serviceConfigSchema = (defaults: { port: number; database: string }) =>
  z
    .object({
      PORT: port(defaults.port),
      HOST: z.string().default("127.0.0.1"),
      MONGODB_URI: mongoUri("mongodb://127.0.0.1:27027/"),
      MONGODB_DATABASE: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,60}$/, "must be 1-60 letters, digits, - or _")
        .default(defaults.database),
      KAFKA_BROKERS: brokerList("127.0.0.1:19092"),
      KAFKA_TOPIC_PREFIX: z
        .string()
        .regex(/^[A-Za-z0-9._-]*$/, "may hold only letters, digits, '.', '_' and '-'")
        .default(""),
      AUTH_JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
      AUTH_JWKS_URL: z.url({ error: "must be a URL" }).optional(),
      AUTH_ISSUER: z.string().default("intl-graph"),
      AUTH_AUDIENCE: z.string().default("intl-graph"),
      LOG_LEVEL: logLevel,
      // The outbox relay's safety-net scan: each write tells the relay, this only catches what none did.
      OUTBOX_POLL_MS: z.coerce.number().int().min(10, "must be at least 10").default(15_000),
      // Overload bounds (see shared/subgraph's server): below the gateway's SUBGRAPH_TIMEOUT_MS (5000).
      OPERATION_TIMEOUT_MS: positiveInt(4500),
      MAX_IN_FLIGHT: positiveInt(64),
      MONGODB_MAX_TIME_MS: positiveInt(4000),
      // FerretDB 1.24 holds a PostgreSQL connection per query and takes a second one to write:
      // with its pool (FERRETDB_PG_POOL, 200) exhausted it stops answering altogether. Four
      // services and their seeds at 16 each stay well inside it.
      MONGODB_MAX_POOL_SIZE: positiveInt(16),
      // Reads of GraphQL queries served from memory until this process writes, or this long
      // for writes made elsewhere (see shared/mongo/src/read-cache.ts); 0 turns it off.
      STORE_READ_CACHE_MS: z.coerce
        .number({ error: "must be a number" })
        .int("must be an integer")
        .min(0, "must be 0 (off) or more")
        .default(5000),
    })
    .refine((c) => c.AUTH_JWT_SECRET !== undefined || c.AUTH_JWKS_URL !== undefined, {
      message: "set AUTH_JWT_SECRET (development, HS256) or AUTH_JWKS_URL (production)",
      path: ["AUTH_JWT_SECRET"],
    });

export type ServiceConfig = z.infer<ReturnType<typeof serviceConfigSchema>>;
