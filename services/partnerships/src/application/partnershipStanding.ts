import { DomainError, ErrorKind } from "@intl/errors";
import { AgreementStatus } from "../domain/agreementLifecycle.ts";
import { PartnershipsReason } from "../domain/errors.ts";
import {
  assessPartnership,
  oldestRecentAcademicYear,
  type PartnershipFacts,
  type PartnershipStanding,
} from "../domain/partnershipCompleteness.ts";
import {
  recordOfficeEvidence,
  requireEvidence,
  type OfficeEvidence,
  type OfficeEvidenceInput,
} from "../domain/partnershipEvidence.ts";
import {
  addPlannedAction,
  changeActionStatus,
  designateStrategicPartnership,
  requireStrategic,
  type ActionStatus,
  type PlannedActionInput,
  type StrategicDesignation,
  type StrategicDesignationInput,
} from "../domain/strategicPartnership.ts";
import { tierChangedEvent } from "../events/publishedEvents.ts";
import { partnershipLookupFields } from "../models/institutionModel.ts";
import type { InstitutionDocument, PartnershipState } from "../models/institutionModel.ts";
import { ongoingCollaborationsOf } from "../models/researchCollaborationModel.ts";
import { createOutboxWriter } from "@intl/kafka";
import { fieldDecision } from "@intl/mongo";
import type { ApplicationDeps } from "./applicationDeps.ts";
import type { Viewer } from "@intl/auth";
import { requireWriter } from "../domain/access.ts";

export function institutionNotFound(id: string, field = "institutionId"): DomainError {
  return new DomainError(
    ErrorKind.NOT_FOUND,
    PartnershipsReason.INSTITUTION_NOT_FOUND,
    `No institution ${id}`,
    {
      field,
    },
  );
}

/** What the office decides about a partnership; facts from agreements and other services are gathered anew. */
type PartnershipDecision = Pick<PartnershipState, "strategic" | "officeEvidence">;

/** A reassessment's read found no institution: a reassessment of nothing is a no-op. */
const noInstitution = new Error("no such institution");

/**
 * Keeps each institution's partnership standing (dimensions, completeness, tier)
 * computed from facts: its active agreements, the completed student mobilities
 * and ongoing research collaborations other services reported, and the office's
 * own decisions (designation, evidence). A tier change emits
 * `partnerships.partnership.tier-changed.v1` in the same write.
 */
