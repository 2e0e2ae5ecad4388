import type { PhdCandidateState, PhdCoSupervisor } from "./phdPosition.ts";

/** Who an erasure is about (see `@intl/events` `erasedPerson`). */
export interface ErasedPerson {
  kind: "STUDENT" | "FACULTY" | "PHD_CANDIDATE" | "CO_SUPERVISOR" | "CONTACT";
  id: string;
}

/**
 * Rule: erasing a PhD candidate removes their name and their link to the students service's
 * student; the candidacy itself (its application id, assessment, agreement dates) stays, as an
 * anonymous fact of the position. A STUDENT is found by the student id, a PHD_CANDIDATE by the
 * candidate's id. `erased` counts the candidates that still held something.
 */
export function candidatesErased(
  candidates: readonly PhdCandidateState[],
  person: ErasedPerson,
): { candidates: PhdCandidateState[]; erased: number } {
  let erased = 0;
  const next = candidates.map((candidate) => {
    const concerned =
      (person.kind === "STUDENT" && candidate.studentId === person.id) ||
      (person.kind === "PHD_CANDIDATE" && candidate.id === person.id);
    if (!concerned || (candidate.fullName === null && candidate.studentId === null)) return candidate;
    erased++;
    return { ...candidate, fullName: null, studentId: null };
  });
  return { candidates: next, erased };
}

/** Rule: an erased co-supervisor keeps the position's link to their institution, not their name. */
export function coSupervisorErased(coSupervisor: PhdCoSupervisor | null): PhdCoSupervisor | null {
  if (coSupervisor === null || coSupervisor.fullName === null) return null;
  return { ...coSupervisor, fullName: null as unknown as string };
}

/**
 * Rule: an erased faculty member keeps their record (their collaborations, mobilities and
 * supervisions stay counted) without names; the unique email becomes an opaque token.
 */
export function facultyErased(token: string) {
  return { firstName: null, lastName: null, email: `erased:${token}` };
}
