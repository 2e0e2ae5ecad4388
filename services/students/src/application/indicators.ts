import { findWhereIn, paginateIds } from "@intl/mongo";
import { Role, requireRole } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { toIsoDate } from "../domain/academicYear.ts";
import { flowBalance, internationalShare, originDiversity } from "../domain/kpis.ts";
import type { FlowBalance } from "../domain/kpis.ts";
import { cohortCompliance } from "../domain/mobilityCompliance.ts";
import type {
  CohortCompliance,
  ComplianceStatus,
  OutgoingMobilityFact,
} from "../domain/mobilityCompliance.ts";
import { MobilityStatus } from "../domain/mobilityPlanning.ts";
import { partnerScope } from "../domain/personalData.ts";
import { ProgrammeKind } from "../domain/programmes.ts";
import { StudentStatus } from "../domain/studentRegistration.ts";
import type { AgreementViewRecord } from "../models/partnerViews.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";
import type { PageArgs } from "./pages.ts";

const KPI_READERS = [Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.ANALYST] as const;

/** Agreements that bound the school with a partner for their years (drafts never did). */
const AGREEMENTS_SIGNED = ["ACTIVE", "EXPIRED", "TERMINATED"] as const;

/** Large cohorts are read in slices so that no `$in` list grows without bound. */
const ID_SLICE = 1000;

export interface PartnerFlowRow extends FlowBalance {
  institutionId: string;
  academicYear: string;
}

export function indicatorOperations(deps: ApplicationDeps) {
  const { store, clock } = deps;

  /** Share of international students among enrolled students (target 30 %). */
  async function getInternationalShare(viewer: Viewer) {
    requireRole(viewer, ...KPI_READERS);
    const [international, total] = await Promise.all([
      store.students.countDocuments({ status: StudentStatus.ENROLLED, international: true }).exec(),
      store.students.countDocuments({ status: StudentStatus.ENROLLED }).exec(),
    ]);
    return internationalShare(international, total);
  }

  /** Concentration of the nationalities of enrolled international students. */
  async function getOriginDiversity(viewer: Viewer, top = 5) {
    requireRole(viewer, ...KPI_READERS);
    const counts = await store.students
      .aggregate<{ _id: string; count: number }>([
        { $match: { status: StudentStatus.ENROLLED, international: true } },
        { $group: { _id: "$nationality", count: { $sum: 1 } } },
      ])
      .exec();
    return originDiversity(
      counts.map((entry) => ({ countryCode: entry._id, count: entry.count })),
      Math.max(0, Math.min(top, 50)),
    );
  }

  /**
   * Planned and completed mobilities of one academic year, per partner and direction, including the
   * partners with no flow that year (an agreement, in force or since ended, covering the year).
   */
  async function getFlowsByPartner(viewer: Viewer, academicYear: string): Promise<PartnerFlowRow[]> {
    requireRole(viewer, ...KPI_READERS);
    const [rows, agreements] = await Promise.all([
      store.mobilities
        .aggregate<{ _id: { institutionId: string; direction: string }; count: number }>([
          { $match: { academicYear, status: { $ne: MobilityStatus.CANCELLED } } },
          {
            $group: { _id: { institutionId: "$institutionId", direction: "$direction" }, count: { $sum: 1 } },
          },
        ])
        .exec(),
      findWhereIn(store.agreementViews, "status", AGREEMENTS_SIGNED, (condition) =>
        store.agreementViews
          .find(condition, { institutionId: 1, firstAcademicYear: 1, lastAcademicYear: 1 })
          .lean<Pick<AgreementViewRecord, "institutionId" | "firstAcademicYear" | "lastAcademicYear">[]>()
          .exec(),
      ),
    ]);
    const byInstitution = new Map<string, { incoming: number; outgoing: number }>();
    for (const agreement of agreements) {
      if (agreement.firstAcademicYear <= academicYear && academicYear <= agreement.lastAcademicYear)
        byInstitution.set(agreement.institutionId, { incoming: 0, outgoing: 0 });
    }
    for (const row of rows) {
      const entry = byInstitution.get(row._id.institutionId) ?? { incoming: 0, outgoing: 0 };
      if (row._id.direction === "INCOMING") entry.incoming += row.count;
      else entry.outgoing += row.count;
      byInstitution.set(row._id.institutionId, entry);
    }
    return [...byInstitution]
      .map(([institutionId, flows]) => ({
        institutionId,
        academicYear,
        ...flowBalance(flows.incoming, flows.outgoing, deps.flowImbalanceRatio),
      }))
      .sort(
        (a, b) =>
          b.incoming + b.outgoing - (a.incoming + a.outgoing) ||
          a.institutionId.localeCompare(b.institutionId),
      );
  }

  /** Flows with one institution in one year; a partner sees only its own institution's (others read as none). */
  async function getFlowBalance(viewer: Viewer, institutionId: string, academicYear: string) {
    const scope = partnerScope(viewer);
    if (scope !== null && scope !== institutionId)
      return { academicYear, ...flowBalance(0, 0, deps.flowImbalanceRatio) };
    const count = (direction: "INCOMING" | "OUTGOING") =>
      store.mobilities
        .countDocuments({ institutionId, academicYear, direction, status: { $ne: MobilityStatus.CANCELLED } })
        .exec();
    const [incoming, outgoing] = await Promise.all([count("INCOMING"), count("OUTGOING")]);
    return { academicYear, ...flowBalance(incoming, outgoing, deps.flowImbalanceRatio) };
  }

  /**
   * The 100 % rule for one cohort: the school's own engineering students and
   * PhD candidates (incoming students are themselves on a mobility), classified
   * by their outgoing mobilities, with the early-warning list.
   */
  async function getMobilityCompliance(
    viewer: Viewer,
    cohort: number,
  ): Promise<CohortCompliance & { warningMonths: number }> {
    requireRole(viewer, ...KPI_READERS);
    const members = await store.students
      .find(
        {
          cohort,
          programmeKind: { $in: [ProgrammeKind.ENGINEERING, ProgrammeKind.PHD] },
          homeInstitutionId: null,
          status: { $in: [StudentStatus.ENROLLED, StudentStatus.GRADUATED] },
        },
        { _id: 1 },
      )
      .lean<{ _id: string }[]>()
      .exec();
    const ids = members.map((member) => member._id);
    const mobilities: OutgoingMobilityFact[] = [];
    for (let start = 0; start < ids.length; start += ID_SLICE) {
      const slice = ids.slice(start, start + ID_SLICE);
      const found = await findWhereIn(store.mobilities, "studentId", slice, (condition) =>
        store.mobilities
          .find(
            { ...condition, direction: "OUTGOING", status: { $ne: MobilityStatus.CANCELLED } },
            { studentId: 1, status: 1 },
          )
          .lean<OutgoingMobilityFact[]>()
          .exec(),
      );
      mobilities.push(...found);
    }
    return {
      ...cohortCompliance(cohort, ids, mobilities, toIsoDate(clock()), deps.atRiskMonths),
      warningMonths: deps.atRiskMonths,
    };
  }

  /** A page of students among `ids` (the at-risk list, or one compliance state). */
  async function studentsAmong(ids: readonly string[], page: PageArgs) {
    return paginateIds(store.students, ids, page);
  }

  function idsWithStatus(compliance: CohortCompliance, status: ComplianceStatus): string[] {
    return [...compliance.statusOf].filter(([, value]) => value === status).map(([id]) => id);
  }

  return {
    getInternationalShare,
    getOriginDiversity,
    getFlowsByPartner,
    getFlowBalance,
    getMobilityCompliance,
    studentsAmong,
    idsWithStatus,
  };
}
