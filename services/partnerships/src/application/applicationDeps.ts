import type { PartnershipsModels } from "../models/partnershipsModels.ts";
import type { Exclusive } from "../models/storeWriteLock.ts";

/** What every application module works with. */
export interface ApplicationDeps {
  models: PartnershipsModels;
  clock: () => Date;
  newId: () => string;
  /** Called after a write that queued events, so the relay publishes them soon. */
  eventsQueued: () => void;
  /** Runs one read-decide-write at a time (see `storeWriteLock.ts`); never nest it. */
  exclusive: Exclusive;
}
