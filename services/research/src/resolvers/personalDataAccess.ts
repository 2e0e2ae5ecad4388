import { subjectIdOf } from "@intl/subgraph";
import type { PersonalDataAccess } from "@intl/subgraph";
import type { FacultyState } from "../domain/faculty.ts";
import type { PhdCandidateState, PhdPositionState } from "../domain/phdPosition.ts";
import type { OwnedCoSupervisor } from "./phdPositionResolvers.ts";

const faculty = (id: string) => subjectIdOf({ kind: "FACULTY", id });
const candidate = (id: string) => subjectIdOf({ kind: "PHD_CANDIDATE", id });
const coSupervisor = (positionId: string) => subjectIdOf({ kind: "CO_SUPERVISOR", id: positionId });

/**
 * What is personal here, for the record of access (`@intl/subgraph` access-record.ts). A hosted
 * guest's name is not a person of the erasure yet (docs/data-protection.md), nor recorded.
 */
export const personalDataAccess: PersonalDataAccess = {
  reads: {
    Faculty: {
      fields: ["firstName", "lastName", "email"],
      subject: (state: FacultyState) => faculty(state.id),
    },
    PhdCandidate: { fields: ["fullName"], subject: (state: PhdCandidateState) => candidate(state.id) },
    PhdCoSupervisor: {
      fields: ["fullName"],
      subject: (owned: OwnedCoSupervisor) => coSupervisor(owned.positionId),
    },
  },
  writes: {
    registerFaculty: {
      fields: ["firstName", "lastName", "email"],
      subject: (_args, state: FacultyState) => faculty(state.id),
    },
    openPhdPosition: {
      fields: ["fullName"],
      subject: (args: { input: { coSupervisor?: unknown } }, position: PhdPositionState) =>
        args.input.coSupervisor ? coSupervisor(position.id) : null,
    },
    addPhdCandidate: {
      fields: ["fullName"],
      // A candidate added directly (by name) is the position's newest.
      subject: (args: { input: { fullName?: string | null } }, position: PhdPositionState) => {
        const added = position.candidates.at(-1);
        return args.input.fullName && added ? candidate(added.id) : null;
      },
    },
  },
};
