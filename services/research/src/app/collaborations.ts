import { Role, hasRole, requireRole, requireSignedIn } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { paginate } from "@intl/mongo";
import type { PageConnection } from "@intl/mongo";
import {
  assertMayManageCollaboration,
  cancelCollaboration,
  endCollaboration,
  planCollaboration,
  startCollaboration,
} from "../domain/collaboration.ts";
import type { CollaborationState, CollaborationStatus, PlanCollaborationCommand } from "../domain/collaboration.ts";
import { collaborationStats } from "../domain/collaborationStats.ts";
import type { CollaborationFacts, CollaborationStats } from "../domain/collaborationStats.ts";
import { ResearchReason } from "../domain/errors.ts";
import { notFound } from "../domain/missingReferences.ts";
import type { CollaborationDimension, CollaborationType } from "../domain/vocabulary.ts";
import { collaborationEndedEvent, collaborationStartedEvent } from "../events/publishedEvents.ts";
import { collaborationFromDocument } from "../models/collaborationModel.ts";
import type { CollaborationDocument } from "../models/collaborationModel.ts";
import type { KnownInstitutionDocument } from "../models/institutionModel.ts";
import { inWriteQueue, insertAggregate, updateAggregate } from "../models/versionedWrites.ts";
import type { AppDeps, PageArgs, SortDirectionName } from "./appDeps.ts";
import { sortDirection } from "./appDeps.ts";
import type { KnownReferenceOperations } from "./knownReferences.ts";
import { mapPage } from "./pages.ts";

export interface CollaborationListFilter {
  status?: CollaborationStatus | null;
  type?: CollaborationType | null;
  institutionId?: string | null;
  centreId?: string | null;
  leadFacultyId?: string | null;
  dimension?: CollaborationDimension | null;
}

export type CollaborationSortField = "START_DATE" | "TITLE";
const sortFields: Record<CollaborationSortField, string> = { START_DATE: "startDate", TITLE: "title" };

const managers = [Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY];

/** A partner sees only the collaborations of its own institution. */
function visibleTo(viewer: Viewer): Record<string, unknown> {
  return hasRole(viewer, Role.PARTNER) ? { institutionIds: viewer.institutionId } : {};
}

function toFilter(filter: CollaborationListFilter): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (filter.status) query.status = filter.status;
  if (filter.type) query.type = filter.type;
  if (filter.institutionId) query.institutionIds = filter.institutionId;
  if (filter.centreId) query.centreId = filter.centreId;
  if (filter.leadFacultyId) query.leadFacultyId = filter.leadFacultyId;
  if (filter.dimension) query.dimensions = filter.dimension;
  return query;
}

