import type { EventsQueued } from "@intl/kafka";
import type { WriteQueue } from "@intl/mongo";
import type { PartnershipsModels } from "../models/partnershipsModels.ts";

/** What every application module works with. */
export interface ApplicationDeps {
  models: PartnershipsModels;
  clock: () => Date;
  newId: () => string;
  /** Called after each write that queued events, with the model and document: the relay publishes them at once. */
  eventsQueued: EventsQueued;
  /**
   * The service's one write queue (@intl/mongo's `createWriteQueue`), shared with the
   * outbox relay: every read-decide-write of a document runs in it, keyed by
   * `documentKey(Model.collection.collectionName, id)`. When one piece of work needs
   * two keys, it takes an institution's before any of its agreements', never the reverse.
   */
  writeQueue: WriteQueue;
}
