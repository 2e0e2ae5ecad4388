import { z } from "zod";
import { loadConfig, serviceConfigSchema } from "@intl/config";
import { DEFAULT_DOSSIER_RETENTION_MONTHS } from "./domain/dossierRetention.ts";
import { DEFAULT_FLOW_IMBALANCE_RATIO } from "./domain/kpis.ts";
import { DEFAULT_AT_RISK_MONTHS } from "./domain/mobilityCompliance.ts";

/** The students service's own settings, on top of the shared ones. */
const studentsOnlySchema = z.object({
  /** Early-warning horizon of the 100 % rule: students with nothing planned this close to graduation are at risk. */
  AT_RISK_MONTHS: z.coerce
    .number()
    .int()
    .min(1, "must be at least 1")
    .max(60, "must be at most 60")
    .default(DEFAULT_AT_RISK_MONTHS),
  /** Months a non-admitted applicant's dossier documents are kept after the decision (docs/data-protection.md). */
  DOSSIER_RETENTION_MONTHS: z.coerce
    .number()
    .int()
    .min(1, "must be at least 1")
    .max(120, "must be at most 120")
    .default(DEFAULT_DOSSIER_RETENTION_MONTHS),
  /** Flows with a partner are flagged when one direction exceeds this many times the other. */
  FLOW_IMBALANCE_RATIO: z.coerce
    .number()
    .min(1, "must be at least 1")
    .max(100, "must be at most 100")
    .default(DEFAULT_FLOW_IMBALANCE_RATIO),
});

/** Settings of the service (shared ones + its own), validated once; names every bad variable. */
export function loadStudentsConfig(env: Record<string, string | undefined> = process.env) {
  const shared = loadConfig("students", serviceConfigSchema({ port: 4002, database: "students" }), env);
  const own = loadConfig("students", studentsOnlySchema, env);
  return { ...shared, ...own };
}

export type StudentsConfig = ReturnType<typeof loadStudentsConfig>;
