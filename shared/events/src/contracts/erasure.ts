import { createHash } from "node:crypto";
import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { id, isoDateTime } from "../vocabulary.ts";

/**
 * The kinds of person the graph holds data on, and what their id is:
 * STUDENT (a student or applicant: the students service's student id), FACULTY (the research
 * service's faculty id), PHD_CANDIDATE (a candidate added directly to a PhD position: the
 * candidate's id), CO_SUPERVISOR (the co-supervisor of a PhD position: the position's id),
 * CONTACT (a follow-up contact at a partner: the contact reference, `contactReference(email)`).
 */
export const personKind = z.enum(["STUDENT", "FACULTY", "PHD_CANDIDATE", "CO_SUPERVISOR", "CONTACT"]);

/**
 * The id of a contact (who has no record of their own, only an entry in a service's
 * document): a SHA-256 of the normalised email, so that the email itself never travels
 * in an erasure request, and every service finds the same contact by it.
 */
export function contactReference(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

/** Who an erasure is about: a kind and an id, never a name or an email. */
export const erasedPerson = z.object({ kind: personKind, id });

/** Every service that holds personal data: an erasure is complete once each of them confirmed. */
export const erasureParticipants = ["partnerships", "students", "research", "campaigns"] as const;
export const erasureParticipant = z.enum(erasureParticipants);

export const erasureRequested = defineEvent({
  type: "students.erasure.requested.v1",
  topic: "students.erasure",
  description:
    "An administrator asked for a person's personal data to be erased everywhere (GDPR art. 17); every service that holds personal data erases what it holds on them and confirms.",
  data: z.object({ requestId: id, person: erasedPerson, requestedAt: isoDateTime }),
});

const confirmation = z.object({
  requestId: id,
  person: erasedPerson,
  service: erasureParticipant,
  erasedAt: isoDateTime,
  /** How many records held personal data on the person and were anonymised (0: none held). */
  records: z.number().int().min(0),
});

function erasureConfirmed<Service extends (typeof erasureParticipants)[number]>(service: Service) {
  return defineEvent({
    type: `${service}.erasure.confirmed.v1` as const,
    topic: `${service}.erasure` as const,
    description: `The ${service} service erased (or held no) personal data on the person of an erasure request.`,
    data: confirmation.extend({ service: z.literal(service) }),
  });
}

export const partnershipsErasureConfirmed = erasureConfirmed("partnerships");
export const studentsErasureConfirmed = erasureConfirmed("students");
export const researchErasureConfirmed = erasureConfirmed("research");
export const campaignsErasureConfirmed = erasureConfirmed("campaigns");

/** The four confirmations the owner of erasure requests (students) consumes. */
export const erasureConfirmations = [
  partnershipsErasureConfirmed,
  studentsErasureConfirmed,
  researchErasureConfirmed,
  campaignsErasureConfirmed,
] as const;
