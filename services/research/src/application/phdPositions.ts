import { Role, requireRole, requireSignedIn } from "@intl/auth";
import type { AuthenticatedViewer, Viewer } from "@intl/auth";
import { mapPage, paginateLean, sortDirection } from "@intl/mongo";
import type { PageConnection } from "@intl/mongo";
import { createOutboxWriter } from "@intl/kafka";
import { requireHdrClaim, requireSupervisorRole } from "../domain/access.ts";
import { ResearchReason } from "../domain/errors.ts";
import { alreadyExists, notFound } from "../domain/missingReferences.ts";
import {
  addPhdCandidate,
  agreeSubject,
  assessPhdCandidate,
  openPhdPosition,
  selectPhdCandidate,
} from "../domain/phdPosition.ts";
import type {
  AddPhdCandidateCommand,
  OpenPhdPositionCommand,
  PhdActor,
  PhdPositionState,
  PhdPositionStatus,
  PhdScores,
  SubjectParty,
} from "../domain/phdPosition.ts";
import type { ResearchDomain } from "../domain/vocabulary.ts";
import { phdCandidateSelectedEvent } from "../events/publishedEvents.ts";
import type { FacultyDocument } from "../models/facultyModel.ts";
import { positionFromDocument, positionToDocument } from "../models/phdPositionModel.ts";
import type { PhdPositionDocument } from "../models/phdPositionModel.ts";
import type { ApplicationDeps, PageArgs, SortDirectionName } from "./applicationDeps.ts";
import type { KnownReferenceOperations } from "./knownReferences.ts";

export interface PhdPositionListFilter {
  status?: PhdPositionStatus | null;
  domain?: ResearchDomain | null;
  centreId?: string | null;
  supervisorId?: string | null;
  academicYear?: string | null;
}

const WITHDRAWN = "WITHDRAWN";

function actorOf(viewer: AuthenticatedViewer): PhdActor & { hdr: boolean } {
  return {
    role: viewer.role,
    facultyId: viewer.facultyId,
    institutionId: viewer.institutionId,
    hdr: viewer.hdr,
  };
}

function toFilter(filter: PhdPositionListFilter): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (filter.status) query.status = filter.status;
  if (filter.domain) query.domain = filter.domain;
  if (filter.centreId) query.centreId = filter.centreId;
  if (filter.supervisorId) query.supervisorId = filter.supervisorId;
  if (filter.academicYear) query.academicYear = filter.academicYear;
  return query;
}

