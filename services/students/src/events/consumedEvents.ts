import { agreementEvents, institutionEvents, interviewCompleted, phdCandidateSelected } from "@intl/events";
import type { EventContract, EventOf } from "@intl/events";
import type { EventsQueued, HandlerContext } from "@intl/kafka";
import type { WriteQueue } from "@intl/mongo";
import type { Store } from "../models/store.ts";
import { projectAgreement, projectInstitution } from "./partnershipsProjection.ts";
import { recordInterviewCompleted, recordPhdCandidateSelected } from "./recruitmentFacts.ts";

/** The consumer group of this service (its dead-letter topic is `dlq.students`). */
export const CONSUMER_GROUP = "students";

/** What this service learns from the others. */
export const consumedContracts = [
  ...institutionEvents,
  ...agreementEvents,
  interviewCompleted,
  phdCandidateSelected,
] as const;

type EachEventOf<C> = C extends EventContract ? EventOf<C> : never;

/** One of the consumed events, discriminated by `type`. */
export type ConsumedEvent = EachEventOf<(typeof consumedContracts)[number]>;

export interface ConsumerDeps {
  store: Store;
  writeQueue: WriteQueue;
  clock: () => Date;
  newId: () => string;
  eventsQueued: EventsQueued;
}

/** Routes each consumed event to its projection or fact; every branch is idempotent. */
export function consumedEventHandler(deps: ConsumerDeps) {
  return async (event: ConsumedEvent, context: Pick<HandlerContext, "logger">): Promise<void> => {
    switch (event.type) {
      case "partnerships.institution.created.v1":
      case "partnerships.institution.updated.v1":
        await projectInstitution(deps.store, event, deps.clock());
        return;
      case "partnerships.agreement.activated.v1":
      case "partnerships.agreement.renewed.v1":
      case "partnerships.agreement.expired.v1":
      case "partnerships.agreement.terminated.v1":
        await projectAgreement(deps.store, event, deps.clock());
        return;
      case "campaigns.interview.completed.v1":
        await recordInterviewCompleted(deps, event);
        return;
      case "research.phd.candidate-selected.v1":
        await recordPhdCandidateSelected(deps, event, (message) => context.logger.warn({}, message));
        return;
      default: {
        const unexpected: never = event;
        throw new Error(`unhandled event ${(unexpected as { type: string }).type}`);
      }
    }
  };
}
