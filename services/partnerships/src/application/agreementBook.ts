import { DomainError, ErrorKind } from "@intl/errors";
import { createOutboxWriter } from "@intl/kafka";
import { documentKey, fieldDecision } from "@intl/mongo";
import { endOf } from "../domain/academicYear.ts";
import {
  activateAgreement,
  AgreementStatus,
  expireAgreement,
  renewAgreement,
  requireDraft,
  terminateAgreement,
  type ActivationInput,
} from "../domain/agreementLifecycle.ts";
import { validateAgreementTerms, type AgreementTermsInput } from "../domain/agreementTerms.ts";
import { PartnershipsReason } from "../domain/errors.ts";
import { agreementTransitionEvent, type AgreementTransitionEvent } from "../events/publishedEvents.ts";
import type { AgreementDocument } from "../models/agreementModel.ts";
import type { InstitutionDocument } from "../models/institutionModel.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";
import { institutionNotFound, type PartnershipStandingService } from "./partnershipStanding.ts";
import type { Viewer } from "@intl/auth";
import { requireWriter } from "../domain/access.ts";

export type DraftAgreementInput = AgreementTermsInput & { institutionId: string };

export interface DraftOptions {
  /** A fixed id (demo data); default: a new one. */
  id?: string;
  demo?: boolean;
}

function agreementNotFound(id: string): DomainError {
  return new DomainError(ErrorKind.NOT_FOUND, PartnershipsReason.AGREEMENT_NOT_FOUND, `No agreement ${id}`, {
    field: "id",
  });
}

/** A lifecycle step decided on the agreement as read: what to set, and the event it emits. */
interface Transition {
  set: Partial<AgreementDocument>;
  push?: Record<string, unknown>;
  event: AgreementTransitionEvent;
}

/**
 * Agreements with partner institutions: drafting, amending a draft, and the
 * lifecycle DRAFT → ACTIVE → EXPIRED | TERMINATED with renewal. Each
 * transition is one conditional write of the agreement carrying its event;
 * the institution's partnership standing is reassessed after it.
 */
