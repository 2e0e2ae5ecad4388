import { Role, hasRole, requireRole, requireSignedIn } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { allOf, mapPage, paginateLean, sortDirection } from "@intl/mongo";
import type { PageConnection } from "@intl/mongo";
import { createOutboxWriter } from "@intl/kafka";
import { ResearchReason } from "../domain/errors.ts";
import {
  assertMayManageMobility,
  cancelFacultyMobility,
  completeFacultyMobility,
  FacultyMobilityStatus,
  planFacultyMobility,
} from "../domain/facultyMobility.ts";
import type { FacultyMobilityState, PlanFacultyMobilityCommand } from "../domain/facultyMobility.ts";
import { academicYearWindow, facultyMobilityShare } from "../domain/facultyMobilityShare.ts";
import type { FacultyMobilityShare } from "../domain/facultyMobilityShare.ts";
import { alreadyExists, notFound } from "../domain/missingReferences.ts";
import { MobilityDirection } from "../domain/vocabulary.ts";
import { facultyMobilityCompletedEvent } from "../events/publishedEvents.ts";
import { mobilityFromDocument } from "../models/facultyMobilityModel.ts";
import type { FacultyMobilityDocument } from "../models/facultyMobilityModel.ts";
import type { ApplicationDeps, PageArgs, SortDirectionName } from "./applicationDeps.ts";
import type { KnownReferenceOperations } from "./knownReferences.ts";

export interface FacultyMobilityListFilter {
  direction?: MobilityDirection | null;
  status?: FacultyMobilityStatus | null;
  institutionId?: string | null;
  facultyId?: string | null;
}

const managers = [Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY];

/** A partner sees only the exchanges with its own institution. */
function visibleTo(viewer: Viewer): Record<string, unknown> {
  return hasRole(viewer, Role.PARTNER) ? { institutionId: viewer.institutionId } : {};
}

function toFilter(filter: FacultyMobilityListFilter): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (filter.direction) query.direction = filter.direction;
  if (filter.status) query.status = filter.status;
  if (filter.institutionId) query.institutionId = filter.institutionId;
  if (filter.facultyId) query.facultyId = filter.facultyId;
  return query;
}

export function facultyMobilityOperations(deps: ApplicationDeps, references: KnownReferenceOperations) {
  const { models, newId } = deps;
  const writer = createOutboxWriter(deps);
  const { FacultyMobility, Faculty } = models;

  async function load(id: string): Promise<FacultyMobilityState> {
    const document = await FacultyMobility.findById(id).lean<FacultyMobilityDocument>().exec();
    if (!document) throw notFound(ResearchReason.MOBILITY_NOT_FOUND, "faculty mobility", id);
    return mobilityFromDocument(document);
  }

  async function transition(
    viewer: Viewer,
    id: string,
    change: (state: FacultyMobilityState, now: Date) => FacultyMobilityState,
    publish: boolean,
  ): Promise<FacultyMobilityState> {
    requireRole(viewer, ...managers);
    return writer.update(FacultyMobility, id, {
      load: () => load(id),
      decide: (state, now) => {
        assertMayManageMobility(viewer, state.facultyId);
        const next = change(state, now);
        const { id: _id, ...fields } = next;
        return {
          next,
          set: fields,
          events: publish ? [facultyMobilityCompletedEvent(next, newId(), now)] : [],
        };
      },
    });
  }

  return {
    /** ADMIN, INTERNATIONAL_OFFICE, or FACULTY for their own stay (or a hosting they host). `id` is for the seed. */
    async planFacultyMobility(
      viewer: Viewer,
      command: PlanFacultyMobilityCommand & { id?: string },
    ): Promise<FacultyMobilityState> {
      requireRole(viewer, ...managers);
      assertMayManageMobility(viewer, command.facultyId ?? null);
      const [facultyCount, institutionKnown] = await Promise.all([
        command.facultyId ? Faculty.countDocuments({ _id: command.facultyId }).exec() : Promise.resolve(0),
        references.isInstitutionKnown(command.institutionId),
      ]);
      const state = planFacultyMobility(
        command,
        { facultyExists: facultyCount > 0, institutionKnown },
        command.id ?? newId(),
      );
      const { id, ...fields } = state;
      await writer.insert(
        FacultyMobility,
        { _id: id, ...fields },
        { duplicate: () => alreadyExists("FacultyMobility", id) },
      );
      return state;
    },

    /** PLANNED → COMPLETED once over; publishes research.faculty-mobility.completed.v1. */
    completeFacultyMobility(viewer: Viewer, id: string): Promise<FacultyMobilityState> {
      return transition(viewer, id, completeFacultyMobility, true);
    },

    cancelFacultyMobility(viewer: Viewer, id: string): Promise<FacultyMobilityState> {
      return transition(viewer, id, (state) => cancelFacultyMobility(state), false);
    },

    async getFacultyMobility(viewer: Viewer, id: string): Promise<FacultyMobilityState | null> {
      requireSignedIn(viewer);
      const document = await FacultyMobility.findOne(allOf({ _id: id }, visibleTo(viewer)))
        .lean<FacultyMobilityDocument>()
        .exec();
      return document ? mobilityFromDocument(document) : null;
    },

    async listFacultyMobilities(
      viewer: Viewer,
      args: PageArgs & {
        filter?: FacultyMobilityListFilter | null;
        sort?: { field: "START_DATE"; direction?: SortDirectionName | null } | null;
      },
    ): Promise<PageConnection<FacultyMobilityState>> {
      requireSignedIn(viewer);
      const filter = allOf(toFilter(args.filter ?? {}), visibleTo(viewer));
      const sort = { field: "startDate", direction: sortDirection(args.sort?.direction) };
      const page = await paginateLean(FacultyMobility, {
        filter,
        sort,
        first: args.first,
        after: args.after,
      });
      return mapPage(page, mobilityFromDocument);
    },

    /** Share of faculty who went abroad in an academic year, and peers hosted. Any signed-in viewer (aggregates only). */
    async facultyMobilityShare(viewer: Viewer, academicYear: string): Promise<FacultyMobilityShare> {
      requireSignedIn(viewer);
      const { from, to } = academicYearWindow(academicYear);
      const inYear = { status: FacultyMobilityStatus.COMPLETED, startDate: { $gte: from, $lte: to } };
      const [facultyCount, travellers, hostedPeers] = await Promise.all([
        Faculty.countDocuments({}).exec(),
        FacultyMobility.distinct("facultyId", { ...inYear, direction: MobilityDirection.OUTGOING }).exec(),
        FacultyMobility.countDocuments({ ...inYear, direction: MobilityDirection.INCOMING }).exec(),
      ]);
      const wentAbroad = travellers.filter((id) => id !== null).length;
      return facultyMobilityShare({ academicYear, facultyCount, wentAbroad, hostedPeers });
    },
  };
}
