import {
  applicationDecided,
  applicationEnrolled,
  applicationSubmitted,
  applicationWithdrawn,
  institutionCreated,
  studentErased,
} from "@intl/events";
import type { EventEnvelope } from "@intl/events";
import { TestService } from "@intl/testing";
import type { GraphQLAnswer } from "@intl/testing";
import { buildService } from "../src/subgraph.ts";
import type { CampaignsService } from "../src/subgraph.ts";

export type GraphQLResponse<T = Record<string, unknown>> = GraphQLAnswer<T>;

export interface ApplicationFacts {
  applicationId: string;
  institutionId: string;
  countryCode: string;
  programmeCode: string;
  academicYear: string;
  studentId?: string;
  programmeKind?: "ENGINEERING" | "MSC" | "PHD" | "EXCHANGE";
}

/** The campaigns service under test (see `TestService`): it publishes the other services' facts it consumes. */
export class CampaignsTestService extends TestService<CampaignsService> {
  private interviewEvents: EventEnvelope[] = [];

  constructor() {
    // Two partitions: the consumer must keep each application's events in order across them.
    super({ name: "campaigns", build: buildService, numPartitions: 2, outboxPollMs: 200 });
  }

  override async start(): Promise<void> {
    await super.start();
    this.interviewEvents = await this.collect("campaigns.interview");
  }

  /** Everything published on `campaigns.interview` since the service started. */
  publishedInterviewEvents(): EventEnvelope[] {
    return [...this.interviewEvents];
  }

  async registerInstitution(institutionId: string, countryCode: string): Promise<void> {
    await this.publish(institutionCreated, {
      subject: institutionId,
      sequence: 1,
      data: {
        institutionId,
        name: `University ${institutionId}`,
        countryCode,
        city: null,
        identifiers: { schac: null, erasmus: null, pic: null, ror: null },
      },
    });
  }

  submitApplication(facts: ApplicationFacts, sequence = 1): Promise<EventEnvelope> {
    return this.publish(applicationSubmitted, {
      subject: facts.applicationId,
      sequence,
      data: { ...application(facts), submittedAt: now() },
    });
  }

  decideApplication(
    facts: ApplicationFacts,
    decision: "ADMITTED" | "REJECTED" | "WAITLISTED",
    sequence: number,
  ): Promise<EventEnvelope> {
    return this.publish(applicationDecided, {
      subject: facts.applicationId,
      sequence,
      data: { ...application(facts), decision, decidedAt: now() },
    });
  }

  withdrawApplication(facts: ApplicationFacts, sequence: number): Promise<EventEnvelope> {
    return this.publish(applicationWithdrawn, {
      subject: facts.applicationId,
      sequence,
      data: { ...application(facts), withdrawnAt: now() },
    });
  }

  enrolApplication(facts: ApplicationFacts, sequence: number): Promise<EventEnvelope> {
    return this.publish(applicationEnrolled, {
      subject: facts.applicationId,
      sequence,
      data: { ...application(facts), enrolledAt: now() },
    });
  }

  eraseStudent(studentId: string): Promise<EventEnvelope> {
    return this.publish(studentErased, {
      subject: studentId,
      sequence: 1,
      data: { studentId, erasedAt: now() },
    });
  }
}

/** A started campaigns service on a fresh database and random topic prefix. */
export async function startCampaignsUnderTest(): Promise<CampaignsTestService> {
  const running = new CampaignsTestService();
  await running.start();
  return running;
}

/** An application as the students service describes it in its events. */
function application(facts: ApplicationFacts) {
  return {
    applicationId: facts.applicationId,
    studentId: facts.studentId ?? `student-of-${facts.applicationId}`,
    institutionId: facts.institutionId,
    countryCode: facts.countryCode,
    programmeCode: facts.programmeCode,
    programmeKind: facts.programmeKind ?? "ENGINEERING",
    academicYear: facts.academicYear,
    requiresInterview: true,
  };
}

const now = () => new Date().toISOString();
