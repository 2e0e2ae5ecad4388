import { Role, requireRole } from "@intl/auth";
import type { AuthenticatedViewer, Viewer } from "@intl/auth";
import { DomainError, ErrorKind } from "@intl/errors";
import { erasureConfirmations } from "@intl/events";
import type { EventOf } from "@intl/events";
import { createOutboxWriter } from "@intl/kafka";
import { fieldDecision, isDuplicateKeyError, mapPage, paginateLean } from "@intl/mongo";
import type { ErasureRequest } from "@intl/subgraph";
import { StudentsReason } from "../domain/errors.ts";
import {
  ErasureStatus,
  confirmErasure,
  erasedPersonFrom,
  pendingServices,
} from "../domain/erasureRequest.ts";
import type { ErasureParticipant, PersonInput } from "../domain/erasureRequest.ts";
import { restrictToPartner } from "../domain/personalData.ts";
import { erasureRequestedEvent } from "../events/publishedEvents.ts";
import type { ErasureRequestRecord } from "../models/erasureRequest.ts";
import type { StudentRecord } from "../models/student.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";
import type { PageArgs } from "./pages.ts";

/** A confirmation of one of the four services. */
export type ErasureConfirmed = EventOf<(typeof erasureConfirmations)[number]>;

/** True for the events the owner of erasure requests applies (a request, a confirmation). */
export function isErasureConfirmation(event: { type: string }): event is ErasureConfirmed {
  return erasureConfirmations.some((contract) => contract.type === event.type);
}

/** The consumer's own identity when it erases on behalf of a request (the request was ADMIN's). */
const erasureAgent: AuthenticatedViewer = {
  authenticated: true,
  subject: "system:erasure-request",
  role: Role.ADMIN,
  hdr: false,
  institutionId: null,
  facultyId: null,
};

function requestView(record: ErasureRequestRecord) {
  return { ...record, id: record._id, pendingServices: pendingServices(record.confirmations) };
}

/**
 * Erasure of a person everywhere (GDPR art. 17), owned here: the request aggregate, its
 * status from the four confirmations, this service's own part of the erasure, and the
 * notices for the partner institutions that nominated an erased student (art. 19).
 */
export function erasureOperations(
  deps: ApplicationDeps,
  students: { eraseStudent(viewer: Viewer, id: string): Promise<StudentRecord> },
) {
  const { store, clock, newId } = deps;
  const writer = createOutboxWriter(deps);

  async function findByPerson(personKey: string) {
    return store.erasureRequests.findOne({ personKey }).lean<ErasureRequestRecord>().exec();
  }

  /**
   * ADMIN asks for a person's erasure: `students.erasure.requested.v1` goes out to every
   * service. Asking again for the same person answers the same request (idempotent).
   */
  async function requestErasure(viewer: Viewer, input: PersonInput) {
    requireRole(viewer, Role.ADMIN);
    const person = erasedPersonFrom(input);
    const personKey = `${person.kind}:${person.id}`;
    const existing = await findByPerson(personKey);
    if (existing) return requestView(existing);
    const now = clock();
    const request: ErasureRequestRecord = {
      _id: newId(),
      person,
      personKey,
      status: ErasureStatus.REQUESTED,
      confirmations: [],
      requestedBy: viewer.subject,
      requestedAt: now,
      completedAt: null,
      version: 1,
      _outbox: [],
    };
    try {
      await writer.insert(store.erasureRequests, request, {
        events: [erasureRequestedEvent(request, { id: newId(), time: now, sequence: 1 })],
      });
    } catch (error) {
      // The same person asked for twice at once: the first request stands.
      if (!isDuplicateKeyError(error)) throw error;
      return requestView((await findByPerson(personKey))!);
    }
    return requestView(request);
  }

  async function getErasureRequest(viewer: Viewer, id: string) {
    requireRole(viewer, Role.ADMIN);
    const request = await store.erasureRequests.findById(id).lean<ErasureRequestRecord>().exec();
    if (!request) {
      throw new DomainError(
        ErrorKind.NOT_FOUND,
        StudentsReason.ERASURE_REQUEST_NOT_FOUND,
        `No erasure request ${id}.`,
      );
    }
    return requestView(request);
  }

  /** Applies one service's confirmation to its request (once per service; complete after the last). */
  async function recordErasureConfirmation(event: ErasureConfirmed): Promise<void> {
    const { requestId, service, records, erasedAt } = event.data;
    if (!(await store.erasureRequests.exists({ _id: requestId }).exec())) return;
    await writer.update(store.erasureRequests, requestId, {
      load: async () =>
        (await store.erasureRequests.findById(requestId).lean<ErasureRequestRecord>().exec())!,
      decide: (state) => {
        const confirmed = confirmErasure(state, {
          service: service as ErasureParticipant,
          records,
          erasedAt: new Date(erasedAt),
        });
        if (!confirmed) return null;
        const { confirmation, ...set } = confirmed;
        return fieldDecision(state, { set, push: { confirmations: confirmation } });
      },
    });
  }

  /**
   * This service's part of an erasure: a student's names, email, birth date and dossier
   * documents (through `eraseStudent`, which also tells the services that still read
   * `students.student.erased.v1`); the programme, cohort, nationality and mobilities stay, as
   * anonymous facts. Each institution that nominated them or sent them gets a notice.
   */
  async function eraseHeldData(request: ErasureRequest): Promise<number> {
    const { person, requestId } = request.data;
    if (person.kind !== "STUDENT") return 0;
    const student = await store.students.findById(person.id).lean<StudentRecord>().exec();
    if (!student) return 0;
    const applications = await store.applications
      .find({ studentId: person.id }, { _id: 1, institutionId: 1 })
      .lean<{ _id: string; institutionId: string }[]>()
      .exec();
    const erased = await students.eraseStudent(erasureAgent, person.id);
    const institutions = new Set(
      [student.homeInstitutionId, ...applications.map((application) => application.institutionId)].filter(
        (id): id is string => id !== null,
      ),
    );
    for (const institutionId of institutions) {
      await store.erasureNotices
        .updateOne(
          { _id: `${requestId}:${institutionId}` },
          {
            $setOnInsert: {
              requestId,
              institutionId,
              personKind: person.kind,
              erasedAt: erased.erasedAt ?? clock(),
            },
          },
          { upsert: true },
        )
        .exec();
    }
    return 1 + applications.length;
  }

  /** The erasure notices of the partner's own institution (ADMIN, INTERNATIONAL_OFFICE: any), latest first. */
  async function listErasureNotices(
    viewer: Viewer,
    institutionId: string | null | undefined,
    page: PageArgs,
  ) {
    requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.PARTNER);
    const filter = restrictToPartner(viewer, institutionId ? { institutionId } : {}, "institutionId");
    const found = await paginateLean(store.erasureNotices, {
      filter,
      sort: { field: "erasedAt", direction: -1 },
      first: page.first,
      after: page.after,
    });
    return mapPage(found, (notice) => ({
      id: notice._id,
      requestId: notice.requestId,
      institutionId: notice.institutionId,
      personKind: notice.personKind,
      erasedAt: notice.erasedAt.toISOString(),
    }));
  }

  return {
    requestErasure,
    getErasureRequest,
    recordErasureConfirmation,
    eraseHeldData,
    listErasureNotices,
  };
}
