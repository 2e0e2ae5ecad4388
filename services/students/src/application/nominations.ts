import { documentKey } from "@intl/mongo";
import { withEventsInDocument } from "@intl/kafka";
import type { Viewer } from "@intl/auth";
import { toIsoDate } from "../domain/academicYear.ts";
import { agreementAllowingNomination } from "../domain/agreements.ts";
import { ApplicationStatus } from "../domain/applicationWorkflow.ts";
import { checkNomination } from "../domain/nomination.ts";
import type { NominationInput } from "../domain/nomination.ts";
import { isInternational, normalisedPersonalData } from "../domain/person.ts";
import { requiresInterview } from "../domain/programmes.ts";
import { StudentStatus, cohortStarting } from "../domain/studentRegistration.ts";
import { applicationSubmittedEvent } from "../events/publishedEvents.ts";
import type { ApplicationRecord } from "../models/application.ts";
import { toAgreementView } from "../models/partnerViews.ts";
import type { AgreementViewRecord } from "../models/partnerViews.ts";
import type { StudentRecord } from "../models/student.ts";
import { visibleApplication } from "./lookups.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";
import { partnerScopedListing } from "./pages.ts";
import type { PageArgs, SortArg } from "./pages.ts";

export interface ApplicationFilter {
  status?: ApplicationStatus | null;
  academicYear?: string | null;
  programmeCode?: string | null;
  programmeKind?: string | null;
  institutionId?: string | null;
  countryCode?: string | null;
  studentId?: string | null;
}

export type ApplicationSort = SortArg<"SUBMITTED_AT" | "ACADEMIC_YEAR">;

/** Options for loading data outside the API (the demo seed). */
export interface WriteOptions {
  demo?: boolean;
}

export function nominationOperations(deps: ApplicationDeps) {
  const { store, clock, newId } = deps;

  /**
   * A partner nominates a preselected candidate with a complete dossier, under
   * an active agreement covering the programme and year (from the read model).
   * The candidate becomes an APPLICANT student (reused when the same institution
   * nominated the same email before); `students.application.submitted.v1` goes
   * out through the application's outbox.
   */
  async function submitNomination(
    viewer: Viewer,
    input: NominationInput,
    options: WriteOptions = {},
  ): Promise<ApplicationRecord> {
    const now = clock();
    const nomination = checkNomination(viewer, input, toIsoDate(now));
    const agreements = await store.agreementViews
      .find({ institutionId: nomination.institutionId })
      .lean<AgreementViewRecord[]>()
      .exec();
    const agreement = agreementAllowingNomination(
      agreements.map(toAgreementView),
      nomination.institutionId,
      nomination.programme,
      nomination.academicYear,
    );

    const personal = normalisedPersonalData(nomination.candidate);
    // One nomination of a given candidate at a time, so the applicant is created once.
    return deps.writeQueue.run(
      documentKey("candidates", `${nomination.institutionId}:${personal.email}`),
      async () => {
        const known = await store.students
          .findOne({ email: personal.email, homeInstitutionId: nomination.institutionId, erasedAt: null })
          .lean<StudentRecord>()
          .exec();
        let studentId = known?._id;
        let createdStudent = false;
        if (!studentId) {
          studentId = newId();
          const student: Omit<StudentRecord, "_outbox"> = {
            _id: studentId,
            ...personal,
            nationality: nomination.candidate.nationality,
            international: isInternational(nomination.candidate.nationality),
            homeInstitutionId: nomination.institutionId,
            programmeCode: nomination.programme.code,
            programmeKind: nomination.programme.kind,
            cohort: cohortStarting(nomination.programme, nomination.academicYear),
            status: StudentStatus.APPLICANT,
            erasedAt: null,
            createdAt: now,
            demo: options.demo ?? false,
            version: 1,
          };
          await store.students.create(student);
          createdStudent = true;
        }

        const application: ApplicationRecord = {
          _id: newId(),
          studentId,
          institutionId: nomination.institutionId,
          countryCode: agreement.countryCode,
          agreementId: agreement.agreementId,
          programmeCode: nomination.programme.code,
          programmeKind: nomination.programme.kind,
          academicYear: nomination.academicYear,
          requiresInterview: requiresInterview(nomination.programme),
          status: ApplicationStatus.SUBMITTED,
          dossier: nomination.dossier,
          reviews: [],
          interview: null,
          interviewCompletedAt: null,
          decision: null,
          phdSelection: null,
          submittedAt: now,
          withdrawnAt: null,
          withdrawalReason: null,
          enrolledAt: null,
          demo: options.demo ?? false,
          version: 1,
          _outbox: [],
        };
        const event = applicationSubmittedEvent(application, { id: newId(), time: now, sequence: 1 });
        try {
          await store.applications.create(withEventsInDocument(application, [event], now));
        } catch (error) {
          // No transaction: undo the applicant created for this nomination so nothing half-written stays.
          if (createdStudent) await store.students.deleteOne({ _id: studentId }).exec();
          throw error;
        }
        deps.eventsQueued({ model: store.applications, id: application._id });
        return { ...application, _outbox: [] };
      },
    );
  }

  async function getApplication(viewer: Viewer, id: string): Promise<ApplicationRecord> {
    return visibleApplication(store, viewer, id);
  }

  // Latest submitted first by default; a partner sees its own institution's nominations only.
  const listing = partnerScopedListing<ApplicationRecord, "SUBMITTED_AT" | "ACADEMIC_YEAR">(
    store.applications,
    {
      sortFields: { SUBMITTED_AT: "submittedAt", ACADEMIC_YEAR: "academicYear" },
      latestFirst: "submittedAt",
    },
  );

  return {
    submitNomination,
    getApplication,
    listApplications: (
      viewer: Viewer,
      filter: ApplicationFilter | null | undefined,
      sort: ApplicationSort,
      page: PageArgs,
    ) => listing.list(viewer, filter, sort, page),
    applicationsOfStudent: listing.ofStudent,
  };
}
