import { documentKey, fieldDecision, findByIds, paginateLean } from "@intl/mongo";
import { createOutboxWriter } from "@intl/kafka";
import { Role, requireRole, requireSignedIn } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { toIsoDate } from "../domain/academicYear.ts";
import { isInternational, normalisedPersonalData } from "../domain/person.ts";
import { restrictToPartner } from "../domain/personalData.ts";
import { StudentStatus, checkStudentRegistration } from "../domain/studentRegistration.ts";
import type { StudentRegistration } from "../domain/studentRegistration.ts";
import { studentErasedEvent } from "../events/publishedEvents.ts";
import type { StudentRecord } from "../models/student.ts";
import { visibleStudent } from "./lookups.ts";
import type { WriteOptions } from "./nominations.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";
import { definedEntries, sortOrder } from "./pages.ts";
import type { PageArgs, SortArg } from "./pages.ts";

export interface StudentFilter {
  cohort?: number | null;
  programmeCode?: string | null;
  programmeKind?: string | null;
  status?: string | null;
  international?: boolean | null;
  nationality?: string | null;
  homeInstitutionId?: string | null;
  demo?: boolean | null;
}

export type StudentSort = SortArg<"CREATED_AT" | "COHORT">;

/** The fields erasure removes; the anonymous facts (programme, cohort, nationality, flows) stay. */
const erasedPersonalData = { firstName: null, lastName: null, email: null, birthDate: null };

export function studentOperations(deps: ApplicationDeps) {
  const { store, clock, newId } = deps;
  const writer = createOutboxWriter(deps);

  /** The office registers one of the school's students (or an incoming student already enrolled). */
  async function registerStudent(
    viewer: Viewer,
    input: StudentRegistration,
    options: WriteOptions = {},
  ): Promise<StudentRecord> {
    requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE);
    const now = clock();
    const programme = checkStudentRegistration(input, toIsoDate(now));
    const student: StudentRecord = {
      _id: newId(),
      ...normalisedPersonalData(input),
      nationality: input.nationality,
      international: isInternational(input.nationality),
      homeInstitutionId: input.homeInstitutionId ?? null,
      programmeCode: programme.code,
      programmeKind: programme.kind,
      cohort: input.cohort,
      status: input.status ?? StudentStatus.ENROLLED,
      erasedAt: null,
      createdAt: now,
      demo: options.demo ?? false,
      version: 1,
      _outbox: [],
    };
    await store.students.create(student);
    return student;
  }

  async function getStudent(viewer: Viewer, id: string): Promise<StudentRecord> {
    return visibleStudent(store, viewer, id);
  }

  /** Students by id for the request's DataLoader; visibility is checked by the caller. */
  async function studentsByIds(ids: readonly string[]): Promise<StudentRecord[]> {
    return findByIds(store.students, ids, (condition) =>
      store.students.find(condition).lean<StudentRecord[]>().exec(),
    );
  }

  async function listStudents(
    viewer: Viewer,
    filter: StudentFilter | null | undefined,
    sort: StudentSort,
    page: PageArgs,
  ) {
    requireSignedIn(viewer);
    const query = restrictToPartner(
      viewer,
      definedEntries(filter as Record<string, unknown>),
      "homeInstitutionId",
    );
    return paginateLean(store.students, {
      filter: query,
      sort: sortOrder(sort, { CREATED_AT: "createdAt", COHORT: "cohort" }, { field: "_id", direction: 1 }),
      first: page.first,
      after: page.after,
    });
  }

  /**
   * Erasure (ADMIN): the student's personal data is removed and
   * `students.student.erased.v1` goes out so every service does the same;
   * then the documents of their dossiers are dropped. Running it again on an
   * erased student redoes the second step (in case it was interrupted) and
   * publishes nothing new.
   */
  async function eraseStudent(viewer: Viewer, id: string): Promise<StudentRecord> {
    requireRole(viewer, Role.ADMIN);
    const erased = await writer.update(store.students, id, {
      load: () => visibleStudent(store, viewer, id),
      decide: (student, now) =>
        student.erasedAt
          ? null
          : fieldDecision(student, {
              set: { ...erasedPersonalData, erasedAt: now },
              events: (_next, sequence) => [
                studentErasedEvent(student._id, { id: newId(), time: now, sequence }),
              ],
            }),
    });
    const applications = await store.applications
      .find({ studentId: id }, { _id: 1 })
      .lean<{ _id: string }[]>()
      .exec();
    for (const { _id } of applications) {
      await deps.writeQueue.run(documentKey(store.applications.collection.collectionName, _id), () =>
        store.applications
          .updateOne({ _id }, { $set: { "dossier.documents": [] }, $inc: { version: 1 } })
          .exec(),
      );
    }
    return erased;
  }

  return { registerStudent, getStudent, studentsByIds, listStudents, eraseStudent };
}
