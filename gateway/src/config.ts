import { readFileSync } from "node:fs";
import { logLevel, port, positiveInt } from "@intl/config";
import { z } from "zod";
import { parseOrigins } from "./cors.ts";
import { defaultSchoolCircuit } from "./gateway.ts";
import type { EdgeSettings, SchoolSettings } from "./gateway.ts";
import { defaultRegisterPath } from "./register/subgraphRegister.ts";
import type { SubgraphSdl } from "./supergraph.ts";
import { defaultQueryLimits } from "./queryLimits.ts";
import type { QueryLimits } from "./queryLimits.ts";
import { subgraphCatalogue } from "./subgraphCatalogue.ts";
import { readTrustedDocuments } from "./trustedDocuments.ts";

const flag = z
  .enum(["true", "false"], { error: "must be true or false" })
  .transform((value) => value === "true");

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
    // The edge (see gateway/README.md): production tightens the development defaults.
    NODE_ENV: z.string().default("development"),
    CORS_ORIGINS: z
      .string()
      .default("")
      .transform((value, context) => {
        const { origins, invalid } = parseOrigins(value);
        for (const entry of invalid) {
          context.addIssue({
            code: "custom",
            message: `"${entry}" is not an origin like https://app.example.org`,
          });
        }
        return origins;
      }),
    INTROSPECTION: z.enum(["public", "analysts"], { error: "must be public or analysts" }).optional(),
    GRAPHIQL: flag.optional(),
    QUERY_MAX_DEPTH: positiveInt(defaultQueryLimits.maxDepth),
    QUERY_MAX_FIELDS: positiveInt(defaultQueryLimits.maxFields),
    QUERY_MAX_COST: positiveInt(defaultQueryLimits.maxCost),
    QUERY_MAX_TOKENS: positiveInt(defaultQueryLimits.maxTokens),
    QUERY_DEFAULT_LIST_SIZE: positiveInt(defaultQueryLimits.defaultListSize),
    TRUSTED_DOCUMENTS: z.string().min(1).optional(),
    TRUSTED_DOCUMENTS_ONLY: flag.default(false),
    // Other IMT schools' subgraphs (docs/federating-a-school.md).
    SUBGRAPH_REGISTER: z.string().min(1).default(defaultRegisterPath),
    SCHOOL_TOKEN_ISSUER: z.string().min(1).default("intl-graph-gateway"),
    SCHOOL_SIGNING_KEY_FILE: z.string().min(1).optional(),
    SCHOOL_CIRCUIT_FAILURES: positiveInt(defaultSchoolCircuit.failureThreshold),
    SCHOOL_CIRCUIT_COOLDOWN_MS: positiveInt(defaultSchoolCircuit.cooldownMs),
    // The key of ANALYSTs' pseudonyms (docs/data-protection.md); required in production.
    PSEUDONYM_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  })
  .refine((c) => !c.TRUSTED_DOCUMENTS_ONLY || c.TRUSTED_DOCUMENTS !== undefined, {
    message: "TRUSTED_DOCUMENTS_ONLY needs TRUSTED_DOCUMENTS (the manifest's path)",
    path: ["TRUSTED_DOCUMENTS_ONLY"],
  })
  .refine((c) => c.NODE_ENV !== "production" || c.PSEUDONYM_KEY !== undefined, {
    message: "set PSEUDONYM_KEY in production (the development key lets anyone recompute pseudonyms)",
    path: ["PSEUDONYM_KEY"],
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

/**
 * The edge settings: in production (NODE_ENV=production) introspection is for
 * analysts only and GraphiQL is off unless INTROSPECTION / GRAPHIQL say otherwise.
 */
export function edgeSettingsFrom(config: GatewayConfig): EdgeSettings {
  const production = config.NODE_ENV === "production";
  return {
    corsOrigins: config.CORS_ORIGINS,
    introspection: config.INTROSPECTION ?? (production ? "analysts" : "public"),
    graphiql: config.GRAPHIQL ?? !production,
    ...(config.TRUSTED_DOCUMENTS
      ? {
          trustedDocuments: {
            documents: readTrustedDocuments(config.TRUSTED_DOCUMENTS),
            only: config.TRUSTED_DOCUMENTS_ONLY,
          },
        }
      : {}),
  };
}

export function queryLimitsFrom(config: GatewayConfig): QueryLimits {
  return {
    maxDepth: config.QUERY_MAX_DEPTH,
    maxFields: config.QUERY_MAX_FIELDS,
    maxCost: config.QUERY_MAX_COST,
    maxTokens: config.QUERY_MAX_TOKENS,
    defaultListSize: config.QUERY_DEFAULT_LIST_SIZE,
  };
}

/** Where the register is, how schools' tokens are signed, when a school's circuit opens. */
export function schoolSettingsFrom(config: GatewayConfig, ours: readonly SubgraphSdl[]): SchoolSettings {
  return {
    register: { path: config.SUBGRAPH_REGISTER, ours },
    tokenIssuer: config.SCHOOL_TOKEN_ISSUER,
    ...(config.SCHOOL_SIGNING_KEY_FILE
      ? { signingKeyPem: readFileSync(config.SCHOOL_SIGNING_KEY_FILE, "utf8") }
      : {}),
    circuit: {
      failureThreshold: config.SCHOOL_CIRCUIT_FAILURES,
      cooldownMs: config.SCHOOL_CIRCUIT_COOLDOWN_MS,
    },
  };
}
