import { Role, hasRole, requireRole, requireSignedIn } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { allOf, findByIds, mapPage, paginate, paginateLean, sortDirection } from "@intl/mongo";
import { createOutboxWriter } from "@intl/kafka";
import type { PageConnection } from "@intl/mongo";
import {
  assertMayManageCollaboration,
  cancelCollaboration,
  endCollaboration,
  planCollaboration,
  startCollaboration,
} from "../domain/collaboration.ts";
import type {
  CollaborationState,
  CollaborationStatus,
  PlanCollaborationCommand,
} from "../domain/collaboration.ts";
import { collaborationStats } from "../domain/collaborationStats.ts";
import type { CollaborationFacts, CollaborationStats } from "../domain/collaborationStats.ts";
import { ResearchReason } from "../domain/errors.ts";
import { alreadyExists, notFound } from "../domain/missingReferences.ts";
import type { CollaborationDimension, CollaborationType } from "../domain/vocabulary.ts";
import { collaborationEndedEvent, collaborationStartedEvent } from "../events/publishedEvents.ts";
import { collaborationLinks } from "../models/collaborationLinkModel.ts";
import { collaborationFromDocument } from "../models/collaborationModel.ts";
import type { CollaborationDocument } from "../models/collaborationModel.ts";
import type { KnownInstitutionDocument } from "../models/institutionModel.ts";
import type { ApplicationDeps, PageArgs, SortDirectionName } from "./applicationDeps.ts";
import type { KnownReferenceOperations } from "./knownReferences.ts";

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

/** The conditions a collaboration and its institution links both carry. */
function scalarConditions(filter: CollaborationListFilter): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (filter.status) query.status = filter.status;
  if (filter.type) query.type = filter.type;
  if (filter.centreId) query.centreId = filter.centreId;
  if (filter.leadFacultyId) query.leadFacultyId = filter.leadFacultyId;
  return query;
}

function toFilter(filter: CollaborationListFilter): Record<string, unknown> {
  const query = scalarConditions(filter);
  if (filter.institutionId) query.institutionIds = filter.institutionId;
  if (filter.dimension) query.dimensions = filter.dimension;
  return query;
}

/**
 * The one institution a list is narrowed to (by its filter, or because a partner
 * sees only its own): `null` when none, `false` when the two disagree (nothing to see).
 */
function institutionScope(viewer: Viewer, filter: CollaborationListFilter): string | null | false {
  const own = hasRole(viewer, Role.PARTNER) ? (viewer.institutionId ?? false) : null;
  const asked = filter.institutionId ?? null;
  if (own === null) return asked;
  if (own === false || (asked !== null && asked !== own)) return false;
  return own;
}

