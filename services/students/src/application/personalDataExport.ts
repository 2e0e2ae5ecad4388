import { Role, requireRole } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { exportedDocument, subjectIdOf } from "@intl/subgraph";
import { erasedPersonFrom } from "../domain/erasureRequest.ts";
import type { ErasedPerson, PersonInput } from "../domain/erasureRequest.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";

type Plain = Record<string, unknown>;

/**
 * Access and portability (GDPR arts. 15, 20): the export's subject (each service adds its
 * part through the `PersonalDataSubject` entity), and this service's part: a student's
 * record, their applications with their dossiers, their mobilities, and any erasure request.
 */
export function personalDataExportOperations(deps: ApplicationDeps) {
  const { store } = deps;

  function personalDataExport(viewer: Viewer, input: PersonInput): { id: string } {
    requireRole(viewer, Role.ADMIN);
    return { id: subjectIdOf(erasedPersonFrom(input)) };
  }

  async function personalDataOf(person: ErasedPerson): Promise<Plain> {
    const erasureRequests = (
      await store.erasureRequests
        .find({ personKey: subjectIdOf(person) })
        .lean<Plain[]>()
        .exec()
    ).map(exportedDocument);
    if (person.kind !== "STUDENT") return { erasureRequests };
    const student = await store.students.findById(person.id).lean<Plain>().exec();
    const applications = await store.applications.find({ studentId: person.id }).lean<Plain[]>().exec();
    const mobilities = await store.mobilities.find({ studentId: person.id }).lean<Plain[]>().exec();
    return {
      student: student ? exportedDocument(student) : null,
      applications: applications.map(exportedDocument),
      mobilities: mobilities.map(exportedDocument),
      erasureRequests,
    };
  }

  return { personalDataExport, personalDataOf };
}
