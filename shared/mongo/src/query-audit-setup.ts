/**
 * Vitest setup file of the integration and e2e projects: audits every query the
 * code sends through mongoose during a test file and
 * fails the file (in its `afterAll`) when one has no supporting index, naming
 * the model, the filter shape and the call site. That is the default;
 * `QUERY_AUDIT=warn` only prints the findings (to list them all while reshaping
 * queries), `QUERY_AUDIT=off` disables the audit.
 *
 * A test file that exercises the store itself rather than the services' queries (the
 * FerretDB compatibility suite) opts out by setting, with its reason,
 * `globalThis[Symbol.for("@intl/mongo/query-audit/exempt")] = "why"`.
 */
import { afterAll, beforeAll } from "vitest";
import { formatFindings, startQueryAudit } from "./query-audit.ts";
import type { QueryAudit } from "./query-audit.ts";

const mode = process.env.QUERY_AUDIT ?? "fail";
let audit: QueryAudit | undefined;

if (mode !== "off") {
  beforeAll(() => {
    audit = startQueryAudit();
  });

  afterAll(() => {
    const findings = audit?.findings() ?? [];
    audit?.stop();
    const exemption = (globalThis as Record<symbol, unknown>)[Symbol.for("@intl/mongo/query-audit/exempt")];
    if (findings.length === 0 || (typeof exemption === "string" && exemption.length > 0)) return;
    if (mode === "warn") console.warn(formatFindings(findings));
    else throw new Error(formatFindings(findings));
  });
}
