import type { AuthenticatedViewer } from "@intl/auth";
import { isDomainError } from "@intl/errors";
import { academicYearStartingIn, toIsoDate } from "../domain/academicYear.ts";
import { agreementCoversProgramme } from "../domain/agreements.ts";
import type { DocumentKind } from "../domain/dossier.ts";
import { MobilityType } from "../domain/mobilityPlanning.ts";
import { findProgramme, programmes } from "../domain/programmes.ts";
import type { ProgrammeKind } from "../domain/programmes.ts";
import type { AgreementViewRecord } from "../models/partnerViews.ts";
import type { StudentRecord } from "../models/student.ts";
import type { StudentsApp } from "../application/studentsApp.ts";
import { pick, seededRandom } from "@intl/subgraph";
import { DEMO_EMAIL_DOMAIN, demoStudents } from "./demoStudents.ts";
import type { DemoStudent } from "./demoStudents.ts";

/** The demo acts as the office (and as an HDR supervisor for PhD decisions). */
const office: AuthenticatedViewer = {
  authenticated: true,
  subject: "demo-seed",
  role: "INTERNATIONAL_OFFICE",
  hdr: false,
  institutionId: null,
  facultyId: null,
};
/** PhD dossiers are reviewed by faculty. */
const faculty: AuthenticatedViewer = { ...office, subject: "demo-faculty", role: "FACULTY" };
const demo = { demo: true };
const NOMINATIONS_PER_PARTNER = 2;

export interface DemoLoadReport {
  studentsCreated: number;
  outgoingPlanned: number;
  outgoingCompleted: number;
  incomingPlanned: number;
  nominationsSubmitted: number;
}

type Log = (message: string) => void;

/** Reads every page of a list operation. */
async function everyNode<T>(
  page: (
    after: string | null,
  ) => Promise<{ nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>,
) {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const current = await page(after);
    nodes.push(...current.nodes);
    if (!current.pageInfo.hasNextPage) return nodes;
    after = current.pageInfo.endCursor;
  }
}

function activeIn(agreement: AgreementViewRecord, year: string): boolean {
  return agreement.firstAcademicYear <= year && year <= agreement.lastAcademicYear;
}

/** Rules refusing a demo step (no seat, no agreement...) are expected: the demo moves on. */
async function attempt<T>(step: () => Promise<T>): Promise<T | null> {
  try {
    return await step();
  } catch (error) {
    if (isDomainError(error)) return null;
    throw error;
  }
}

/**
 * Loads the demo data through the application operations (so every event
 * goes out through the outboxes), on top of what already exists: students by
 * their stable demo email, mobilities for demo students who have none yet,
 * nominations up to two per partner.
 */
