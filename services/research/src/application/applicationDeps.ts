import type { EventsQueued } from "@intl/kafka";
import type { WriteQueue } from "@intl/mongo";
import type { ResearchModels } from "../models/researchModels.ts";

/** What the application operations run on: the store, time and ids passed in. */
export interface ApplicationDeps {
  models: ResearchModels;
  clock: () => Date;
  newId: () => string;
  /** Called after each write that queued events in an outbox, with the model and document: the relay publishes them at once. */
  eventsQueued: EventsQueued;
  /**
   * The service's one write queue (@intl/mongo), shared with the outbox relay: every
   * read-decide-write of an aggregate document runs in it, keyed by `documentKey`.
   */
  writeQueue: WriteQueue;
}

/** `first`/`after` of every list, and an ordering. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export type SortDirectionName = "ASC" | "DESC";