export function collaborationOperations(deps: AppDeps, references: KnownReferenceOperations) {
  const { models, clock, newId, eventsQueued, writeQueue } = deps;
  const { Collaboration, Faculty, ResearchCentre } = models;

  async function load(id: string): Promise<CollaborationState> {
    const document = await Collaboration.findById(id).lean<CollaborationDocument>().exec();
    if (!document) throw notFound(ResearchReason.COLLABORATION_NOT_FOUND, "collaboration", id);
    return collaborationFromDocument(document);
  }

  async function save(previous: CollaborationState, next: CollaborationState, events: ReturnType<typeof collaborationStartedEvent>[], now: Date) {
    const { id, ...fields } = next;
    await updateAggregate(Collaboration, id, previous.version, fields, events, now);
    if (events.length > 0) eventsQueued({ model: Collaboration, id });
    return next;
  }

  /** Loads, checks the viewer may manage it, applies `change`, saves with its events: one at a time per collaboration (see `inWriteQueue`). */
  async function transition(
    viewer: Viewer,
    id: string,
    change: (state: CollaborationState, now: Date) => CollaborationState,
    event?: typeof collaborationStartedEvent,
  ): Promise<CollaborationState> {
    requireRole(viewer, ...managers);
    return inWriteQueue(writeQueue, Collaboration, id, async () => {
      const state = await load(id);
      assertMayManageCollaboration(viewer, state.leadFacultyId);
      const now = clock();
      const next = change(state, now);
      return save(state, next, event ? [event(next, newId(), now)] : [], now);
    });
  }

  return {
    /** ADMIN, INTERNATIONAL_OFFICE, or FACULTY for a collaboration they lead. `id` is for the seed. */
    async planCollaboration(viewer: Viewer, command: PlanCollaborationCommand & { id?: string }): Promise<CollaborationState> {
      requireRole(viewer, ...managers);
      assertMayManageCollaboration(viewer, command.leadFacultyId);
      const [leadFaculty, centreCount, unknownInstitutionIds] = await Promise.all([
        Faculty.findById(command.leadFacultyId, { centreId: 1 }).lean<{ _id: string; centreId: string }>().exec(),
        command.centreId ? ResearchCentre.countDocuments({ _id: command.centreId }).exec() : Promise.resolve(0),
        references.unknownInstitutionIds(command.institutionIds ?? []),
      ]);
      const state = planCollaboration(
        command,
        {
          unknownInstitutionIds,
          leadFaculty: leadFaculty ? { id: leadFaculty._id, centreId: leadFaculty.centreId } : null,
          centreExists: centreCount > 0,
        },
        command.id ?? newId(),
      );
      const { id, ...fields } = state;
      await insertAggregate(Collaboration, { _id: id, ...fields }, [], clock());
      return state;
    },

    /** PLANNED → ONGOING; publishes research.collaboration.started.v1. */
    startCollaboration(viewer: Viewer, id: string): Promise<CollaborationState> {
      return transition(viewer, id, startCollaboration, collaborationStartedEvent);
    },

    /** ONGOING → ENDED; publishes research.collaboration.ended.v1. */
    endCollaboration(viewer: Viewer, id: string, endDate?: string | null): Promise<CollaborationState> {
      return transition(viewer, id, (state, now) => endCollaboration(state, endDate, now), collaborationEndedEvent);
    },

    /** PLANNED → CANCELLED (nothing was published, nothing is). */
    cancelCollaboration(viewer: Viewer, id: string): Promise<CollaborationState> {
      return transition(viewer, id, (state) => cancelCollaboration(state));
    },

    async getCollaboration(viewer: Viewer, id: string): Promise<CollaborationState | null> {
      requireSignedIn(viewer);
      const document = await Collaboration.findOne({ $and: [{ _id: id }, visibleTo(viewer)] }).lean<CollaborationDocument>().exec();
      return document ? collaborationFromDocument(document) : null;
    },

    async listCollaborations(
      viewer: Viewer,
      args: PageArgs & {
        filter?: CollaborationListFilter | null;
        sort?: { field: CollaborationSortField; direction?: SortDirectionName | null } | null;
      },
    ): Promise<PageConnection<CollaborationState>> {
      requireSignedIn(viewer);
      const filter = { $and: [toFilter(args.filter ?? {}), visibleTo(viewer)] };
      const sort = args.sort
        ? { field: sortFields[args.sort.field], direction: sortDirection(args.sort.direction) }
        : { field: "startDate", direction: 1 as const };
      const page = await paginate(Collaboration, { filter, sort, first: args.first, after: args.after });
      return mapPage(page, collaborationFromDocument);
    },

    /** Counts by country of the partners, type and centre: ANALYST, ADMIN, INTERNATIONAL_OFFICE. */
    async collaborationStats(viewer: Viewer, filter: { status?: CollaborationStatus | null } = {}): Promise<CollaborationStats> {
      requireRole(viewer, Role.ANALYST, Role.ADMIN, Role.INTERNATIONAL_OFFICE);
      const query = filter.status ? { status: filter.status } : {};
      const collaborations = await Collaboration.find(query, { type: 1, centreId: 1, institutionIds: 1 }).lean<CollaborationFacts[]>().exec();
      const institutionIds = [...new Set(collaborations.flatMap((c) => c.institutionIds))];
      const institutions: KnownInstitutionDocument[] = await references.knownInstitutions(institutionIds);
      const countries = new Map(institutions.map((institution) => [institution._id, institution.countryCode]));
      return collaborationStats(collaborations, (id) => countries.get(id));
    },
  };
}
