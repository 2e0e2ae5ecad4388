import { DomainError, ErrorKind } from "@intl/errors";
import { fieldDecision } from "@intl/mongo";
import type { FieldChange } from "@intl/mongo";
import { createOutboxWriter, withEventsInDocument } from "@intl/kafka";
import type { OutboxEvent } from "@intl/kafka";
import { Role, requireRole } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { toIsoDate } from "../domain/academicYear.ts";
import { seatsPerYear } from "../domain/agreements.ts";
import type { AgreementView } from "../domain/agreements.ts";
import { StudentsReason } from "../domain/errors.ts";
import {
  MobilityStatus,
  cancel,
  candidateAgreements,
  checkAgreementAllowsMobility,
  checkMobilityPlan,
  complete,
  noSeatLeft,
} from "../domain/mobilityPlanning.ts";
import type { MobilityPlan } from "../domain/mobilityPlanning.ts";
import {
  mobilityCancelledEvent,
  mobilityCompletedEvent,
  mobilityPlannedEvent,
} from "../events/publishedEvents.ts";
import type { MobilityRecord } from "../models/mobility.ts";
import { toAgreementView } from "../models/partnerViews.ts";
import type { AgreementViewRecord } from "../models/partnerViews.ts";
import { releaseSeat, takeSeat } from "../models/seatSlots.ts";
import { existingStudent, visibleMobility } from "./lookups.ts";
import type { WriteOptions } from "./nominations.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";
import { partnerScopedListing } from "./pages.ts";
import type { PageArgs, SortArg } from "./pages.ts";

export interface MobilityFilter {
  direction?: string | null;
  status?: string | null;
  type?: string | null;
  academicYear?: string | null;
  institutionId?: string | null;
  agreementId?: string | null;
  studentId?: string | null;
}

export type MobilitySort = SortArg<"START_DATE" | "CREATED_AT">;

export type MobilityChange = FieldChange<MobilityRecord, OutboxEvent>;

export function mobilityOperations(deps: ApplicationDeps) {
  const { store, clock, newId } = deps;
  const writer = createOutboxWriter(deps);

  /** The agreements the plan may use: the one named (checked), or those to choose from. */
  async function agreementsFor(plan: MobilityPlan): Promise<AgreementView[]> {
    if (plan.agreementId) {
      const named = await store.agreementViews.findById(plan.agreementId).lean<AgreementViewRecord>().exec();
      return [checkAgreementAllowsMobility(named ? toAgreementView(named) : null, plan)];
    }
    // An incoming student without a named agreement comes as a free mover.
    if (plan.direction === "INCOMING") return [];
    const ofInstitution = await store.agreementViews
      .find({ institutionId: plan.institutionId })
      .lean<AgreementViewRecord[]>()
      .exec();
    return candidateAgreements(ofInstitution.map(toAgreementView), plan);
  }

  /**
   * Plans a mobility. Under an agreement it takes a seat for that year and
   * direction with one conditional increment (never more than the agreement
   * allows, even under concurrency); `students.mobility.planned.v1` goes out
   * through the new mobility's outbox.
   */
  async function planMobility(
    viewer: Viewer,
    plan: MobilityPlan,
    options: WriteOptions = {},
  ): Promise<MobilityRecord> {
    requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE);
    checkMobilityPlan(plan);
    const student = await existingStudent(store, plan.studentId, "input.studentId");
    if (student.erasedAt) {
      throw new DomainError(
        ErrorKind.CONFLICT,
        StudentsReason.STUDENT_ERASED,
        "This student's data was erased.",
        { field: "input.studentId" },
      );
    }
    const candidates = await agreementsFor(plan);
    const now = clock();
    let seat: { agreementId: string; seatId: string } | null = null;
    for (const agreement of candidates) {
      const seatId = await takeSeat(
        store.seatSlots,
        { agreementId: agreement.agreementId, academicYear: plan.academicYear, direction: plan.direction },
        seatsPerYear(agreement, plan.direction),
        now,
      );
      if (seatId) {
        seat = { agreementId: agreement.agreementId, seatId };
        break;
      }
    }
    if (candidates.length > 0 && !seat)
      throw noSeatLeft(
        candidates.map((agreement) => agreement.agreementId),
        plan,
      );

    const mobility: MobilityRecord = {
      _id: newId(),
      studentId: plan.studentId,
      direction: plan.direction,
      type: plan.type,
      institutionId: plan.institutionId,
      agreementId: seat?.agreementId ?? null,
      seatId: seat?.seatId ?? null,
      academicYear: plan.academicYear,
      startDate: plan.startDate,
      endDate: plan.endDate,
      status: MobilityStatus.PLANNED,
      completedAt: null,
      cancelledAt: null,
      cancellationReason: null,
      learningAgreement: null,
      transcript: null,
      createdAt: now,
      demo: options.demo ?? false,
      version: 1,
      _outbox: [],
    };
    const event = mobilityPlannedEvent(mobility, { id: newId(), time: now, sequence: 1 });
    try {
      await store.mobilities.create(withEventsInDocument(mobility, [event], now));
    } catch (error) {
      if (seat) await releaseSeat(store.seatSlots, seat.seatId);
      throw error;
    }
    deps.eventsQueued({ model: store.mobilities, id: mobility._id });
    return mobility;
  }

  /** Loads, applies the rules through `decideChange`, writes guarded by version. */
  async function change(
    viewer: Viewer,
    id: string,
    decideChange: (mobility: MobilityRecord) => MobilityChange,
  ) {
    return writer.update(store.mobilities, id, {
      load: () => visibleMobility(store, viewer, id),
      decide: (mobility) => fieldDecision(mobility, decideChange(mobility)),
    });
  }

  async function completeMobility(viewer: Viewer, id: string): Promise<MobilityRecord> {
    requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE);
    return change(viewer, id, (mobility) => {
      const now = clock();
      return {
        set: { status: complete(mobility, toIsoDate(now)), completedAt: now },
        events: (next, sequence) => [mobilityCompletedEvent(next, { id: newId(), time: now, sequence })],
      };
    });
  }

  /** Cancels a planned mobility and gives its seat back. */
  async function cancelMobility(viewer: Viewer, id: string, reason?: string | null): Promise<MobilityRecord> {
    requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE);
    const cancelled = await change(viewer, id, (mobility) => {
      const now = clock();
      return {
        set: { status: cancel(mobility), cancelledAt: now, cancellationReason: reason ?? null },
        events: (next, sequence) => [mobilityCancelledEvent(next, { id: newId(), time: now, sequence })],
      };
    });
    // After the mobility's own write, so a seat is never freed for a mobility still planned.
    if (cancelled.seatId) await releaseSeat(store.seatSlots, cancelled.seatId);
    return cancelled;
  }

  async function getMobility(viewer: Viewer, id: string): Promise<MobilityRecord> {
    return visibleMobility(store, viewer, id);
  }

  // Latest start first by default; a partner sees those with its own institution.
  const listing = partnerScopedListing<MobilityRecord, "START_DATE" | "CREATED_AT">(store.mobilities, {
    sortFields: { START_DATE: "startDate", CREATED_AT: "createdAt" },
    latestFirst: "startDate",
  });

  return {
    planMobility,
    completeMobility,
    cancelMobility,
    getMobility,
    listMobilities: (
      viewer: Viewer,
      filter: MobilityFilter | null | undefined,
      sort: MobilitySort,
      page: PageArgs,
    ) => listing.list(viewer, filter, sort, page),
    mobilitiesOfStudent: listing.ofStudent,
    change,
  };
}
