/**
 * The operations GraphiQL opens with, one tab each, runnable at once with the token
 * each names (a unit test validates every one against the supergraph). Variables
 * default to the current academic year, computed when the page is served.
 */
export interface GraphiqlExample {
  /** Shown as the operation's name in its tab. */
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

/** "2026-2027" on 1 November 2026: academic years start on 1 September. */
export function academicYearOn(date: Date): string {
  const start = date.getUTCMonth() >= 8 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  return `${start}-${start + 1}`;
}

const tokenHelp = (
  role: string,
) => `# Token: \`npm run token -- --role ${role}\`, pasted in the Headers tab below
# as "Authorization": "Bearer <token>". Ctrl-Enter runs, Ctrl-Space completes.`;

export function graphiqlExamples(today: Date): GraphiqlExample[] {
  const academicYear = academicYearOn(today);
  const graduatingCohort = Number(academicYear.slice(5));
  return [
    {
      name: "StrategyDashboard",
      query: `${tokenHelp("ANALYST")}
# The school's targets against the facts (the /dashboard page draws the same figures).
query StrategyDashboard($cohort: Int!) {
  partnershipTargets {
    agreements { actual target }
    strategic { actual target }
    complete { actual target }
  }
  internationalShare { share target international total }
  mobilityCompliance(cohort: $cohort) { cohort share projectedShare target atRisk { totalCount } }
  originDiversity(top: 3) { effectiveCountries herfindahl topCountries { countryCode share } }
  englishTaughtMsc: programmes(kind: MSC) { code title language }
}
`,
      variables: { cohort: graduatingCohort },
    },
    {
      name: "PartnerNominees",
      query: `# Token: \`npm run token -- --role PARTNER --institution <id>\` (an id from \`institutions\`):
# a partner sees its own nominees only. With INTERNATIONAL_OFFICE, every institution's.
query PartnerNominees($academicYear: String) {
  applications(filter: { academicYear: $academicYear }, first: 20) {
    totalCount
    nodes {
      id
      status
      academicYear
      programme { code title }
      student { firstName lastName nationality }
      interview { mode recommendation score }
      decision { decision decidedAt }
    }
  }
}
`,
      variables: { academicYear },
    },
    {
      name: "AnalystAggregates",
      query: `${tokenHelp("ANALYST")}
# Aggregates only: an analyst reads counts and rates, never a name.
query AnalystAggregates($academicYear: String!) {
  agreementStats(filter: { status: [ACTIVE] }) {
    total
    byType { key count }
    byZone { key count }
  }
  collaborationStats { total byType { type count } }
  flowsByPartner(academicYear: $academicYear) { institution { name countryCode } incoming outgoing balance }
  campaignComparison {
    countryCode
    academicYear
    outcomes { candidatesSeen interviewed admitted enrolled interviewRate admissionRate }
  }
  facultyMobilityShare(academicYear: $academicYear) { share wentAbroad facultyCount hostedPeers }
}
`,
      variables: { academicYear },
    },
    {
      name: "InstitutionAcrossServices",
      query: `${tokenHelp("INTERNATIONAL_OFFICE")}
# One strategic partner, answered by the four services in one request.
query InstitutionAcrossServices($academicYear: String!) {
  institutions(filter: { strategic: true }, first: 1) {
    nodes {
      # partnerships
      name
      countryCode
      zone
      country { name priority }
      agreements(status: [ACTIVE]) { type firstAcademicYear lastAcademicYear seatsOutgoingPerYear }
      partnership { tier complete dimensions { dimension covered } }
      # research
      collaborations(first: 3) { totalCount nodes { title type status } }
      # students
      nominations(first: 3) { totalCount nodes { academicYear status programme { code } } }
      flowBalance(academicYear: $academicYear) { incoming outgoing balance }
      # campaigns
      campaigns { name academicYear status }
    }
  }
}
`,
      variables: { academicYear },
    },
  ];
}
