import type { EventsQueued } from "@intl/kafka";
import type { WriteQueue } from "@intl/mongo";
import type { Store } from "../models/store.ts";

/** What the application operations need: the store, time, ids, and a way to wake the outbox relay. */
export interface ApplicationDeps {
  store: Store;
  /** Serialises this process's writes of one document, the relay's included (FerretDB loses concurrent updates). */
  writeQueue: WriteQueue;
  clock: () => Date;
  newId: () => string;
  /** Called after each write that queued events, with the model and document: the relay publishes them at once. */
  eventsQueued: EventsQueued;
  /** Early-warning horizon of the 100 % rule, in months. */
  atRiskMonths: number;
  /** Flows with a partner are flagged when one direction exceeds this many times the other. */
  flowImbalanceRatio: number;
}
