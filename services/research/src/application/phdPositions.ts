import { Role, requireRole, requireSignedIn } from "@intl/auth";
import type { AuthenticatedViewer, Viewer } from "@intl/auth";
import { paginate } from "@intl/mongo";
import type { PageConnection } from "@intl/mongo";
import { requireHdrClaim, requireSupervisorRole } from "../domain/access.ts";
import { ResearchReason } from "../domain/errors.ts";
import { notFound } from "../domain/missingReferences.ts";
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
import { inWriteQueue, insertAggregate, updateAggregate } from "../models/versionedWrites.ts";
import type { ApplicationDeps, PageArgs, SortDirectionName } from "./applicationDeps.ts";
import { sortDirection } from "./applicationDeps.ts";
import type { KnownReferenceOperations } from "./knownReferences.ts";
import { mapPage } from "./pages.ts";

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
  const { models, clock, newId, eventsQueued, writeQueue } = deps;
  const { PhdPosition, Faculty, ResearchCentre } = models;

  /** Reads the position, decides, saves: one at a time per position (see `inWriteQueue`). */
  function changePosition(
    id: string,
    change: (position: PhdPositionState) => Promise<PhdPositionState>,
  ): Promise<PhdPositionState> {
    return inWriteQueue(writeQueue, PhdPosition, id, async () => change(await load(id)));
  }

  async function load(id: string): Promise<PhdPositionState> {
    const document = await PhdPosition.findById(id).lean<PhdPositionDocument>().exec();
    if (!document) throw notFound(ResearchReason.POSITION_NOT_FOUND, "PhD position", id);
    return positionFromDocument(document);
  }

  async function save(
    previous: PhdPositionState,
    next: PhdPositionState,
    now: Date,
    publishSelection = false,
  ): Promise<PhdPositionState> {
    if (next === previous) return next; // nothing changed (an agreement already recorded)
    const events = publishSelection ? [phdCandidateSelectedEvent(next, newId(), now)] : [];
    const { _id, ...fields } = positionToDocument(next);
    await updateAggregate(PhdPosition, _id, previous.version, fields, events, now);
    if (events.length > 0) eventsQueued({ model: PhdPosition, id: _id });
    return next;
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
      await insertAggregate(PhdPosition, positionToDocument(position), [], now);
      return position;
    },

    /** ADMIN, INTERNATIONAL_OFFICE, FACULTY. */
    async addPhdCandidate(
      viewer: Viewer,
      positionId: string,
      command: AddPhdCandidateCommand,
    ): Promise<PhdPositionState> {
      requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY);
      return changePosition(positionId, async (position) => {
        const [application, institutionKnown] = await Promise.all([
          command.applicationId
            ? references.findPhdApplication(command.applicationId)
            : Promise.resolve(null),
          command.institutionId
            ? references.isInstitutionKnown(command.institutionId)
            : Promise.resolve(true),
        ]);
        const now = clock();
        const next = addPhdCandidate(
          position,
          command,
          {
            application: application
              ? {
                  applicationId: application._id,
                  studentId: application.studentId,
                  institutionId: application.institutionId,
                  withdrawn: application.status === WITHDRAWN,
                }
              : null,
            institutionKnown,
          },
          newId(),
          now,
        );
        return save(position, next, now);
      });
    },

    /** The position's supervisor scores a candidate. */
    async assessPhdCandidate(
      viewer: Viewer,
      positionId: string,
      candidateId: string,
      scores: PhdScores,
    ): Promise<PhdPositionState> {
      requireSupervisorRole(viewer);
      return changePosition(positionId, async (position) => {
        const now = clock();
        return save(position, assessPhdCandidate(position, actorOf(viewer), candidateId, scores, now), now);
      });
    },

    /** Records the candidate's or the co-supervisor's agreement on the subject. */
    async agreeSubject(
      viewer: Viewer,
      positionId: string,
      candidateId: string,
      party: SubjectParty,
    ): Promise<PhdPositionState> {
      requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY, Role.PARTNER);
      return changePosition(positionId, async (position) => {
        const now = clock();
        return save(position, agreeSubject(position, actorOf(viewer), candidateId, party, now), now);
      });
    },

    /** Only the HDR faculty member supervising the position; publishes research.phd.candidate-selected.v1. */
    async selectPhdCandidate(
      viewer: Viewer,
      positionId: string,
      candidateId: string,
    ): Promise<PhdPositionState> {
      requireHdrClaim(viewer);
      return changePosition(positionId, async (position) => {
        // The token says HDR; the faculty record must say so too (a token outlives a record change).
        const record = viewer.facultyId
          ? await Faculty.findById(viewer.facultyId, { hdr: 1 })
              .lean<Pick<FacultyDocument, "_id" | "hdr">>()
              .exec()
          : null;
        const now = clock();
        const next = selectPhdCandidate(
          position,
          actorOf(viewer),
          { actorRecordHoldsHdr: record?.hdr === true },
          candidateId,
          now,
        );
        return save(position, next, now, true);
      });
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
      const page = await paginate(PhdPosition, {
        filter: toFilter(args.filter ?? {}),
        sort,
        first: args.first,
        after: args.after,
      });
      return mapPage(page, positionFromDocument);
    },
  };
}
