import { z } from "zod";
import { loadConfig, serviceConfigSchema } from "@intl/config";
import type { ServiceConfig } from "@intl/config";

/**
 * Settings of the campaigns service (environment variables):
 * PORT (4004), HOST, MONGODB_URI, MONGODB_DATABASE (campaigns), KAFKA_BROKERS,
 * KAFKA_TOPIC_PREFIX, AUTH_JWT_SECRET or AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE,
 * LOG_LEVEL, OUTBOX_POLL_MS; for the seed, SEED_WAIT_SECONDS (120): how long it
 * waits for the other services' events to fill its read models.
 */
export function loadCampaignsConfig(env: Record<string, string | undefined> = process.env): ServiceConfig {
  return loadConfig("campaigns", serviceConfigSchema({ port: 4004, database: "campaigns" }), env);
}

const seedSchema = z.object({
  SEED_WAIT_SECONDS: z.coerce
    .number({ error: "must be a number" })
    .int()
    .min(1, "must be at least 1")
    .default(120),
});

export function loadSeedConfig(
  env: Record<string, string | undefined> = process.env,
): ServiceConfig & z.infer<typeof seedSchema> {
  return { ...loadCampaignsConfig(env), ...loadConfig("campaigns seed", seedSchema, env) };
}
