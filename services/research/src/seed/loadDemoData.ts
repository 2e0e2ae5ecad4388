import type { AuthenticatedViewer } from "@intl/auth";
import type { ResearchApp } from "../application/researchApp.ts";
import { CollaborationStatus } from "../domain/collaboration.ts";
import { FacultyMobilityStatus } from "../domain/facultyMobility.ts";
import { PhdPositionStatus } from "../domain/phdPosition.ts";
import {
  demoCentres,
  demoCollaborations,
  demoFaculty,
  demoFacultyMobilities,
  demoPhdPositions,
} from "./demoData.ts";
import type { DemoFaculty, DemoInstitution } from "./demoData.ts";

/** The seed acts as an administrator, and as each HDR supervisor for what only they may do. */
const seedAdmin: AuthenticatedViewer = {
  authenticated: true,
  subject: "seed-research-demo",
  role: "ADMIN",
  hdr: false,
  institutionId: null,
  facultyId: null,
};

function asSupervisor(facultyId: string): AuthenticatedViewer {
  return { ...seedAdmin, role: "FACULTY", hdr: true, facultyId };
}

export type Progress = (message: string) => void;

/** The first calendar year of the academic year `now` is in (September to August). */
export function currentAcademicYearStart(now: Date): number {
  return now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
}

/** Centres and faculty: they depend on nothing else. Returns the demo faculty. */
export async function loadCentresAndFaculty(
  app: ResearchApp,
  facultyCount: number,
  progress: Progress,
): Promise<DemoFaculty[]> {
  const existingCentres = new Set((await app.findCentres(demoCentres.map((c) => c.id))).map((c) => c.id));
  for (const centre of demoCentres) {
    if (!existingCentres.has(centre.id)) await app.createResearchCentre(seedAdmin, { ...centre, demo: true });
  }
  progress(`research centres: ${demoCentres.length} (${demoCentres.length - existingCentres.size} new)`);

  const faculty = demoFaculty(facultyCount);
  const existing = new Set((await app.findFaculty(faculty.map((f) => f.id))).map((f) => f.id));
  let created = 0;
  for (const member of faculty) {
    if (existing.has(member.id)) continue;
    await app.registerFaculty(seedAdmin, { ...member, demo: true });
    created += 1;
    if (created % 50 === 0) progress(`faculty: ${created} registered…`);
  }
  progress(
    `faculty: ${faculty.length} (${created} new, ${faculty.filter((f) => f.hdr).length} with the HDR)`,
  );
  return faculty;
}

/** Collaborations, faculty mobilities and PhD positions with the demo partner institutions. */
export async function loadPartnerActivity(
  app: ResearchApp,
  institutions: DemoInstitution[],
  faculty: DemoFaculty[],
  now: Date,
  progress: Progress,
): Promise<void> {
  const year = currentAcademicYearStart(now);

  let collaborationsTouched = 0;
  const collaborations = demoCollaborations(institutions, faculty, year);
  for (const { target, endedOn, ...input } of collaborations) {
    let state =
      (await app.getCollaboration(seedAdmin, input.id)) ??
      (await app.planCollaboration(seedAdmin, { ...input, demo: true }));
    // Converge: a run interrupted between two steps resumes where it stopped.
    if (target !== "PLANNED" && state.status === CollaborationStatus.PLANNED)
      state = await app.startCollaboration(seedAdmin, input.id);
    if (target === "ENDED" && state.status === CollaborationStatus.ONGOING)
      await app.endCollaboration(seedAdmin, input.id, endedOn);
    collaborationsTouched += 1;
  }
  progress(`collaborations: ${collaborationsTouched} with ${institutions.length} demo institutions`);

  const mobilities = demoFacultyMobilities(institutions, faculty, year);
  for (const { complete, ...input } of mobilities) {
    const state =
      (await app.getFacultyMobility(seedAdmin, input.id)) ??
      (await app.planFacultyMobility(seedAdmin, { ...input, demo: true }));
    if (complete && state.status === FacultyMobilityStatus.PLANNED)
      await app.completeFacultyMobility(seedAdmin, input.id);
  }
  progress(
    `faculty mobilities: ${mobilities.filter((m) => m.direction === "OUTGOING").length} outgoing, ${mobilities.filter((m) => m.direction === "INCOMING").length} foreign peers hosted`,
  );

  const positions = demoPhdPositions(institutions, faculty, year);
  for (const { candidates, select, ...input } of positions) {
    let position =
      (await app.getPhdPosition(seedAdmin, input.id)) ??
      (await app.openPhdPosition(seedAdmin, { ...input, demo: true }));
    if (position.status !== PhdPositionStatus.OPEN) continue;
    const supervisor = asSupervisor(input.supervisorId);
    for (const [index, candidate] of candidates.entries()) {
      if (!position.candidates[index]) {
        position = await app.addPhdCandidate(seedAdmin, input.id, {
          fullName: candidate.fullName,
          institutionId: candidate.institutionId,
        });
      }
      const added = position.candidates[index];
      if (!added) continue;
      if (!added.assessment)
        position = await app.assessPhdCandidate(supervisor, input.id, added.id, candidate.scores);
      if (!added.candidateAgreedAt)
        position = await app.agreeSubject(seedAdmin, input.id, added.id, "CANDIDATE");
      if (input.coSupervisor && !added.coSupervisorAgreedAt)
        position = await app.agreeSubject(seedAdmin, input.id, added.id, "CO_SUPERVISOR");
    }
    const first = position.candidates[0];
    if (select && first) await app.selectPhdCandidate(supervisor, input.id, first.id);
  }
  progress(
    `PhD positions: ${positions.length} (${positions.filter((p) => p.select).length} filled by their HDR supervisor)`,
  );
}