export async function loadDemoData(
  app: StudentsApp,
  options: { students: number; now: Date; log: Log },
): Promise<DemoLoadReport> {
  const { now, log } = options;
  const today = toIsoDate(now);
  const currentStart = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const agreements = await app.listActiveAgreements();
  const report: DemoLoadReport = {
    studentsCreated: 0,
    outgoingPlanned: 0,
    outgoingCompleted: 0,
    incomingPlanned: 0,
    nominationsSubmitted: 0,
  };

  // 1. Students.
  const existing = await everyNode((after) =>
    app.listStudents(office, { demo: true }, null, { first: 100, after }),
  );
  const byEmail = new Map(existing.map((student) => [student.email, student]));
  const wanted = demoStudents(options.students, currentStart);
  log(`students: ${byEmail.size} demo people (students and nominees) already there, ${wanted.length} wanted`);
  const students: StudentRecord[] = [];
  for (const student of wanted) {
    const known = byEmail.get(student.email);
    if (known) {
      students.push(known);
      continue;
    }
    students.push(
      await app.registerStudent(
        office,
        { ...student, homeInstitutionId: homeInstitutionFor(student, agreements) },
        demo,
      ),
    );
    report.studentsCreated += 1;
    if (report.studentsCreated % 250 === 0) log(`students: ${report.studentsCreated} created`);
  }
  if (report.studentsCreated % 250 !== 0) log(`students: ${report.studentsCreated} created`);

  // 2. Mobilities, for demo students who have none yet.
  const withMobility = new Set(
    (await everyNode((after) => app.listMobilities(office, {}, null, { first: 100, after }))).map(
      (mobility) => mobility.studentId,
    ),
  );
  let done = 0;
  const fullHosts = new Set<string>();
  for (const student of students) {
    if (withMobility.has(student._id)) continue;
    const random = seededRandom(hash(student.email ?? student._id));
    const programme = findProgramme(student.programmeCode);
    if (!programme) continue;
    if (
      student.homeInstitutionId === null &&
      (programme.kind === "ENGINEERING" || programme.kind === "PHD")
    ) {
      const outcome = await outgoingMobility(
        app,
        student,
        programme.kind,
        agreements,
        random,
        today,
        fullHosts,
      );
      if (outcome === "COMPLETED") report.outgoingCompleted += 1;
      if (outcome) report.outgoingPlanned += 1;
    } else if (student.homeInstitutionId !== null && student.status === "ENROLLED") {
      if (await incomingMobility(app, student, programme.kind, agreements, currentStart))
        report.incomingPlanned += 1;
    }
    done += 1;
    if (done % 250 === 0)
      log(
        `mobilities: ${done} students handled (${report.outgoingPlanned} outgoing, ${report.incomingPlanned} incoming)`,
      );
  }
  log(
    `mobilities: ${report.outgoingPlanned} outgoing (${report.outgoingCompleted} completed), ${report.incomingPlanned} incoming`,
  );

  // 3. Nominations for next year, from partners in the target countries (every demo partner).
  const nextYear = academicYearStartingIn(currentStart + 1);
  const institutions = [
    ...new Set(
      agreements
        .filter((agreement) => activeIn(agreement, nextYear))
        .map((agreement) => agreement.institutionId),
    ),
  ];
  for (const institutionId of institutions) {
    const already = (await app.listApplications(office, { institutionId }, null, { first: 0 })).totalCount;
    const agreement = agreements.find(
      (candidate) => candidate.institutionId === institutionId && activeIn(candidate, nextYear),
    )!;
    const covered = programmes.filter((programme) => agreementCoversProgramme(agreement, programme));
    for (let index = already; index < NOMINATIONS_PER_PARTNER && covered.length > 0; index++) {
      const random = seededRandom(hash(`${institutionId}-${index}`));
      const programme = pick(random, covered);
      const [candidate] = demoStudents(1, currentStart, hash(`${institutionId}-${index}`)).map((person) => ({
        ...person,
        email: `nominee-${hash(`${institutionId}-${index}`)}@${DEMO_EMAIL_DOMAIN}`,
        nationality: agreement.countryCode === "FR" ? "FR" : agreement.countryCode,
      }));
      const application = await attempt(() =>
        app.submitNomination(
          office,
          {
            institutionId,
            programmeCode: programme.code,
            academicYear: nextYear,
            candidate: candidate!,
            dossier: demoDossier(programme.kind, programme.language),
          },
          demo,
        ),
      );
      if (!application) continue;
      report.nominationsSubmitted += 1;
      // The first nomination of each partner is under review; exchange ones are decided.
      if (index === 0) {
        await app.scoreApplication(programme.kind === "PHD" ? faculty : office, application._id, {
          scores: [
            { criterion: "ACADEMIC_RECORD", score: 10 + Math.round(random() * 9) },
            {
              criterion: programme.kind === "PHD" ? "SCIENTIFIC_EXCELLENCE" : "MOTIVATION",
              score: 10 + Math.round(random() * 9),
            },
          ],
          comment: "Demo review",
        });
        if (programme.kind === "EXCHANGE")
          await app.decideApplication(office, application._id, random() < 0.8 ? "ADMITTED" : "WAITLISTED");
        else if (programme.kind !== "PHD") await app.sendApplicationToInterview(office, application._id);
      }
    }
  }
  log(`nominations: ${report.nominationsSubmitted} submitted for ${nextYear}`);
  return report;
}

/** Exchange students, and half of the other international students, come from a partner of their country (or any partner). */
function homeInstitutionFor(student: DemoStudent, agreements: readonly AgreementViewRecord[]): string | null {
  if (student.nationality === "FR" || agreements.length === 0) return null;
  const random = seededRandom(hash(student.key));
  const kind = findProgramme(student.programmeCode)?.kind;
  if (kind !== "EXCHANGE" && random() < 0.5) return null;
  const sameCountry = agreements.filter((agreement) => agreement.countryCode === student.nationality);
  return pick(random, sameCountry.length > 0 ? sameCountry : agreements).institutionId;
}

/**
 * Most of the school's own engineering students and PhD candidates go abroad in
 * their next-to-last year (completed if it is over), some in their last year,
 * a few not yet (the early-warning list).
 */