export function phdPositionOperations(deps: ApplicationDeps, references: KnownReferenceOperations) {
  const { models, clock, newId } = deps;
  const writer = createOutboxWriter(deps);
  const { PhdPosition, Faculty, ResearchCentre } = models;

  /** Reads the position, decides (`null`: nothing changed), writes it with its events. */
  function changePosition(
    id: string,
    change: (position: PhdPositionState, now: Date) => PhdPositionState,
    publishSelection = false,
  ): Promise<PhdPositionState> {
    return writer.update(PhdPosition, id, {
      load: () => load(id),
      decide: (position, now) => {
        const next = change(position, now);
        if (next === position) return null; // nothing changed (an agreement already recorded)
        const { _id, ...fields } = positionToDocument(next);
        return {
          next,
          set: fields,
          events: publishSelection ? [phdCandidateSelectedEvent(next, newId(), now)] : [],
        };
      },
    });
  }

  async function load(id: string): Promise<PhdPositionState> {
    const document = await PhdPosition.findById(id).lean<PhdPositionDocument>().exec();
    if (!document) throw notFound(ResearchReason.POSITION_NOT_FOUND, "PhD position", id);
    return positionFromDocument(document);
  }

  return {
    /** ADMIN, INTERNATIONAL_OFFICE, FACULTY; the supervisor must hold the HDR. `id` is for the seed. */
    async openPhdPosition(
      viewer: Viewer,
      command: OpenPhdPositionCommand & { id?: string },
    ): Promise<PhdPositionState> {
      requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY);
      const [supervisor, centreCount, coSupervisorInstitutionKnown] = await Promise.all([
        Faculty.findById(command.supervisorId, { hdr: 1, centreId: 1 })
          .lean<Pick<FacultyDocument, "_id" | "hdr" | "centreId">>()
          .exec(),
        command.centreId
          ? ResearchCentre.countDocuments({ _id: command.centreId }).exec()
          : Promise.resolve(0),
        command.coSupervisor
          ? references.isInstitutionKnown(command.coSupervisor.institutionId)
          : Promise.resolve(true),
      ]);
      const now = clock();
      const position = openPhdPosition(
        command,
        {
          supervisor: supervisor
            ? { id: supervisor._id, hdr: supervisor.hdr, centreId: supervisor.centreId }
            : null,
          centreExists: centreCount > 0,
          coSupervisorInstitutionKnown,
        },
        command.id ?? newId(),
        now,
      );
      await writer.insert(PhdPosition, positionToDocument(position), {
        duplicate: () => alreadyExists("PhdPosition", position.id),
      });
      return position;
    },

    /** ADMIN, INTERNATIONAL_OFFICE, FACULTY. */
    async addPhdCandidate(
      viewer: Viewer,
      positionId: string,
      command: AddPhdCandidateCommand,
    ): Promise<PhdPositionState> {
      requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY);
      const [application, institutionKnown] = await Promise.all([
        command.applicationId ? references.findPhdApplication(command.applicationId) : Promise.resolve(null),
        command.institutionId ? references.isInstitutionKnown(command.institutionId) : Promise.resolve(true),
      ]);
      const facts = {
        application: application
          ? {
              applicationId: application._id,
              studentId: application.studentId,
              institutionId: application.institutionId,
              withdrawn: application.status === WITHDRAWN,
            }
          : null,
        institutionKnown,
      };
      return changePosition(positionId, (position, now) =>
        addPhdCandidate(position, command, facts, newId(), now),
      );
    },

    /** The position's supervisor scores a candidate. */
    async assessPhdCandidate(
      viewer: Viewer,
      positionId: string,
      candidateId: string,
      scores: PhdScores,
    ): Promise<PhdPositionState> {
      requireSupervisorRole(viewer);
      return changePosition(positionId, (position, now) =>
        assessPhdCandidate(position, actorOf(viewer), candidateId, scores, now),
      );
    },

    /** Records the candidate's or the co-supervisor's agreement on the subject. */
    async agreeSubject(
      viewer: Viewer,
      positionId: string,
      candidateId: string,
      party: SubjectParty,
    ): Promise<PhdPositionState> {
      requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY, Role.PARTNER);
      return changePosition(positionId, (position, now) =>
        agreeSubject(position, actorOf(viewer), candidateId, party, now),
      );
    },

    /** Only the HDR faculty member supervising the position; publishes research.phd.candidate-selected.v1. */
    async selectPhdCandidate(
      viewer: Viewer,
      positionId: string,
      candidateId: string,
    ): Promise<PhdPositionState> {
      requireHdrClaim(viewer);
      // The token says HDR; the faculty record must say so too (a token outlives a record change).
      const record = viewer.facultyId
        ? await Faculty.findById(viewer.facultyId, { hdr: 1 })
            .lean<Pick<FacultyDocument, "_id" | "hdr">>()
            .exec()
        : null;
      return changePosition(
        positionId,
        (position, now) =>
          selectPhdCandidate(
            position,
            actorOf(viewer),
            { actorRecordHoldsHdr: record?.hdr === true },
            candidateId,
            now,
          ),
        true,
      );
    },

    async getPhdPosition(viewer: Viewer, id: string): Promise<PhdPositionState | null> {
      requireSignedIn(viewer);
      const document = await PhdPosition.findById(id).lean<PhdPositionDocument>().exec();
      return document ? positionFromDocument(document) : null;
    },

    async listPhdPositions(
      viewer: Viewer,
      args: PageArgs & {
        filter?: PhdPositionListFilter | null;
        sort?: { field: "OPENED_AT"; direction?: SortDirectionName | null } | null;
      },
    ): Promise<PageConnection<PhdPositionState>> {
      requireSignedIn(viewer);
      const sort = { field: "openedAt", direction: sortDirection(args.sort?.direction) };
      const page = await paginateLean(PhdPosition, {
        filter: toFilter(args.filter ?? {}),
        sort,
        first: args.first,
        after: args.after,
      });
      return mapPage(page, positionFromDocument);
    },
  };
}
