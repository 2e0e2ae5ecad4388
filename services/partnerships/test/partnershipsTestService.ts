import { Role } from "@intl/auth";
import { parseEvent, partnershipsEvents } from "@intl/events";
import { TestService, testViewer, type GraphQLAnswer } from "@intl/testing";
import { buildService, type PartnershipsService } from "../src/subgraph.ts";

export type RoleName = Role;
export type { GraphQLAnswer };
export type PublishedEvents = Awaited<ReturnType<PartnershipsTestService["publishedEvents"]>>;

/** The international office, for calling the application operations directly (setting the scene). */
export const office = testViewer({ role: Role.INTERNATIONAL_OFFICE, subject: "test-international-office" });

/** A clock tests move by hand. */
export function manualClock(start: string) {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set(moment: string) {
      now = new Date(moment);
    },
  };
}

/** The partnerships service under test (see `TestService`): operations run as the office unless told. */
export class PartnershipsTestService extends TestService<PartnershipsService> {
  constructor(options: { clock?: () => Date; expiryIntervalMs?: number; referenceData?: boolean } = {}) {
    super({
      name: "partnerships",
      build: (deps) => buildService({ ...deps, ...options }),
      defaultClaims: "INTERNATIONAL_OFFICE",
      claimsOfRole: { PARTNER: { institutionId: "inst-x" } },
    });
  }

  get app() {
    return this.service.app;
  }

  /**
   * Reads what the service publishes on its topics from the beginning (until it stops);
   * `ofType` gives what has arrived of one type, each checked against its contract.
   */
  async publishedEvents() {
    const topics = [...new Set(partnershipsEvents.map((contract) => contract.topic))];
    const arrived = await Promise.all(topics.map((topic) => this.collect(topic)));
    return {
      ofType: (type: string) =>
        arrived
          .flat()
          .filter((event) => event.type === type)
          .map((event) => parseEvent(partnershipsEvents, JSON.stringify(event))),
    };
  }

  /** A partner institution the office registers from its name and country alone (setting the scene). */
  registerPartner(name: string, countryCode: string) {
    return this.app.registerInstitution(office, { name, countryCode });
  }
}

/** The `extensions` of the first error, for asserting codes, reasons and fields. */
export function firstError(answer: GraphQLAnswer<unknown>) {
  const error = answer.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(answer.data)}`);
  return { message: error.message, ...error.extensions } as {
    message: string;
    code?: string;
    reason?: string;
    field?: string;
    details?: Record<string, unknown>;
  };
}