export function collaborationOperations(deps: ApplicationDeps, references: KnownReferenceOperations) {
  const { models, newId } = deps;
  const writer = createOutboxWriter(deps);
  const links = collaborationLinks(models);
  const linksOf = { sync: ({ id, ...fields }: CollaborationState) => links.sync({ _id: id, ...fields }) };
  const { Collaboration, CollaborationLink, Faculty, ResearchCentre } = models;

  /** The collaborations of `ids`, in that order (links of a collaboration that vanished are skipped). */
  async function collaborationsInOrder(ids: readonly string[]): Promise<CollaborationState[]> {
    const documents = await findByIds(Collaboration, ids, (condition) =>
      Collaboration.find(condition).lean<CollaborationDocument[]>().exec(),
    );
    const byId = new Map(documents.map((document) => [document._id, collaborationFromDocument(document)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async function load(id: string): Promise<CollaborationState> {
    const document = await Collaboration.findById(id).lean<CollaborationDocument>().exec();
    if (!document) throw notFound(ResearchReason.COLLABORATION_NOT_FOUND, "collaboration", id);
    return collaborationFromDocument(document);
  }

  /** Loads, checks the viewer may manage it, applies `change`, writes it with its event (see @intl/mongo's aggregate writer). */
  async function transition(
    viewer: Viewer,
    id: string,
    change: (state: CollaborationState, now: Date) => CollaborationState,
    event?: typeof collaborationStartedEvent,
  ): Promise<CollaborationState> {
    requireRole(viewer, ...managers);
    return writer.update(Collaboration, id, {
      load: () => load(id),
      decide: (state, now) => {
        assertMayManageCollaboration(viewer, state.leadFacultyId);
        const next = change(state, now);
        const { id: _id, ...fields } = next;
        return { next, set: fields, events: event ? [event(next, newId(), now)] : [] };
      },
      links: linksOf,
    });
  }

  return {
    /** ADMIN, INTERNATIONAL_OFFICE, or FACULTY for a collaboration they lead. `id` is for the seed. */
    async planCollaboration(
      viewer: Viewer,
      command: PlanCollaborationCommand & { id?: string },
    ): Promise<CollaborationState> {
      requireRole(viewer, ...managers);
      assertMayManageCollaboration(viewer, command.leadFacultyId);
      const [leadFaculty, centreCount, unknownInstitutionIds] = await Promise.all([
        Faculty.findById(command.leadFacultyId, { centreId: 1 })
          .lean<{ _id: string; centreId: string }>()
          .exec(),
        command.centreId
          ? ResearchCentre.countDocuments({ _id: command.centreId }).exec()
          : Promise.resolve(0),
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
      await writer.insert(
        Collaboration,
        { _id: id, ...fields },
        { links, duplicate: () => alreadyExists("Collaboration", id) },
      );
      return state;
    },

    /** PLANNED → ONGOING; publishes research.collaboration.started.v1. */
    startCollaboration(viewer: Viewer, id: string): Promise<CollaborationState> {
      return transition(viewer, id, startCollaboration, collaborationStartedEvent);
    },

    /** ONGOING → ENDED; publishes research.collaboration.ended.v1. */
    endCollaboration(viewer: Viewer, id: string, endDate?: string | null): Promise<CollaborationState> {
      return transition(
        viewer,
        id,
        (state, now) => endCollaboration(state, endDate, now),
        collaborationEndedEvent,
      );
    },

    /** PLANNED → CANCELLED (nothing was published, nothing is). */
    cancelCollaboration(viewer: Viewer, id: string): Promise<CollaborationState> {
      return transition(viewer, id, (state) => cancelCollaboration(state));
    },

    async getCollaboration(viewer: Viewer, id: string): Promise<CollaborationState | null> {
      requireSignedIn(viewer);
      const document = await Collaboration.findOne(allOf({ _id: id }, visibleTo(viewer)))
        .lean<CollaborationDocument>()
        .exec();
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
      const asked = args.filter ?? {};
      const sort = args.sort
        ? { field: sortFields[args.sort.field], direction: sortDirection(args.sort.direction) }
        : { field: "startDate", direction: 1 as const };
      const institutionId = institutionScope(viewer, asked);
      if (institutionId === false)
        return { nodes: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
      if (institutionId !== null && !asked.dimension) {
        // One institution's collaborations: through its links, a top-level equality the store pushes down.
        const filter = { institutionId, ...scalarConditions(asked) };
        const page = await paginate(CollaborationLink, {
          filter,
          sort,
          first: args.first,
          after: args.after,
        });
        const nodes = await collaborationsInOrder(page.nodes.map((link) => link.collaborationId));
        return { nodes, pageInfo: page.pageInfo, totalCount: page.totalCount };
      }
      const filter = allOf(toFilter({ ...asked, institutionId }), visibleTo(viewer));
      const page = await paginateLean(Collaboration, { filter, sort, first: args.first, after: args.after });
      return mapPage(page, collaborationFromDocument);
    },

    /** Counts by country of the partners, type and centre: ANALYST, ADMIN, INTERNATIONAL_OFFICE. */
    async collaborationStats(
      viewer: Viewer,
      filter: { status?: CollaborationStatus | null } = {},
    ): Promise<CollaborationStats> {
      requireRole(viewer, Role.ANALYST, Role.ADMIN, Role.INTERNATIONAL_OFFICE);
      const query = filter.status ? { status: filter.status } : {};
      const collaborations = await Collaboration.find(query, { type: 1, centreId: 1, institutionIds: 1 })
        .lean<CollaborationFacts[]>()
        .exec();
      const institutionIds = [...new Set(collaborations.flatMap((c) => c.institutionIds))];
      const institutions: KnownInstitutionDocument[] = await references.knownInstitutions(institutionIds);
      const countries = new Map(
        institutions.map((institution) => [institution._id, institution.countryCode]),
      );
      return collaborationStats(collaborations, (id) => countries.get(id));
    },
  };
}
