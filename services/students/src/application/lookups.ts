import { DomainError, ErrorKind } from "@intl/errors";
import type { Viewer } from "@intl/auth";
import { StudentsReason } from "../domain/errors.ts";
import { isVisibleTo } from "../domain/personalData.ts";
import type { ApplicationRecord } from "../models/application.ts";
import type { MobilityRecord } from "../models/mobility.ts";
import type { Store } from "../models/store.ts";
import type { StudentRecord } from "../models/student.ts";

function notFound(reason: StudentsReason, what: string, id: string): DomainError {
  return new DomainError(ErrorKind.NOT_FOUND, reason, `No ${what} ${id}.`, { details: { id } });
}

/** A student the viewer may see; NOT_FOUND otherwise (a partner's non-nominee does not exist for it). */
export async function visibleStudent(store: Store, viewer: Viewer, id: string): Promise<StudentRecord> {
  const student = await store.students.findById(id).lean<StudentRecord>().exec();
  if (!student || !isVisibleTo(viewer, student.homeInstitutionId))
    throw notFound(StudentsReason.STUDENT_NOT_FOUND, "student", id);
  return student;
}

/** An application the viewer may see; NOT_FOUND for a partner when another institution nominated. */
export async function visibleApplication(
  store: Store,
  viewer: Viewer,
  id: string,
): Promise<ApplicationRecord> {
  const application = await store.applications.findById(id).lean<ApplicationRecord>().exec();
  if (!application || !isVisibleTo(viewer, application.institutionId)) {
    throw notFound(StudentsReason.APPLICATION_NOT_FOUND, "application", id);
  }
  return application;
}

/** A mobility the viewer may see; NOT_FOUND for a partner when it is with another institution. */
export async function visibleMobility(store: Store, viewer: Viewer, id: string): Promise<MobilityRecord> {
  const mobility = await store.mobilities.findById(id).lean<MobilityRecord>().exec();
  if (!mobility || !isVisibleTo(viewer, mobility.institutionId))
    throw notFound(StudentsReason.MOBILITY_NOT_FOUND, "mobility", id);
  return mobility;
}

export async function existingStudent(store: Store, id: string, field: string): Promise<StudentRecord> {
  const student = await store.students.findById(id).lean<StudentRecord>().exec();
  if (!student) {
    throw new DomainError(ErrorKind.NOT_FOUND, StudentsReason.STUDENT_NOT_FOUND, `No student ${id}.`, {
      field,
      details: { id },
    });
  }
  return student;
}
