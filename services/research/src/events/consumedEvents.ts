import { applicationEvents, institutionEvents } from "@intl/events";
import type { EventContract, EventOf } from "@intl/events";
import type { HandlerContext } from "@intl/kafka";
import type { ResearchModels } from "../models/researchModels.ts";
import { applyInstitutionEvent } from "./institutionProjection.ts";
import { applyApplicationEvent } from "./phdApplicationProjection.ts";

/** The consumer group of the research read models (its dead-letter topic is `dlq.research.read-models`). */
export const CONSUMER_GROUP = "research.read-models";

/** What the research service consumes: partner institutions, and PhD applications. */
export const consumedContracts = [...institutionEvents, ...applicationEvents] as const;

/** One of the consumed events, as a union the `type` narrows (`EventOf` of a union is not distributive). */
export type ConsumedEvent = (typeof consumedContracts)[number] extends infer C
  ? C extends EventContract
    ? EventOf<C>
    : never
  : never;

/** Applies a consumed event to its read model; every branch is idempotent (sequence-checked). */
export function consumedEventHandler(models: ResearchModels) {
  return async (event: ConsumedEvent, { logger }: Pick<HandlerContext, "logger">): Promise<void> => {
    switch (event.type) {
      case "partnerships.institution.created.v1":
      case "partnerships.institution.updated.v1": {
        const applied = await applyInstitutionEvent(models.KnownInstitution, event);
        logger.debug({ applied }, "institution read model");
        return;
      }
      case "students.application.submitted.v1":
      case "students.application.decided.v1":
      case "students.application.withdrawn.v1":
      case "students.application.enrolled.v1": {
        const applied = await applyApplicationEvent(models.KnownPhdApplication, event);
        logger.debug({ applied }, "PhD application read model");
        return;
      }
    }
  };
}
