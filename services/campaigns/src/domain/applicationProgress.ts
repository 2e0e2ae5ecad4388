import { enumOf, type EnumValue } from "@intl/errors";
/**
 * Where an application stands in the students service, as far as recruitment
 * needs to know: rebuilt from its events (`students.application.*`).
 */
export const ApplicationStatus = enumOf(
  "SUBMITTED",
  "ADMITTED",
  "WAITLISTED",
  "REJECTED",
  "WITHDRAWN",
  "ENROLLED",
);
export type ApplicationStatus = EnumValue<typeof ApplicationStatus>;

/** The facts of an application this service keeps (ids and facts only, never a name). */
export interface KnownApplication {
  id: string;
  institutionId: string;
  countryCode: string;
  programmeCode: string;
  academicYear: string;
  requiresInterview: boolean;
  status: ApplicationStatus;
}

export type ApplicationFact =
  | { type: "submitted" }
  | { type: "decided"; decision: "ADMITTED" | "REJECTED" | "WAITLISTED" }
  | { type: "withdrawn" }
  | { type: "enrolled" };

/** The status an application has right after one of its events. */
export function applicationStatusAfter(fact: ApplicationFact): ApplicationStatus {
  switch (fact.type) {
    case "submitted":
      return ApplicationStatus.SUBMITTED;
    case "decided":
      return fact.decision;
    case "withdrawn":
      return ApplicationStatus.WITHDRAWN;
    case "enrolled":
      return ApplicationStatus.ENROLLED;
  }
}

/** Only an application still waiting for the school's decision can be interviewed. */
export function isAwaitingDecision(status: ApplicationStatus): boolean {
  return status === ApplicationStatus.SUBMITTED;
}

/** Admitted, whether or not the candidate has enrolled since. */
export function wasAdmitted(status: ApplicationStatus): boolean {
  return status === ApplicationStatus.ADMITTED || status === ApplicationStatus.ENROLLED;
}
