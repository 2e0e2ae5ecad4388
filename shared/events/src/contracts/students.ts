import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { erasureRequested, studentsErasureConfirmed } from "./erasure.ts";
import { academicYear, countryCode, direction, id, isoDate, isoDateTime } from "../vocabulary.ts";

export const programmeKind = z.enum(["ENGINEERING", "MSC", "PHD", "EXCHANGE"]);

/** No names, emails or birth dates travel in events: only ids and facts. */
const application = z.object({
  applicationId: id,
  studentId: id,
  institutionId: id,
  /** Country of the nominating institution; campaigns route candidates by it. */
  countryCode,
  programmeCode: z.string().min(1),
  programmeKind,
  academicYear,
  /** Degree applications (engineering, MSc) need a completed interview before admission. */
  requiresInterview: z.boolean(),
});

export const applicationSubmitted = defineEvent({
  type: "students.application.submitted.v1",
  topic: "students.application",
  description: "A partner nominated a preselected candidate with a complete dossier.",
  data: application.extend({ submittedAt: isoDateTime }),
});

export const applicationDecision = z.enum(["ADMITTED", "REJECTED", "WAITLISTED"]);

export const applicationDecided = defineEvent({
  type: "students.application.decided.v1",
  topic: "students.application",
  description: "The school gave its final decision on an application.",
  data: application.extend({ decision: applicationDecision, decidedAt: isoDateTime }),
});

export const applicationWithdrawn = defineEvent({
  type: "students.application.withdrawn.v1",
  topic: "students.application",
  description: "The candidate or the partner withdrew an application.",
  data: application.extend({ withdrawnAt: isoDateTime }),
});

export const applicationEnrolled = defineEvent({
  type: "students.application.enrolled.v1",
  topic: "students.application",
  description: "An admitted candidate enrolled at the school.",
  data: application.extend({ enrolledAt: isoDateTime }),
});

export const mobilityType = z.enum(["STUDY", "INTERNSHIP", "RESEARCH", "DOUBLE_DEGREE"]);

const mobility = z.object({
  mobilityId: id,
  studentId: id,
  institutionId: id,
  agreementId: id.nullable(),
  direction,
  type: mobilityType,
  academicYear,
  startDate: isoDate,
  endDate: isoDate,
});

export const mobilityPlanned = defineEvent({
  type: "students.mobility.planned.v1",
  topic: "students.mobility",
  description: "A mobility was planned (it takes a seat of its agreement for that year and direction).",
  data: mobility,
});

export const mobilityCompleted = defineEvent({
  type: "students.mobility.completed.v1",
  topic: "students.mobility",
  description: "A mobility took place; it counts as a student flow with the host or home institution.",
  data: mobility,
});

export const mobilityCancelled = defineEvent({
  type: "students.mobility.cancelled.v1",
  topic: "students.mobility",
  description: "A planned mobility was cancelled; its seat is free again.",
  data: mobility,
});

export const studentErased = defineEvent({
  type: "students.student.erased.v1",
  topic: "students.student",
  description: "A student's personal data was erased; every service removes what it holds about them.",
  data: z.object({ studentId: id, erasedAt: isoDateTime }),
});

/** Every type published on `students.application`: a consumer of the topic lists them all. */
export const applicationEvents = [
  applicationSubmitted,
  applicationDecided,
  applicationWithdrawn,
  applicationEnrolled,
] as const;

export const studentsEvents = [
  ...applicationEvents,
  mobilityPlanned,
  mobilityCompleted,
  mobilityCancelled,
  studentErased,
  erasureRequested,
  studentsErasureConfirmed,
] as const;
