import type { Model } from "mongoose";
import { applyOnce } from "@intl/mongo";
import type {
  EventOf,
  applicationDecided,
  applicationEnrolled,
  applicationSubmitted,
  applicationWithdrawn,
} from "@intl/events";
import type { KnownPhdApplicationDocument } from "../models/phdApplicationModel.ts";

export type ApplicationEvent =
  | EventOf<typeof applicationSubmitted>
  | EventOf<typeof applicationDecided>
  | EventOf<typeof applicationWithdrawn>
  | EventOf<typeof applicationEnrolled>;

/** The status an application event leaves the application in. */
export function applicationStatusAfter(event: ApplicationEvent): string {
  switch (event.type) {
    case "students.application.submitted.v1":
      return "SUBMITTED";
    case "students.application.decided.v1":
      return event.data.decision;
    case "students.application.withdrawn.v1":
      return "WITHDRAWN";
    case "students.application.enrolled.v1":
      return "ENROLLED";
  }
}

/**
 * Keeps the PhD applications read model (other programme kinds are not this
 * service's business). Newer sequences only, like every read model.
 */
export async function applyApplicationEvent(
  model: Model<KnownPhdApplicationDocument>,
  event: ApplicationEvent,
): Promise<boolean> {
  const { data } = event;
  if (data.programmeKind !== "PHD") return false;
  return applyOnce(
    model,
    { _id: data.applicationId, sequence: { $lt: event.sequence } },
    {
      $set: {
        studentId: data.studentId,
        institutionId: data.institutionId,
        countryCode: data.countryCode,
        programmeCode: data.programmeCode,
        academicYear: data.academicYear,
        status: applicationStatusAfter(event),
        sequence: event.sequence,
      },
    },
    event.id,
    { upsert: true },
  );
}
