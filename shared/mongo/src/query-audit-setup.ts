/**
 * Vitest setup file of the integration and e2e projects: audits every query the
 * code sends through mongoose during a test file and, with `QUERY_AUDIT=fail`,
 * fails the file (in its `afterAll`) when one has no supporting index, naming
 * the model, the filter shape and the call site. `QUERY_AUDIT=warn` (the default
 * for now) prints the findings; `QUERY_AUDIT=off` disables the audit.
 */
import { afterAll, beforeAll } from "vitest";
import { formatFindings, startQueryAudit } from "./query-audit.ts";
import type { QueryAudit } from "./query-audit.ts";

// Default "warn" until the findings listed in the issue-9 report are indexed, reshaped or allowed; then "fail".
const mode = process.env.QUERY_AUDIT ?? "warn";
let audit: QueryAudit | undefined;

if (mode !== "off") {
  beforeAll(() => {
    audit = startQueryAudit();
  });

  afterAll(() => {
    const findings = audit?.findings() ?? [];
    audit?.stop();
    if (findings.length === 0) return;
    if (mode === "warn") console.warn(formatFindings(findings));
    else throw new Error(formatFindings(findings));
  });
}