export function agreementBook(deps: ApplicationDeps, standing: PartnershipStandingService) {
  const { models, clock, newId, writeQueue } = deps;
  const { Agreement, Institution } = models;
  const institutionKey = (id: string) => documentKey(Institution.collection.collectionName, id);

  const writer = createOutboxWriter(deps);
  const loadAgreement = async (id: string) => {
    const agreement = await Agreement.findById(id).lean<AgreementDocument>().exec();
    if (!agreement) throw agreementNotFound(id);
    return agreement;
  };

  /** The write of a lifecycle step: what it sets and appends, and its event. */
  function transitionDecision(agreement: AgreementDocument, now: Date, { set, push, event }: Transition) {
    return fieldDecision(agreement, {
      set: { ...set, updatedAt: now },
      ...(push ? { push } : {}),
      events: (_next, sequence) => [
        agreementTransitionEvent({ ...agreement, ...set }, event, { id: newId(), time: now, sequence }),
      ],
    });
  }

  async function transition(
    id: string,
    decide: (agreement: AgreementDocument, now: Date) => Transition,
  ): Promise<AgreementDocument> {
    // The agreement's key only: the reassessment after it takes the institution's key in turn.
    const updated = await writer.update(Agreement, id, {
      load: () => loadAgreement(id),
      decide: (agreement, now) => transitionDecision(agreement, now, decide(agreement, now)),
    });
    await standing.refreshStanding(updated.institutionId);
    return updated;
  }

  return {
    /** A new agreement in DRAFT: no event until it is activated. */
    async draftAgreement(
      viewer: Viewer,
      input: DraftAgreementInput,
      options: DraftOptions = {},
    ): Promise<AgreementDocument> {
      requireWriter(viewer);
      const now = clock();
      const terms = validateAgreementTerms(input, now);
      // Under the institution's key from reading its place to inserting the agreement that
      // copies it: `updateInstitution` copies a change of place to its agreements under that key.
      return writeQueue.run(institutionKey(input.institutionId), async () => {
        const institution = await Institution.findById(input.institutionId, { countryCode: 1, zone: 1 })
          .lean<Pick<InstitutionDocument, "countryCode" | "zone">>()
          .exec();
        if (!institution) throw institutionNotFound(input.institutionId, "input.institutionId");
        const id = options.id ?? newId();
        if (options.id && (await Agreement.exists({ _id: id }))) {
          throw new DomainError(
            ErrorKind.CONFLICT,
            PartnershipsReason.AGREEMENT_ID_TAKEN,
            `Agreement ${id} already exists`,
          );
        }
        const document = {
          _id: id,
          institutionId: input.institutionId,
          countryCode: institution.countryCode,
          zone: institution.zone,
          status: AgreementStatus.DRAFT,
          ...terms,
          endsAt: endOf(terms.lastAcademicYear),
          activatedOn: null,
          expiredOn: null,
          terminatedOn: null,
          terminationReason: null,
          renewals: [],
          demo: options.demo ?? false,
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
        // A new document, without outbox entries: nothing else writes it yet.
        await Agreement.create(document);
        return (await Agreement.findById(id).lean<AgreementDocument>().exec())!;
      });
    },

    /** Replaces the terms of a draft (same checks as drafting). */
    async amendDraftAgreement(
      viewer: Viewer,
      id: string,
      input: AgreementTermsInput,
    ): Promise<AgreementDocument> {
      requireWriter(viewer);
      return writer.update(Agreement, id, {
        load: () => loadAgreement(id),
        decide: (agreement, now) => {
          requireDraft(agreement.status);
          const terms = validateAgreementTerms(input, now);
          return fieldDecision(agreement, {
            set: { ...terms, endsAt: endOf(terms.lastAcademicYear), updatedAt: now },
          });
        },
      });
    },

    activateAgreement(viewer: Viewer, id: string, input: ActivationInput = {}) {
      requireWriter(viewer);
      return transition(id, (agreement, now) => ({
        set: activateAgreement(agreement, input, now),
        event: { kind: "activated" },
      }));
    },

    renewAgreement(viewer: Viewer, id: string, input: { lastAcademicYear: string }) {
      requireWriter(viewer);
      return transition(id, (agreement, now) => {
        const { previousLastAcademicYear, renewedOn, ...set } = renewAgreement(agreement, input, now);
        return {
          set: { ...set, endsAt: endOf(set.lastAcademicYear), expiredOn: null },
          push: { renewals: { renewedOn, previousLastAcademicYear, lastAcademicYear: set.lastAcademicYear } },
          event: { kind: "renewed", previousLastAcademicYear },
        };
      });
    },

    terminateAgreement(viewer: Viewer, id: string, input: { terminatedOn?: string | null; reason: string }) {
      requireWriter(viewer);
      return transition(id, (agreement, now) => {
        const set = terminateAgreement(agreement, input, now);
        return {
          set,
          event: { kind: "terminated", terminatedOn: set.terminatedOn, reason: set.terminationReason },
        };
      });
    },

    /**
     * Expires every ACTIVE agreement whose last academic year is over at `now`
     * (the scheduled job calls it; tests call it with a chosen time). Returns the ids expired.
     */
    async expireDueAgreements(now: Date = clock()): Promise<string[]> {
      const due = await Agreement.find({ status: AgreementStatus.ACTIVE, endsAt: { $lte: now } }, { _id: 1 })
        .lean<{ _id: string }[]>()
        .exec();
      const expired: string[] = [];
      for (const { _id } of due) {
        let due = false;
        const result = await writer.update(Agreement, _id, {
          load: () => loadAgreement(_id),
          decide: (agreement) => {
            const expiry = expireAgreement(agreement, now);
            due = expiry !== null;
            return expiry
              ? transitionDecision(agreement, now, { set: expiry, event: { kind: "expired" } })
              : null;
          },
        });
        if (!due) continue;
        expired.push(result._id);
        await standing.refreshStanding(result.institutionId);
      }
      return expired;
    },

    async findAgreement(id: string): Promise<AgreementDocument | null> {
      return Agreement.findById(id).lean<AgreementDocument>().exec();
    },
  };
}

export type AgreementBook = ReturnType<typeof agreementBook>;
