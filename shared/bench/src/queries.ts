/**
 * The three operations the benchmark sends through the gateway, as a frontend would:
 * (a) one subgraph's list, (b) institutions across three subgraphs, (c) the strategy
 * dashboard touching all four services.
 */
export interface BenchQuery {
  key: "a" | "b" | "c";
  title: string;
  query: string;
  variables?: Record<string, unknown>;
}

/** The academic year the per-partner flows are asked for. */
export function currentAcademicYear(now = new Date()): string {
  const start = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return `${start}-${start + 1}`;
}

export function benchQueries(academicYear: string, cohort: number): BenchQuery[] {
  return [
    {
      key: "a",
      title: "one subgraph list: agreements(first: 20)",
      query: `query BenchAgreements {
  agreements(first: 20) { totalCount nodes { id status type countryCode lastAcademicYear } }
}`,
    },
    {
      key: "b",
      title: "20 institutions with agreements, flowBalance, incomingMobilities, collaborations",
      query: `query BenchInstitutions($year: String!) {
  institutions(first: 20) {
    totalCount
    nodes {
      id name countryCode
      agreements { id status type }
      flowBalance(academicYear: $year) { incoming outgoing balance }
      incomingMobilities { totalCount }
      collaborations(first: 5) { totalCount nodes { id title status } }
    }
  }
}`,
      variables: { year: academicYear },
    },
    {
      key: "c",
      title: "strategy dashboard across the four services",
      query: `query BenchDashboard($cohort: Int!, $year: String!) {
  partnershipTargets { agreements { actual target } strategic { actual target } complete { actual target } }
  mobilityCompliance(cohort: $cohort) { total done planned share target }
  internationalShare { international total share target }
  flowsByPartner(academicYear: $year) { incoming outgoing }
  collaborationStats { total byType { type count } }
  campaignComparison { countryCode academicYear campaignCount outcomes { candidatesSeen interviewed admitted enrolled } }
}`,
      variables: { cohort, year: academicYear },
    },
  ];
}