export function partnershipStanding(deps: ApplicationDeps) {
  const { models, clock, newId } = deps;
  const writer = createOutboxWriter(deps);
  const { Institution, Agreement, StudentMobility } = models;

  async function gatherFacts(
    institutionId: string,
    decision: PartnershipDecision,
    now: Date,
  ): Promise<PartnershipFacts> {
    const [agreements, mobilities, collaborations] = await Promise.all([
      Agreement.find({ institutionId, status: AgreementStatus.ACTIVE }).sort({ _id: 1 }).lean().exec(),
      StudentMobility.find({ institutionId, academicYear: { $gte: oldestRecentAcademicYear(now) } })
        .lean()
        .exec(),
      ongoingCollaborationsOf(models, [institutionId]),
    ]);
    return {
      strategic: decision.strategic !== null,
      activeAgreements: agreements.map((agreement) => ({
        id: agreement._id,
        type: agreement.type,
        firstAcademicYear: agreement.firstAcademicYear,
        lastAcademicYear: agreement.lastAcademicYear,
        activatedOn: agreement.activatedOn,
      })),
      completedMobilities: mobilities.map((mobility) => ({
        academicYear: mobility.academicYear,
        direction: mobility.direction,
      })),
      ongoingCollaborations: collaborations.map((collaboration) => ({
        collaborationId: collaboration._id,
        type: collaboration.type,
        dimensions: collaboration.dimensions,
        companies: collaboration.companies,
        startDate: collaboration.startDate,
      })),
      officeEvidence: decision.officeEvidence,
    };
  }

  /** The standing of an institution about to be registered (facts may predate it: events can arrive first). */
  async function initialPartnership(institutionId: string, now: Date): Promise<PartnershipState> {
    const decision: PartnershipDecision = { strategic: null, officeEvidence: [] };
    const standing = assessPartnership(await gatherFacts(institutionId, decision, now), now);
    return { ...decision, ...standing, assessedAt: now };
  }

  function sameStanding(state: PartnershipState, standing: PartnershipStanding): boolean {
    return (
      state.tier === standing.tier &&
      state.complete === standing.complete &&
      JSON.stringify(state.dimensions) === JSON.stringify(standing.dimensions)
    );
  }

  /**
   * Applies an office decision (or none) and reassesses, in one conditional
   * write of the institution document. Without a decision, writes only when
   * the assessment changed. Under the institution's key only: every change of a
   * fact (an agreement's transition, a projected event) is written before its
   * reassessment is queued, so the last reassessment in the queue reads it.
   */
  async function reassess(
    institutionId: string,
    decide: ((current: PartnershipState) => PartnershipDecision) | null,
  ): Promise<InstitutionDocument | null> {
    // Read with the institution in each attempt: the office's decision and the facts it is assessed on.
    let decision: PartnershipDecision;
    let facts: Awaited<ReturnType<typeof gatherFacts>>;
    try {
      return await writer.update(Institution, institutionId, {
        load: async () => {
          const institution = await Institution.findById(institutionId).lean<InstitutionDocument>().exec();
          if (!institution) throw noInstitution;
          const current = institution.partnership;
          decision = decide
            ? decide(current)
            : { strategic: current.strategic, officeEvidence: current.officeEvidence };
          facts = await gatherFacts(institutionId, decision, clock());
          return institution;
        },
        decide: (institution, now) => {
          const current = institution.partnership;
          const standing = assessPartnership(facts, now);
          if (!decide && sameStanding(current, standing)) return null;
          const partnership: PartnershipState = {
            ...decision,
            ...standing,
            assessedAt: sameStanding(current, standing) ? current.assessedAt : now,
          };
          return fieldDecision(institution, {
            set: { partnership, ...partnershipLookupFields(partnership), updatedAt: now },
            events: (_next, sequence) =>
              standing.tier === current.tier
                ? []
                : [
                    tierChangedEvent(institutionId, current.tier, standing.tier, {
                      id: newId(),
                      time: now,
                      sequence,
                    }),
                  ],
          });
        },
      });
    } catch (error) {
      if (error === noInstitution) return null;
      throw error;
    }
  }

  async function decideFor(
    institutionId: string,
    decide: (current: PartnershipState) => PartnershipDecision,
  ): Promise<InstitutionDocument> {
    const updated = await reassess(institutionId, decide);
    if (!updated) throw institutionNotFound(institutionId);
    return updated;
  }

  function withDesignation(
    current: PartnershipState,
    strategic: StrategicDesignation | null,
  ): PartnershipDecision {
    return { strategic, officeEvidence: current.officeEvidence };
  }

  return {
    initialPartnership,

    /** Reassesses one institution from the facts now known; a no-op when nothing changed or it does not exist. */
    async refreshStanding(institutionId: string): Promise<void> {
      await reassess(institutionId, null);
    },

    /** Reassesses every institution (time moves facts out of the "last three years" window). */
    async refreshAllStandings(): Promise<number> {
      const ids = await Institution.find({}, { _id: 1 }).lean<{ _id: string }[]>().exec();
      for (const { _id } of ids) await reassess(_id, null);
      return ids.length;
    },

    designateStrategicPartnership(viewer: Viewer, institutionId: string, input: StrategicDesignationInput) {
      requireWriter(viewer);
      return decideFor(institutionId, (current) =>
        withDesignation(current, designateStrategicPartnership(current.strategic, input, clock(), newId)),
      );
    },

    withdrawStrategicDesignation(viewer: Viewer, institutionId: string) {
      requireWriter(viewer);
      return decideFor(institutionId, (current) => {
        requireStrategic(current.strategic);
        return withDesignation(current, null);
      });
    },

    addPlannedAction(viewer: Viewer, institutionId: string, input: PlannedActionInput) {
      requireWriter(viewer);
      return decideFor(institutionId, (current) =>
        withDesignation(current, addPlannedAction(current.strategic, input, newId)),
      );
    },

    setPlannedActionStatus(viewer: Viewer, institutionId: string, actionId: string, status: ActionStatus) {
      requireWriter(viewer);
      return decideFor(institutionId, (current) =>
        withDesignation(current, changeActionStatus(current.strategic, actionId, status)),
      );
    },

    recordPartnershipEvidence(viewer: Viewer, institutionId: string, input: OfficeEvidenceInput) {
      requireWriter(viewer);
      return decideFor(institutionId, (current) => ({
        strategic: current.strategic,
        officeEvidence: [...current.officeEvidence, recordOfficeEvidence(input, clock(), newId)],
      }));
    },

    withdrawPartnershipEvidence(viewer: Viewer, institutionId: string, evidenceId: string) {
      requireWriter(viewer);
      return decideFor(institutionId, (current) => {
        requireEvidence(current.officeEvidence, evidenceId);
        return {
          strategic: current.strategic,
          officeEvidence: current.officeEvidence.filter((item: OfficeEvidence) => item.id !== evidenceId),
        };
      });
    },
  };
}

export type PartnershipStandingService = ReturnType<typeof partnershipStanding>;
