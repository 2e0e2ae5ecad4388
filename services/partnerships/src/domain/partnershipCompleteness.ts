import { enumOf, type EnumValue } from "@intl/errors";
import {
  academicYearAt,
  academicYearOfDate,
  compareAcademicYears,
  firstDayOf,
  shiftAcademicYear,
  type AcademicYear,
  type CalendarDate,
} from "./academicYear.ts";

export const PartnershipDimension = enumOf(
  "TEACHING",
  "RESEARCH",
  "CORPORATE_RELATIONS",
  "SCIENTIFIC_CULTURE",
);
export type PartnershipDimension = EnumValue<typeof PartnershipDimension>;
export const partnershipDimensions = Object.values(PartnershipDimension);

export const PartnershipTier = enumOf("STANDARD", "STRATEGIC", "COMPLETE");
export type PartnershipTier = EnumValue<typeof PartnershipTier>;

export const EvidenceSource = enumOf(
  "AGREEMENT",
  "STUDENT_MOBILITY",
  "RESEARCH_COLLABORATION",
  "OFFICE_RECORD",
);
export type EvidenceSource = EnumValue<typeof EvidenceSource>;

export interface DimensionEvidence {
  source: EvidenceSource;
  /** The id of the fact (agreement, collaboration, office record), when it has one. */
  reference: string | null;
  description: string;
  since: CalendarDate;
}

export interface DimensionCoverage {
  dimension: PartnershipDimension;
  covered: boolean;
  evidence: DimensionEvidence[];
}

/** Facts known about one institution, gathered from this service and other services' events. */
export interface PartnershipFacts {
  strategic: boolean;
  activeAgreements: {
    id: string;
    type: string;
    firstAcademicYear: string;
    lastAcademicYear: string;
    activatedOn: CalendarDate | null;
  }[];
  completedMobilities: { academicYear: AcademicYear; direction: "OUTGOING" | "INCOMING" }[];
  ongoingCollaborations: {
    collaborationId: string;
    type: string;
    dimensions: PartnershipDimension[];
    companies: string[];
    startDate: CalendarDate;
  }[];
  officeEvidence: {
    id: string;
    dimension: PartnershipDimension;
    description: string;
    occurredOn: CalendarDate;
  }[];
}

export interface PartnershipStanding {
  dimensions: DimensionCoverage[];
  complete: boolean;
  tier: PartnershipTier;
}

/** Student flows and office records older than this many academic years no longer count. */
export const recentAcademicYears = 3;

/** The oldest academic year still "recent" at `now`: the current one and the two before it. */
export function oldestRecentAcademicYear(now: Date): AcademicYear {
  return shiftAcademicYear(academicYearAt(now), -(recentAcademicYears - 1));
}

function isRecent(year: AcademicYear, now: Date): boolean {
  return (
    compareAcademicYears(year, oldestRecentAcademicYear(now)) >= 0 &&
    compareAcademicYears(year, academicYearAt(now)) <= 0
  );
}

function teachingCoverage(facts: PartnershipFacts, now: Date): DimensionCoverage {
  const agreementEvidence: DimensionEvidence[] = facts.activeAgreements.map((agreement) => ({
    source: EvidenceSource.AGREEMENT,
    reference: agreement.id,
    description: `Active ${agreement.type} agreement, ${agreement.firstAcademicYear} to ${agreement.lastAcademicYear}`,
    since: agreement.activatedOn ?? firstDayOf(agreement.firstAcademicYear),
  }));
  const flowsByYear = new Map<AcademicYear, { OUTGOING: number; INCOMING: number }>();
  for (const mobility of facts.completedMobilities) {
    if (!isRecent(mobility.academicYear, now)) continue;
    const counts = flowsByYear.get(mobility.academicYear) ?? { OUTGOING: 0, INCOMING: 0 };
    counts[mobility.direction] += 1;
    flowsByYear.set(mobility.academicYear, counts);
  }
  const flowEvidence: DimensionEvidence[] = [...flowsByYear.entries()]
    .sort(([a], [b]) => compareAcademicYears(a, b))
    .map(([year, counts]) => ({
      source: EvidenceSource.STUDENT_MOBILITY,
      reference: null,
      description: `${counts.OUTGOING} outgoing and ${counts.INCOMING} incoming completed student mobilities in ${year}`,
      since: firstDayOf(year),
    }));
  return {
    dimension: PartnershipDimension.TEACHING,
    covered: agreementEvidence.length > 0 && flowEvidence.length > 0,
    evidence: [...agreementEvidence, ...flowEvidence],
  };
}

function evidencedCoverage(
  facts: PartnershipFacts,
  dimension: PartnershipDimension,
  now: Date,
): DimensionCoverage {
  const collaborations: DimensionEvidence[] = facts.ongoingCollaborations
    .filter((collaboration) => collaboration.dimensions.includes(dimension))
    .map((collaboration) => ({
      source: EvidenceSource.RESEARCH_COLLABORATION,
      reference: collaboration.collaborationId,
      description:
        `Ongoing ${collaboration.type} research collaboration` +
        (collaboration.companies.length > 0 ? ` with ${collaboration.companies.join(", ")}` : ""),
      since: collaboration.startDate,
    }));
  const records: DimensionEvidence[] = facts.officeEvidence
    .filter(
      (record) => record.dimension === dimension && isRecent(academicYearOfDate(record.occurredOn), now),
    )
    .map((record) => ({
      source: EvidenceSource.OFFICE_RECORD,
      reference: record.id,
      description: record.description,
      since: record.occurredOn,
    }));
  const evidence = [...collaborations, ...records].sort((a, b) =>
    a.since < b.since ? -1 : a.since > b.since ? 1 : 0,
  );
  return { dimension, covered: evidence.length > 0, evidence };
}

/**
 * Completeness is computed from facts, never set by hand:
 * - TEACHING: an ACTIVE agreement and at least one completed student mobility in the last three academic years;
 * - RESEARCH: an ongoing research collaboration evidencing research;
 * - CORPORATE_RELATIONS, SCIENTIFIC_CULTURE: an ongoing collaboration evidencing it, or a dated
 *   office-recorded fact (internship programme, summer school...) from the last three academic years.
 * Complete = all four covered. Tier: COMPLETE if complete, else STRATEGIC if designated, else STANDARD.
 */
export function assessPartnership(facts: PartnershipFacts, now: Date): PartnershipStanding {
  const dimensions = [
    teachingCoverage(facts, now),
    evidencedCoverage(facts, PartnershipDimension.RESEARCH, now),
    evidencedCoverage(facts, PartnershipDimension.CORPORATE_RELATIONS, now),
    evidencedCoverage(facts, PartnershipDimension.SCIENTIFIC_CULTURE, now),
  ];
  const complete = dimensions.every((dimension) => dimension.covered);
  const tier = complete
    ? PartnershipTier.COMPLETE
    : facts.strategic
      ? PartnershipTier.STRATEGIC
      : PartnershipTier.STANDARD;
  return { dimensions, complete, tier };
}
