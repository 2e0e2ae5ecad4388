import type { PipelineStage } from "mongoose";
import { AgreementStatus } from "../domain/agreementLifecycle.ts";
import { partnershipTargets, progressTowards, type TargetProgress } from "../domain/partnershipTargets.ts";
import type { AgreementDocument } from "../models/agreementModel.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";
import type { AgreementFilter, AgreementQueries } from "./agreementQueries.ts";

export interface AgreementCount {
  key: string;
  count: number;
}

export interface AgreementStats {
  total: number;
  byStatus: AgreementCount[];
  byType: AgreementCount[];
  byZone: AgreementCount[];
  byCountry: AgreementCount[];
}

export interface PartnershipTargetsReport {
  agreements: TargetProgress;
  strategic: TargetProgress;
  complete: TargetProgress;
}

/** Largest first, then by key, so answers are stable. */
function ordered(counts: AgreementCount[]): AgreementCount[] {
  return counts.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Aggregates for analysts: agreement counts, and the school's targets against the facts. */
export function partnershipAnalytics({ models }: ApplicationDeps, agreements: AgreementQueries) {
  const { Agreement, Institution } = models;

  async function countBy(match: object, field: keyof AgreementDocument): Promise<AgreementCount[]> {
    // $group is supported by MongoDB and FerretDB alike; one pipeline per dimension (no $facet).
    const pipeline: PipelineStage[] = [
      { $match: match },
      { $group: { _id: `$${field}`, count: { $sum: 1 } } },
    ];
    const groups = await Agreement.aggregate<{ _id: string | null; count: number }>(pipeline).exec();
    return ordered(groups.map((group) => ({ key: String(group._id ?? "UNKNOWN"), count: group.count })));
  }

  return {
    async agreementStats(
      filter: Pick<AgreementFilter, "status" | "type" | "zone" | "academicYear" | "demo"> | null = null,
    ): Promise<AgreementStats> {
      const match = await agreements.agreementFilter(filter);
      const [total, byStatus, byType, byZone, byCountry] = await Promise.all([
        Agreement.countDocuments(match).exec(),
        countBy(match, "status"),
        countBy(match, "type"),
        countBy(match, "zone"),
        countBy(match, "countryCode"),
      ]);
      return { total, byStatus, byType, byZone, byCountry };
    },

    /** Active agreements, designated strategic partners (complete or not), and complete partnerships. */
    async partnershipTargets(): Promise<PartnershipTargetsReport> {
      const [active, strategic, complete] = await Promise.all([
        Agreement.countDocuments({ status: AgreementStatus.ACTIVE }).exec(),
        Institution.countDocuments({ strategic: true }).exec(),
        Institution.countDocuments({ complete: true }).exec(),
      ]);
      return {
        agreements: progressTowards(active, partnershipTargets.agreements),
        strategic: progressTowards(strategic, partnershipTargets.strategic),
        complete: progressTowards(complete, partnershipTargets.complete),
      };
    },
  };
}
