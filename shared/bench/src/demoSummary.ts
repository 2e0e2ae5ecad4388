// The strategy KPIs of the loaded demo, printed by `npm start` (infra/dev.sh) once the seeds are
// over: what the school's leadership would look at first, read through the gateway with an ADMIN
// token like any client. Two fresh clones started on the same day print the same lines (the demo
// is seeded, laid out around the academic year, and the seeds wait for each other's events).
// Environment: GATEWAY_URL (http://127.0.0.1:4000/graphql), AUTH_JWT_SECRET (the development one),
// DEMO_STARTED_AT (epoch seconds when `npm start` began: prints the time to the full demo).
import {
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  DEVELOPMENT_JWT_SECRET,
  mintDevelopmentToken,
} from "@intl/auth";
import { graphql } from "./graphqlClient.ts";

/** The first calendar year of the academic year `now` is in (September to August), as the dashboard. */
function academicYearStart(now: Date): number {
  return now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
}

/** A cohort is named after its graduation year: this year's graduates (the dashboard's headline). */
const graduatingCohort = academicYearStart(new Date()) + 1;
const recruitmentCountries = ["CN", "BR", "MA", "LB"] as const;

interface Target {
  actual: number;
  target: number;
}
interface Count {
  totalCount: number;
}

const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)} %`);
const against = ({ actual, target }: Target) => `${actual} (target ${target})`;

/** One line of the summary: its own query, so that a slow or refused one leaves the others printed. */
interface SummaryLine {
  label: string;
  read(url: string, token: string): Promise<string>;
}
function line<T>(
  label: string,
  query: string,
  show: (data: T) => string,
  variables: Record<string, unknown> = {},
): SummaryLine {
  return { label, read: async (url, token) => show(await graphql<T>(url, token, query, variables)) };
}

const summary: SummaryLine[] = [
  line<{ partnershipTargets: Record<"agreements" | "strategic" | "complete", Target> }>(
    "Partnerships",
    `{ partnershipTargets { agreements { actual target } strategic { actual target } complete { actual target } } }`,
    ({ partnershipTargets: { agreements, strategic, complete } }) =>
      `${against(agreements)} active agreements, ${against(strategic)} strategic, ${against(complete)} complete`,
  ),
  line<{
    mobilityCompliance: {
      total: number;
      done: number;
      planned: number;
      share: number | null;
      projectedShare: number | null;
      target: number;
      atRisk: Count;
    };
  }>(
    `Mobility, cohort ${graduatingCohort}`,
    `query ($cohort: Int!) { mobilityCompliance(cohort: $cohort) {
      total done planned share projectedShare target atRisk(first: 1) { totalCount } } }`,
    ({ mobilityCompliance: c }) =>
      `${percent(c.share)} done, ${percent(c.projectedShare)} with the planned ` +
      `(${c.done} + ${c.planned} of ${c.total}; target ${percent(c.target)}); ${c.atRisk.totalCount} early warnings`,
    { cohort: graduatingCohort },
  ),
  line<{
    internationalShare: { international: number; total: number; share: number | null; target: number };
  }>(
    "International students",
    `{ internationalShare { international total share target } }`,
    ({ internationalShare: s }) =>
      `${percent(s.share)} (${s.international} of ${s.total}; target ${percent(s.target)})`,
  ),
  line<Record<string, Count>>(
    "Nominations",
    `{ ${recruitmentCountries
      .map(
        (country) =>
          `${country}: applications(filter: { countryCode: "${country}" }, first: 0) { totalCount }`,
      )
      .join(" ")} }`,
    (data) => recruitmentCountries.map((country) => `${country} ${data[country]?.totalCount}`).join(", "),
  ),
  line<{ campaigns: Count; scheduled: Count; held: Count }>(
    "Campaigns",
    `{ campaigns(first: 0) { totalCount }
      scheduled: interviews(filter: { status: SCHEDULED }, first: 0) { totalCount }
      held: interviews(filter: { status: COMPLETED }, first: 0) { totalCount } }`,
    (data) =>
      `${data.campaigns.totalCount} missions, ${data.scheduled.totalCount} interviews scheduled, ${data.held.totalCount} held`,
  ),
  line<{ admitted: Count; rejected: Count; waitlisted: Count }>(
    "Decisions",
    `{ admitted: applications(filter: { status: ADMITTED }, first: 0) { totalCount }
      rejected: applications(filter: { status: REJECTED }, first: 0) { totalCount }
      waitlisted: applications(filter: { status: WAITLISTED }, first: 0) { totalCount } }`,
    (data) =>
      `${data.admitted.totalCount} admitted, ${data.rejected.totalCount} rejected, ${data.waitlisted.totalCount} waitlisted`,
  ),
  line<{ open: Count & { nodes: { candidates: unknown[] | null }[] }; filled: Count }>(
    "PhD positions",
    `{ open: phdPositions(filter: { status: OPEN }, first: 100) { totalCount nodes { candidates { fullName } } }
      filled: phdPositions(filter: { status: FILLED }, first: 0) { totalCount } }`,
    ({ open, filled }) =>
      `${open.totalCount} open with ${open.nodes.reduce((sum, p) => sum + (p.candidates?.length ?? 0), 0)} candidates, ${filled.totalCount} filled`,
  ),
];

const url = process.env.GATEWAY_URL ?? "http://127.0.0.1:4000/graphql";
const token = await mintDevelopmentToken({
  secret: process.env.AUTH_JWT_SECRET || DEVELOPMENT_JWT_SECRET,
  issuer: process.env.AUTH_ISSUER || DEVELOPMENT_ISSUER,
  audience: process.env.AUTH_AUDIENCE || DEVELOPMENT_AUDIENCE,
  role: "ADMIN",
  subject: "demo-summary",
  expiresIn: "5m",
});

console.log("\n  The strategy in the demo (as the dashboard shows it):");
for (const { label, read } of summary) {
  let text: string;
  try {
    text = await read(url, token);
  } catch (error) {
    text = `(not answered: ${(error as Error).message})`;
  }
  console.log(`    ${label.padEnd(24)}${text}`);
}
const startedAt = Number(process.env.DEMO_STARTED_AT);
if (Number.isFinite(startedAt) && startedAt > 0)
  console.log(`\n  Ready with the full demo in ${Math.round(Date.now() / 1000 - startedAt)} s.`);
