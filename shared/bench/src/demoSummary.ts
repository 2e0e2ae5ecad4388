// The strategy KPIs of the loaded demo, printed by `npm start` (infra/dev.sh) once the seeds are
// over: what the school's leadership would look at first, read through the gateway with an ADMIN
// token like any client. Two fresh clones started the same academic year print the same lines
// (the demo is seeded and its figures depend on the academic year only).
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

const start = academicYearStart(new Date());
/** A cohort is named after its graduation year: this year's graduates (the dashboard's headline). */
const graduatingCohort = start + 1;
const recruitmentCountries = ["CN", "BR", "MA", "LB"] as const;

const summaryQuery = `query DemoSummary($cohort: Int!) {
  partnershipTargets {
    agreements { actual target }
    strategic { actual target }
    complete { actual target }
  }
  internationalShare { international total share target }
  mobilityCompliance(cohort: $cohort) {
    total done planned share projectedShare target
    atRisk(first: 1) { totalCount }
  }
  ${recruitmentCountries
    .map(
      (country) =>
        `nominations${country}: applications(filter: { countryCode: "${country}" }, first: 0) { totalCount }`,
    )
    .join("\n  ")}
  admitted: applications(filter: { status: ADMITTED }, first: 0) { totalCount }
  rejected: applications(filter: { status: REJECTED }, first: 0) { totalCount }
  waitlisted: applications(filter: { status: WAITLISTED }, first: 0) { totalCount }
  interviewsScheduled: interviews(filter: { status: SCHEDULED }, first: 0) { totalCount }
  interviewsCompleted: interviews(filter: { status: COMPLETED }, first: 0) { totalCount }
  campaigns(first: 0) { totalCount }
  phdOpen: phdPositions(filter: { status: OPEN }, first: 100) { totalCount nodes { candidates { fullName } } }
  phdFilled: phdPositions(filter: { status: FILLED }, first: 0) { totalCount }
}`;

interface Target {
  actual: number;
  target: number;
}
interface Count {
  totalCount: number;
}
type Summary = {
  partnershipTargets: { agreements: Target; strategic: Target; complete: Target };
  internationalShare: { international: number; total: number; share: number | null; target: number };
  mobilityCompliance: {
    total: number;
    done: number;
    planned: number;
    share: number | null;
    projectedShare: number | null;
    target: number;
    atRisk: Count;
  };
  admitted: Count;
  rejected: Count;
  waitlisted: Count;
  interviewsScheduled: Count;
  interviewsCompleted: Count;
  campaigns: Count;
  phdOpen: Count & { nodes: { candidates: { fullName: string }[] | null }[] };
  phdFilled: Count;
} & Record<`nominations${(typeof recruitmentCountries)[number]}`, Count>;

const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)} %`);
const against = ({ actual, target }: Target) => `${actual} (target ${target})`;

const url = process.env.GATEWAY_URL ?? "http://127.0.0.1:4000/graphql";
const token = await mintDevelopmentToken({
  secret: process.env.AUTH_JWT_SECRET || DEVELOPMENT_JWT_SECRET,
  issuer: process.env.AUTH_ISSUER || DEVELOPMENT_ISSUER,
  audience: process.env.AUDIENCE || DEVELOPMENT_AUDIENCE,
  role: "ADMIN",
  subject: "demo-summary",
  expiresIn: "5m",
});

try {
  const kpi = await graphql<Summary>(url, token, summaryQuery, { cohort: graduatingCohort });
  const { agreements, strategic, complete } = kpi.partnershipTargets;
  const cohort = kpi.mobilityCompliance;
  const international = kpi.internationalShare;
  const nominations = recruitmentCountries.map(
    (country) => `${country} ${kpi[`nominations${country}`].totalCount}`,
  );
  const candidates = kpi.phdOpen.nodes.reduce((sum, position) => sum + (position.candidates?.length ?? 0), 0);
  const lines = [
    `Agreements (active)         ${against(agreements)}`,
    `Strategic partnerships      ${against(strategic)}`,
    `Complete partnerships       ${against(complete)}`,
    `Mobility, cohort ${graduatingCohort}       ${percent(cohort.share)} done, ${percent(cohort.projectedShare)} with the planned (${cohort.done} + ${cohort.planned} of ${cohort.total}; target ${percent(cohort.target)}); ${cohort.atRisk.totalCount} early warnings`,
    `International students      ${percent(international.share)} (${international.international} of ${international.total}; target ${percent(international.target)})`,
    `Nominations by country      ${nominations.join(", ")}`,
    `Campaigns and interviews    ${kpi.campaigns.totalCount} campaigns, ${kpi.interviewsScheduled.totalCount} interviews scheduled, ${kpi.interviewsCompleted.totalCount} held; decided: ${kpi.admitted.totalCount} admitted, ${kpi.rejected.totalCount} rejected, ${kpi.waitlisted.totalCount} waitlisted`,
    `PhD positions               ${kpi.phdOpen.totalCount} open (${candidates} candidates), ${kpi.phdFilled.totalCount} filled`,
  ];
  console.log(
    `\n  The strategy in the demo (as the dashboard shows it):\n${lines.map((line) => `    ${line}`).join("\n")}`,
  );
} catch (error) {
  console.error(`  (no KPI summary: ${(error as Error).message})`);
}
const startedAt = Number(process.env.DEMO_STARTED_AT);
if (Number.isFinite(startedAt) && startedAt > 0)
  console.log(`\n  Ready with the full demo in ${Math.round(Date.now() / 1000 - startedAt)} s.`);
