/**
 * The strategy dashboard's GraphQL operations, one per panel: a panel whose operation
 * the viewer's role may not run (FORBIDDEN) says so, and the others still show.
 * The page receives them as an ES module (`/dashboard/operations.js`); a unit test
 * validates every one against the supergraph, so a schema change that would break
 * the page fails there first.
 */
export const dashboardOperations = {
  /** ~130 active agreements, ~30 strategic, ~40 complete partnerships (any signed-in role). */
  partnershipTargets: `query DashboardPartnershipTargets {
  partnershipTargets {
    agreements { actual target ratio }
    strategic { actual target ratio }
    complete { actual target ratio }
  }
}`,
  /** 30 % of enrolled students are international. */
  internationalShare: `query DashboardInternationalShare {
  internationalShare { international total share target }
}`,
  /** The 100 % outgoing-mobility rule for one cohort; the early-warning count, no names. */
  cohortCompliance: `query DashboardCohortCompliance($cohort: Int!) {
  mobilityCompliance(cohort: $cohort) {
    cohort total done planned none share projectedShare target monthsToGraduation warningMonths
    atRisk(first: 1) { totalCount }
  }
}`,
  /** Ten MSc taught in English (the target itself is the school's policy, not in the graph). */
  englishTaughtMsc: `query DashboardEnglishTaughtMsc {
  programmes(kind: MSC) { code title language extrapolated }
}`,
  /** How concentrated incoming students' origins are (no single country dominating); an ANALYST sees "<5" for 1 to 4 students. */
  originDiversity: `query DashboardOriginDiversity {
  originDiversity(top: 5) {
    total herfindahl effectiveCountries topCountries { countryCode count countShown share }
  }
}`,
  /** Active agreements per zone. */
  partnersByZone: `query DashboardPartnersByZone {
  agreementStats(filter: { status: [ACTIVE] }) { total byZone { key count } }
}`,
  /** Incoming and outgoing mobilities per partner in one academic year ("<5" to an ANALYST for 1 to 4). */
  flowsByPartner: `query DashboardFlowsByPartner($academicYear: String!) {
  flowsByPartner(academicYear: $academicYear) {
    institution { id name countryCode }
    incoming incomingShown outgoing outgoingShown balance
  }
}`,
  /** Recruitment funnel per country and academic year. */
  campaignFunnel: `query DashboardCampaignFunnel {
  campaignComparison {
    countryCode academicYear campaignCount
    outcomes {
      candidatesSeen candidatesSeenShown interviewed interviewedShown
      admitted admittedShown enrolled enrolledShown
    }
  }
}`,
  /** Personal data: names of the cohort's students at risk (ADMIN and INTERNATIONAL_OFFICE only). */
  studentsAtRisk: `query DashboardStudentsAtRisk($cohort: Int!) {
  mobilityCompliance(cohort: $cohort) {
    warningMonths
    atRisk(first: 10) { totalCount nodes { id firstName lastName programme { code } } }
  }
}`,
} as const;

export type DashboardPanel = keyof typeof dashboardOperations;
