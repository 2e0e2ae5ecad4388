import { exportedDocument } from "@intl/subgraph";
import type { ErasedPerson } from "../domain/personalDataErasure.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";

type Plain = Record<string, unknown>;

/**
 * The research service's part of a personal data export (GDPR arts. 15, 20): a faculty
 * member's record, mobilities and the collaborations they lead; a PhD candidate's or a
 * student's candidacies (with their positions' subjects); a co-supervisor's position.
 */
export function personalDataExportOperations(deps: ApplicationDeps) {
  const { models } = deps;

  async function candidacies(filter: Plain): Promise<Plain[]> {
    const positions = await models.PhdPosition.find(filter).lean<Plain[]>().exec();
    return positions.map((position) => {
      const { candidates, ...rest } = exportedDocument(position);
      const own = (candidates as Plain[]).filter(
        (candidate) =>
          candidate._id === filter["candidates._id"] ||
          candidate.studentId === filter["candidates.studentId"],
      );
      return {
        position: { _id: rest._id, subject: rest.subject, academicYear: rest.academicYear },
        candidacies: own,
      };
    });
  }

  async function personalDataOf(person: ErasedPerson): Promise<Plain> {
    switch (person.kind) {
      case "FACULTY": {
        const faculty = await models.Faculty.findById(person.id).lean<Plain>().exec();
        const mobilities = await models.FacultyMobility.find({ facultyId: person.id }).lean<Plain[]>().exec();
        const led = await models.Collaboration.find({ leadFacultyId: person.id }, { _id: 1, title: 1 })
          .lean<Plain[]>()
          .exec();
        return {
          faculty: faculty ? exportedDocument(faculty) : null,
          mobilities: mobilities.map(exportedDocument),
          collaborationsLed: led.map(exportedDocument),
        };
      }
      case "STUDENT":
        return { phdCandidacies: await candidacies({ "candidates.studentId": person.id }) };
      case "PHD_CANDIDATE":
        return { phdCandidacies: await candidacies({ "candidates._id": person.id }) };
      case "CO_SUPERVISOR": {
        const position = await models.PhdPosition.findById(person.id, { subject: 1, coSupervisor: 1 })
          .lean<Plain>()
          .exec();
        return { coSupervision: position ? exportedDocument(position) : null };
      }
      default:
        return {};
    }
  }

  return { personalDataOf };
}
