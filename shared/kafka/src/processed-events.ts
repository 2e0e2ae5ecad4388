import { isDuplicateKeyError } from "@intl/mongo";
import type { Connection } from "mongoose";

/** The consumer ledger's collection, in each service's own database. */
export const PROCESSED_EVENTS_COLLECTION = "processed_events";

/** One event a consumer group has fully handled. */
export interface ProcessedEventRecord {
  /** `<groupId>:<eventId>`: unique, so recording twice is harmless. */
  _id: string;
  groupId: string;
  eventId: string;
  type: string;
  topic: string;
  partition: number;
  offset: string;
  processedAt: Date;
}

/** The ledger of events a consumer group already handled: a redelivered event is skipped. */
export class ProcessedEvents {
  constructor(
    private readonly connection: Connection,
    private readonly groupId: string,
  ) {}

  private get collection() {
    return this.connection.collection<ProcessedEventRecord>(PROCESSED_EVENTS_COLLECTION);
  }

  private idOf(eventId: string): string {
    return `${this.groupId}:${eventId}`;
  }

  async has(eventId: string): Promise<boolean> {
    return (await this.collection.countDocuments({ _id: this.idOf(eventId) }, { limit: 1 })) > 0;
  }

  async record(
    entry: Omit<ProcessedEventRecord, "_id" | "groupId" | "processedAt">,
    now: Date = new Date(),
  ): Promise<void> {
    try {
      await this.collection.insertOne({
        _id: this.idOf(entry.eventId),
        groupId: this.groupId,
        ...entry,
        processedAt: now,
      });
    } catch (error) {
      // Already recorded (a redelivery raced us, or the previous run died after its insert): same fact.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
