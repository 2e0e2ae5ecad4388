import { createOutboxWriter } from "@intl/kafka";
import { documentKey, fieldDecision } from "@intl/mongo";
import type { ErasureRequest } from "@intl/subgraph";
import { candidatesErased, coSupervisorErased, facultyErased } from "../domain/personalDataErasure.ts";
import type { ErasedPerson } from "../domain/personalDataErasure.ts";
import type { PhdPositionDocument } from "../models/phdPositionModel.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";

/**
 * The research service's part of an erasure (GDPR art. 17): a faculty member's names and
 * email, a PhD candidate's name and student link, a co-supervisor's name. Idempotent:
 * what is already erased counts for nothing.
 */
export function personalDataErasureOperations(deps: ApplicationDeps) {
  const { models, newId, writeQueue } = deps;
  const writer = createOutboxWriter(deps);

  async function eraseFaculty(id: string): Promise<number> {
    return writeQueue.run(documentKey(models.Faculty.collection.collectionName, id), async () => {
      const result = await models.Faculty.updateOne(
        { _id: id, firstName: { $ne: null } },
        { $set: facultyErased(newId()) },
      ).exec();
      return result.modifiedCount;
    });
  }

  async function erasePosition(id: string, person: ErasedPerson): Promise<number> {
    let erased = 0;
    await writer.update(models.PhdPosition, id, {
      load: async () => (await models.PhdPosition.findById(id).lean<PhdPositionDocument>().exec())!,
      decide: (position) => {
        if (person.kind === "CO_SUPERVISOR") {
          const coSupervisor = coSupervisorErased(position.coSupervisor ?? null);
          erased = coSupervisor ? 1 : 0;
          return coSupervisor ? fieldDecision(position, { set: { coSupervisor } }) : null;
        }
        const outcome = candidatesErased(
          position.candidates.map(({ _id, ...candidate }) => ({ ...candidate, id: _id })),
          person,
        );
        erased = outcome.erased;
        if (outcome.erased === 0) return null;
        const candidates = outcome.candidates.map(({ id: candidateId, ...candidate }) => ({
          ...candidate,
          _id: candidateId,
        }));
        return fieldDecision(position, { set: { candidates } });
      },
    });
    return erased;
  }

  async function positionsOf(person: ErasedPerson): Promise<string[]> {
    const filter =
      person.kind === "STUDENT"
        ? { "candidates.studentId": person.id }
        : person.kind === "PHD_CANDIDATE"
          ? { "candidates._id": person.id }
          : person.kind === "CO_SUPERVISOR"
            ? { _id: person.id }
            : null;
    if (!filter) return [];
    const found = await models.PhdPosition.find(filter, { _id: 1 }).lean<{ _id: string }[]>().exec();
    return found.map((position) => position._id);
  }

  async function eraseHeldData(request: ErasureRequest): Promise<number> {
    const person = request.data.person;
    if (person.kind === "FACULTY") return eraseFaculty(person.id);
    let erased = 0;
    for (const id of await positionsOf(person)) erased += await erasePosition(id, person);
    return erased;
  }

  return { eraseHeldData };
}
