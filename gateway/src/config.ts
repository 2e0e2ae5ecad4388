import { logLevel, port, positiveInt } from "@intl/config";
import { z } from "zod";
import { subgraphCatalogue } from "./subgraphCatalogue.ts";

const subgraphUrl = (fallback: string) =>
  z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).default(fallback);

/** The gateway's settings: where it listens, where each subgraph is, how tokens are verified. */
export const gatewayConfigSchema = z
  .object({
    // GATEWAY_PORT wins over PORT, so a shell exporting PORT for a service does not move the gateway.
    GATEWAY_PORT: port(4000).optional(),
    PORT: port(4000),
    HOST: z.string().default("127.0.0.1"),
    PARTNERSHIPS_URL: subgraphUrl("http://127.0.0.1:4001/graphql"),
    STUDENTS_URL: subgraphUrl("http://127.0.0.1:4002/graphql"),
    RESEARCH_URL: subgraphUrl("http://127.0.0.1:4003/graphql"),
    CAMPAIGNS_URL: subgraphUrl("http://127.0.0.1:4004/graphql"),
    AUTH_JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    AUTH_JWKS_URL: z.url({ error: "must be a URL" }).optional(),
    AUTH_ISSUER: z.string().default("intl-graph"),
    AUTH_AUDIENCE: z.string().default("intl-graph"),
    LOG_LEVEL: logLevel,
    // Overload bounds (see defaultGatewayLimits in gateway.ts).
    SUBGRAPH_TIMEOUT_MS: positiveInt(5000),
    SUBGRAPH_MAX_CONNECTIONS: positiveInt(64),
    MAX_IN_FLIGHT: positiveInt(128),
    GATEWAY_OPERATION_TIMEOUT_MS: positiveInt(8000),
  })
  .refine((c) => c.AUTH_JWT_SECRET !== undefined || c.AUTH_JWKS_URL !== undefined, {
    message: "set AUTH_JWT_SECRET (development, HS256) or AUTH_JWKS_URL (production)",
    path: ["AUTH_JWT_SECRET"],
  });

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

/** The run-time URL of each subgraph, keyed by subgraph name. */
export function subgraphUrlsFrom(config: GatewayConfig): Record<string, string> {
  return Object.fromEntries(subgraphCatalogue.map(({ name, urlVariable }) => [name, config[urlVariable]]));
}