async function outgoingMobility(
  app: StudentsApp,
  student: StudentRecord,
  kind: ProgrammeKind,
  agreements: readonly AgreementViewRecord[],
  random: () => number,
  today: string,
  fullHosts: Set<string>,
): Promise<"PLANNED" | "COMPLETED" | null> {
  const draw = random();
  if (draw >= 0.88) return null;
  const startYear = draw < 0.7 ? student.cohort - 2 : student.cohort - 1;
  const academicYear = academicYearStartingIn(startYear);
  const hosts = [
    ...new Set(
      agreements
        .filter((agreement) => activeIn(agreement, academicYear))
        .map((agreement) => agreement.institutionId),
    ),
    // Hosts found full for that year are not asked again: each refusal costs several queries.
  ].filter((institutionId) => !fullHosts.has(`${institutionId}|${academicYear}`));
  const type =
    kind === "PHD"
      ? MobilityType.RESEARCH
      : pick(random, [
          MobilityType.STUDY,
          MobilityType.STUDY,
          MobilityType.INTERNSHIP,
          MobilityType.DOUBLE_DEGREE,
        ]);
  const [startDate, endDate] =
    type === MobilityType.DOUBLE_DEGREE
      ? [`${startYear}-09-01`, `${startYear + 1}-06-30`]
      : [`${startYear + 1}-02-01`, `${startYear + 1}-06-30`];
  for (let tries = 0; tries < 6 && hosts.length > 0; tries++) {
    const institutionId = pick(random, hosts);
    const mobility = await attempt(() =>
      app.planMobility(
        office,
        {
          studentId: student._id,
          direction: "OUTGOING",
          type,
          institutionId,
          academicYear,
          startDate,
          endDate,
        },
        demo,
      ),
    );
    if (!mobility) {
      fullHosts.add(`${institutionId}|${academicYear}`);
      hosts.splice(hosts.indexOf(institutionId), 1);
      continue;
    }
    if (type === MobilityType.STUDY) await setDemoLearningAgreement(app, mobility._id);
    if (startDate > today) return "PLANNED";
    const completed = await app.completeMobility(office, mobility._id);
    if (type === MobilityType.STUDY) {
      // Seen once on FerretDB under load (the students service running beside the seed): the
      // completed mobility came back without its learning agreement, and the transcript needs it.
      if (!completed.learningAgreement) await setDemoLearningAgreement(app, mobility._id);
      await app.recordTranscript(office, mobility._id, {
        entries: [
          { courseCode: "HOST-101", grade: pick(random, ["A", "B", "C"]), ectsObtained: 12 },
          {
            courseCode: "HOST-205",
            grade: pick(random, ["B", "C", "F"]),
            ectsObtained: random() < 0.85 ? 6 : 0,
          },
          { courseCode: "HOST-LANG", grade: "A", ectsObtained: 4 },
        ],
      });
    }
    return "COMPLETED";
  }
  return null;
}

/** The courses a demo study mobility follows at the host, with their home equivalents. */
async function setDemoLearningAgreement(app: StudentsApp, mobilityId: string): Promise<void> {
  await app.setLearningAgreement(office, mobilityId, {
    courses: [
      {
        code: "HOST-101",
        title: "Advanced engineering project (demo)",
        ects: 12,
        homeEquivalent: { code: "EMSE-PROJ", title: "Projet industriel" },
      },
      {
        code: "HOST-205",
        title: "Data analysis (demo)",
        ects: 6,
        homeEquivalent: { code: "EMSE-DATA", title: "Analyse de données" },
      },
      { code: "HOST-LANG", title: "Local language and culture (demo)", ects: 4, homeEquivalent: null },
    ],
  });
}

/** An enrolled student from a partner is on an incoming mobility this year, under its agreement when a seat is left. */
async function incomingMobility(
  app: StudentsApp,
  student: StudentRecord,
  kind: ProgrammeKind,
  agreements: readonly AgreementViewRecord[],
  currentStart: number,
): Promise<boolean> {
  const academicYear = academicYearStartingIn(currentStart);
  const agreement = agreements.find(
    (candidate) => candidate.institutionId === student.homeInstitutionId && activeIn(candidate, academicYear),
  );
  const plan = {
    studentId: student._id,
    direction: "INCOMING" as const,
    type: kind === "ENGINEERING" ? MobilityType.DOUBLE_DEGREE : MobilityType.STUDY,
    institutionId: student.homeInstitutionId!,
    academicYear,
    startDate: `${currentStart}-09-01`,
    endDate:
      kind === "EXCHANGE" && student.programmeCode === "EXCHANGE-1S"
        ? `${currentStart + 1}-01-31`
        : `${currentStart + 1}-06-30`,
  };
  const underAgreement = agreement
    ? await attempt(() => app.planMobility(office, { ...plan, agreementId: agreement.agreementId }, demo))
    : null;
  if (underAgreement) return true;
  return (await attempt(() => app.planMobility(office, { ...plan, agreementId: null }, demo))) !== null;
}

function demoDossier(kind: ProgrammeKind, language: string) {
  const kinds: DocumentKind[] = [
    "PASSPORT",
    "TRANSCRIPT",
    "CV",
    "MOTIVATION_LETTER",
    "LANGUAGE_CERTIFICATE",
    ...(kind === "PHD" ? (["RECOMMENDATION"] as const) : []),
  ];
  return {
    documents: kinds.map((documentKind) => ({
      kind: documentKind,
      name: `${documentKind.toLowerCase()}.pdf`,
      uri: `https://files.demo.example/${documentKind.toLowerCase()}.pdf`,
    })),
    grades: [
      { subject: "Mathematics", grade: 15, scale: 20 },
      { subject: "Physics", grade: 14, scale: 20 },
    ],
    languageCertificate: {
      language,
      cefrLevel: "B2" as const,
      testName: language === "fr" ? "DELF B2" : "IELTS 6.5",
    },
  };
}

function hash(text: string): number {
  let value = 2166136261;
  for (let index = 0; index < text.length; index++)
    value = Math.imul(value ^ text.charCodeAt(index), 16777619);
  return value >>> 0;
}
