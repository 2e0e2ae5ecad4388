import { loadConfig, serviceConfigSchema } from "@intl/config";
import type { ServiceConfig } from "@intl/config";

/**
 * Settings of the campaigns service (environment variables):
 * PORT (4004), HOST, MONGODB_URI, MONGODB_DATABASE (campaigns), KAFKA_BROKERS,
 * KAFKA_TOPIC_PREFIX, AUTH_JWT_SECRET or AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE,
 * LOG_LEVEL, OUTBOX_POLL_MS (the seed's own: see @intl/subgraph's seed runner).
 */
export function loadCampaignsConfig(env: Record<string, string | undefined> = process.env): ServiceConfig {
  return loadConfig("campaigns", serviceConfigSchema({ port: 4004, database: "campaigns" }), env);
}
