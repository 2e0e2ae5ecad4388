import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { researchErasureConfirmed } from "./erasure.ts";
import { direction, id, isoDate, isoDateTime, partnershipDimension } from "../vocabulary.ts";

export const collaborationType = z.enum([
  "JOINT_RESEARCH",
  "APPLIED_RESEARCH_FOR_COMPANY",
  "JOINT_LAB",
  "COTUTELLE",
  "JOINT_PUBLICATION",
  "OTHER",
]);

const collaboration = z.object({
  collaborationId: id,
  type: collaborationType,
  /** Partner institutions involved (ids of the partnerships service). */
  institutionIds: z.array(id),
  /** Companies involved, by name. */
  companies: z.array(z.string()),
  /** Partnership dimensions this collaboration evidences. */
  dimensions: z.array(partnershipDimension.exclude(["TEACHING"])),
  centreId: id,
  leadFacultyId: id,
  startDate: isoDate,
  endDate: isoDate.nullable(),
});

export const collaborationStarted = defineEvent({
  type: "research.collaboration.started.v1",
  topic: "research.collaboration",
  description: "A research collaboration started; it evidences partnership dimensions for its institutions.",
  data: collaboration,
});

export const collaborationEnded = defineEvent({
  type: "research.collaboration.ended.v1",
  topic: "research.collaboration",
  description: "A research collaboration ended; it no longer evidences its dimensions.",
  data: collaboration,
});

export const facultyMobilityCompleted = defineEvent({
  type: "research.faculty-mobility.completed.v1",
  topic: "research.faculty-mobility",
  description: "A faculty stay at a partner, or the hosting of a foreign peer, took place.",
  data: z.object({
    mobilityId: id,
    facultyId: id.nullable(),
    institutionId: id,
    direction,
    purpose: z.string(),
    startDate: isoDate,
    endDate: isoDate,
  }),
});

export const phdCandidateSelected = defineEvent({
  type: "research.phd.candidate-selected.v1",
  topic: "research.phd",
  description: "An HDR faculty member selected a candidate for a PhD position, with an agreed subject.",
  data: z.object({
    positionId: id,
    /** The students service's application, when the candidate applied through a nomination. */
    applicationId: id.nullable(),
    studentId: id.nullable(),
    supervisorFacultyId: id,
    institutionId: id.nullable(),
    subject: z.string().min(1),
    selectedAt: isoDateTime,
  }),
});

export const researchEvents = [
  collaborationStarted,
  collaborationEnded,
  facultyMobilityCompleted,
  phdCandidateSelected,
  researchErasureConfirmed,
] as const;
