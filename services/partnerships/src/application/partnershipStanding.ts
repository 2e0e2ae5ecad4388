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
import { retryInWriteQueue, STALE } from "../models/optimisticWrite.ts";
import { withEvents } from "@intl/kafka";
import { documentKey } from "@intl/mongo";
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

/**
 * Keeps each institution's partnership standing (dimensions, completeness, tier)
 * computed from facts: its active agreements, the completed student mobilities
 * and ongoing research collaborations other services reported, and the office's
 * own decisions (designation, evidence). A tier change emits
 * `partnerships.partnership.tier-changed.v1` in the same write.
 */
export function partnershipStanding({ models, clock, newId, eventsQueued, writeQueue }: ApplicationDeps) {
  const { Institution, Agreement, StudentMobility } = models;
  const institutionKey = (id: string) => documentKey(Institution.collection.collectionName, id);

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
    return retryInWriteQueue(writeQueue, institutionKey(institutionId), async () => {
      const now = clock();
      const institution = await Institution.findById(institutionId).lean<InstitutionDocument>().exec();
      if (!institution) return null;
      const current = institution.partnership;
      const decision = decide
        ? decide(current)
        : { strategic: current.strategic, officeEvidence: current.officeEvidence };
      const standing = assessPartnership(await gatherFacts(institutionId, decision, now), now);
      if (!decide && sameStanding(current, standing)) return institution;
      const version = institution.version + 1;
      const events =
        standing.tier === current.tier
          ? []
          : [
              tierChangedEvent(institutionId, current.tier, standing.tier, {
                id: newId(),
                time: now,
                sequence: version,
              }),
            ];
      const partnership: PartnershipState = {
        ...decision,
        ...standing,
        assessedAt: sameStanding(current, standing) ? current.assessedAt : now,
      };
      const updated = await Institution.findOneAndUpdate(
        { _id: institutionId, version: institution.version },
        withEvents(
          {
            $set: { partnership, ...partnershipLookupFields(partnership), updatedAt: now },
            $inc: { version: 1 },
          },
          events,
          now,
        ),
        { returnDocument: "after" },
      )
        .lean<InstitutionDocument>()
        .exec();
      if (!updated) return STALE;
      if (events.length > 0) eventsQueued({ model: Institution, id: institutionId });
      return updated;
    });
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
