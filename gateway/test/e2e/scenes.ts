/** Scenes that several e2e files set up the same way, through the gateway. */
import type { System } from "./system.ts";

/** Registers a student through the gateway (Alex <lastName>), as `token`; answers the id. */
export async function registerStudent(
  system: System,
  token: string,
  lastName: string,
  nationality: string,
  programmeCode: string,
  cohort: number,
  homeInstitutionId?: string,
): Promise<string> {
  const { registerStudent } = await system.data<{ registerStudent: { id: string } }>(
    token,
    `mutation($input: RegisterStudentInput!) { registerStudent(input: $input) { id } }`,
    {
      input: {
        firstName: "Alex",
        lastName,
        email: `${lastName.toLowerCase()}@example.org`,
        birthDate: "2003-05-04",
        nationality,
        programmeCode,
        cohort,
        ...(homeInstitutionId ? { homeInstitutionId } : {}),
      },
    },
  );
  return registerStudent.id;
}

/**
 * Makes `institutionId` a strategic partner carried by a new microelectronics centre and led by a
 * new HDR faculty member (Ada Martin): a person research owns and partnerships references.
 */
export async function designateStrategicPartner(
  system: System,
  tokens: { admin: string; office: string },
  institutionId: string,
): Promise<{ centreId: string; facultyId: string }> {
  const { createResearchCentre } = await system.data<{ createResearchCentre: { id: string } }>(
    tokens.admin,
    `mutation { createResearchCentre(input: { code: "CMP", name: "Microelectronics centre (e2e)", domains: [MICROELECTRONICS] }) { id } }`,
  );
  const { registerFaculty } = await system.data<{ registerFaculty: { id: string } }>(
    tokens.admin,
    `mutation($centre: ID!) { registerFaculty(input: { firstName: "Ada", lastName: "Martin", email: "ada.martin@example.org",
       centreId: $centre, domains: [MICROELECTRONICS], languages: ["fr", "en"], hdr: true }) { id } }`,
    { centre: createResearchCentre.id },
  );
  await system.data(
    tokens.office,
    `mutation($institution: ID!, $centre: ID!, $faculty: ID!) {
       designateStrategicPartnership(institutionId: $institution, input: {
         carryingCentreId: $centre, leadFacultyId: $faculty,
         actionPlan: { firstAcademicYear: "2025-2026", actions: [
           { academicYear: "2025-2026", title: "Joint summer school" },
           { academicYear: "2026-2027", title: "Double-degree proposal" },
           { academicYear: "2027-2028", title: "Joint PhD call" },
           { academicYear: "2028-2029", title: "Company platform in Sendai" },
           { academicYear: "2029-2030", title: "Review and renewal" } ] } }) { id } }`,
    { institution: institutionId, centre: createResearchCentre.id, faculty: registerFaculty.id },
  );
  return { centreId: createResearchCentre.id, facultyId: registerFaculty.id };
}
