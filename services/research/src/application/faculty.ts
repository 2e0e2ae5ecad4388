import { Role, requireRole, requireSignedIn } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { DomainError, ErrorKind } from "@intl/errors";
import { findByIds, isDuplicateKeyError, mapPage, paginateLean, sortDirection } from "@intl/mongo";
import type { PageConnection } from "@intl/mongo";
import { ResearchReason } from "../domain/errors.ts";
import { registerFaculty } from "../domain/faculty.ts";
import type { FacultyState, RegisterFacultyCommand } from "../domain/faculty.ts";
import { unknownFaculty } from "../domain/missingReferences.ts";
import type { ResearchDomain } from "../domain/vocabulary.ts";
import { facultyFromDocument } from "../models/facultyModel.ts";
import type { FacultyDocument } from "../models/facultyModel.ts";
import type { ApplicationDeps, PageArgs, SortDirectionName } from "./applicationDeps.ts";

export interface FacultyListFilter {
  centreId?: string | null;
  domain?: ResearchDomain | null;
  language?: string | null;
  hdr?: boolean | null;
}

export type FacultySortField = "LAST_NAME" | "REGISTERED_AT";

const facultySortFields: Record<FacultySortField, string> = {
  LAST_NAME: "lastName",
  REGISTERED_AT: "registeredAt",
};

export function facultyOperations({ models, clock, newId }: ApplicationDeps) {
  const { Faculty, ResearchCentre } = models;

  async function findFaculty(ids: readonly string[]): Promise<FacultyState[]> {
    const documents = await findByIds(Faculty, ids, (condition) =>
      Faculty.find(condition).lean<FacultyDocument[]>().exec(),
    );
    return documents.map(facultyFromDocument);
  }

  return {
    /** ADMIN, INTERNATIONAL_OFFICE. `id` is for the seed's stable demo ids. */
    async registerFaculty(
      viewer: Viewer,
      command: RegisterFacultyCommand & { id?: string },
    ): Promise<FacultyState> {
      requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE);
      const centreExists = (await ResearchCentre.countDocuments({ _id: command.centreId }).exec()) > 0;
      const faculty = registerFaculty(command, { centreExists }, command.id ?? newId(), clock());
      try {
        const { id, ...fields } = faculty;
        await Faculty.create({ _id: id, ...fields });
      } catch (error) {
        if (isDuplicateKeyError(error)) {
          throw new DomainError(
            ErrorKind.CONFLICT,
            ResearchReason.FACULTY_EMAIL_TAKEN,
            `A faculty member with email ${faculty.email} (or id ${faculty.id}) is already registered.`,
            {
              field: "input.email",
            },
          );
        }
        throw error;
      }
      return faculty;
    },

    /** ADMIN only: the faculty member obtained the HDR. Idempotent. */
    async recordFacultyHdr(viewer: Viewer, facultyId: string): Promise<FacultyState> {
      requireRole(viewer, Role.ADMIN);
      const document = await Faculty.findOneAndUpdate(
        { _id: facultyId },
        { $set: { hdr: true } },
        { returnDocument: "after" },
      )
        .lean<FacultyDocument>()
        .exec();
      if (!document) throw unknownFaculty("facultyId", facultyId);
      return facultyFromDocument(document);
    },

    findFaculty,

    async getFaculty(viewer: Viewer, id: string): Promise<FacultyState | null> {
      requireSignedIn(viewer);
      return (await findFaculty([id]))[0] ?? null;
    },

    async listFaculty(
      viewer: Viewer,
      args: PageArgs & {
        filter?: FacultyListFilter | null;
        sort?: { field: FacultySortField; direction?: SortDirectionName | null } | null;
      },
    ): Promise<PageConnection<FacultyState>> {
      requireSignedIn(viewer);
      const filter: Record<string, unknown> = {};
      const wanted = args.filter ?? {};
      if (wanted.centreId) filter.centreId = wanted.centreId;
      if (wanted.domain) filter.domains = wanted.domain;
      if (wanted.language) filter.languages = wanted.language.trim().toLowerCase();
      if (wanted.hdr !== null && wanted.hdr !== undefined) filter.hdr = wanted.hdr;
      const sort = args.sort
        ? { field: facultySortFields[args.sort.field], direction: sortDirection(args.sort.direction) }
        : { field: "lastName", direction: 1 as const };
      const page = await paginateLean(Faculty, { filter, sort, first: args.first, after: args.after });
      return mapPage(page, facultyFromDocument);
    },
  };
}
