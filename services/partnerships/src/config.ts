import { loadConfig, serviceConfigSchema } from "@intl/config";
import { z } from "zod";

/** The settings shared by every subgraph, plus this service's own. */
export function loadPartnershipsConfig(env: Record<string, string | undefined> = process.env) {
  const shared = loadConfig(
    "partnerships",
    serviceConfigSchema({ port: 4001, database: "partnerships" }),
    env,
  );
  const own = loadConfig(
    "partnerships",
    z.object({
      /** How often the expiry job looks for agreements whose last academic year is over. */
      EXPIRY_INTERVAL_MS: z.coerce.number().int().min(1000, "must be at least 1000").default(60_000),
    }),
    env,
  );
  return { ...shared, ...own };
}

export type PartnershipsConfig = ReturnType<typeof loadPartnershipsConfig>;
