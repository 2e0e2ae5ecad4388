import { loadConfig, serviceConfigSchema } from "@intl/config";
import type { ServiceConfig } from "@intl/config";

/** The research service's settings (see the README for each variable): the shared ones, no extras. */
export function loadResearchConfig(env: Record<string, string | undefined> = process.env): ServiceConfig {
  return loadConfig("research", serviceConfigSchema({ port: 4003, database: "research" }), env);
}
