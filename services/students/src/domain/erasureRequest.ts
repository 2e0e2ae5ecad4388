import { badInput, enumOf, type EnumValue } from "@intl/errors";
import { contactReference, erasureParticipants } from "@intl/events";
import type { erasureRequested, EventOf } from "@intl/events";
import { StudentsReason } from "./errors.ts";

export type ErasedPerson = EventOf<typeof erasureRequested>["data"]["person"];
export type PersonKind = ErasedPerson["kind"];
export type ErasureParticipant = (typeof erasureParticipants)[number];

/** `REQUESTED` (no confirmation yet) → `ERASING` (some services confirmed) → `COMPLETE` (all of them). */
export const ErasureStatus = enumOf("REQUESTED", "ERASING", "COMPLETE");
export type ErasureStatus = EnumValue<typeof ErasureStatus>;

export interface ErasureConfirmation {
  service: ErasureParticipant;
  erasedAt: Date;
  /** Records that held personal data on the person in that service (0: none held). */
  records: number;
}

export interface ErasureRequestState {
  person: ErasedPerson;
  status: ErasureStatus;
  confirmations: ErasureConfirmation[];
  completedAt: Date | null;
  version: number;
}

/** Who to erase, as the administrator names them: an id, or a contact's email. */
export interface PersonInput {
  kind: PersonKind;
  id?: string | null;
  email?: string | null;
}

/**
 * Rule: an erasure names one person by kind and id; a contact, who has no id, by email,
 * which is turned into its reference at once so that it is neither stored nor published.
 */
export function erasedPersonFrom(input: PersonInput): ErasedPerson {
  if (input.kind === "CONTACT") {
    const email = input.email?.trim() ?? "";
    if (!email.includes("@")) {
      throw badInput(StudentsReason.INVALID_INPUT, "person.email", "A contact is named by their email.");
    }
    return { kind: "CONTACT", id: contactReference(email) };
  }
  const id = input.id?.trim() ?? "";
  if (id === "")
    throw badInput(StudentsReason.INVALID_INPUT, "person.id", `A ${input.kind} is named by their id.`);
  return { kind: input.kind, id };
}

/** The services whose confirmation is still awaited, in the order of `erasureParticipants`. */
export function pendingServices(
  confirmations: readonly Pick<ErasureConfirmation, "service">[],
): ErasureParticipant[] {
  const confirmed = new Set(confirmations.map((confirmation) => confirmation.service));
  return erasureParticipants.filter((service) => !confirmed.has(service));
}

/**
 * Rule: each service confirms once; the request is complete when every service that holds
 * personal data confirmed. `null`: nothing changes (this service had already confirmed).
 */
export function confirmErasure(
  state: ErasureRequestState,
  confirmation: ErasureConfirmation,
): (Pick<ErasureRequestState, "status" | "completedAt"> & { confirmation: ErasureConfirmation }) | null {
  if (state.confirmations.some((held) => held.service === confirmation.service)) return null;
  const complete = pendingServices([...state.confirmations, confirmation]).length === 0;
  return {
    confirmation,
    status: complete ? ErasureStatus.COMPLETE : ErasureStatus.ERASING,
    completedAt: complete ? confirmation.erasedAt : null,
  };
}
