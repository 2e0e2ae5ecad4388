/**
 * How a service takes part in the erasure of a person (GDPR art. 17): it consumes
 * `students.erasure.requested.v1`, erases what it holds on the person (its own `erase`),
 * then confirms with its `<service>.erasure.confirmed.v1`, written with a receipt document
 * (one per request, its outbox carrying the confirmation) in one single-document insert.
 * A redelivered request erases again (every `erase` is idempotent) and finds the receipt:
 * it confirms once. A service that was down consumes the request when it comes back.
 */
import { createEvent, erasureRequested } from "@intl/events";
import type { EventContract, EventOf } from "@intl/events";
import { createOutboxWriter, outboxPlugin } from "@intl/kafka";
import type { EventsQueued, OutboxEntry } from "@intl/kafka";
import { isDuplicateKeyError } from "@intl/mongo";
import type { WriteQueue } from "@intl/mongo";
import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";

/** An erasure request as each service receives it. */
export type ErasureRequest = EventOf<typeof erasureRequested>;
export type ErasedPerson = ErasureRequest["data"]["person"];

/** What a service remembers of a request it confirmed: ids and a count, no personal value. */
export interface ErasureReceiptDocument {
  /** The request id. */
  _id: string;
  person: ErasedPerson;
  records: number;
  erasedAt: Date;
  _outbox?: OutboxEntry[];
}

const receiptSchema = new Schema<ErasureReceiptDocument>(
  {
    _id: { type: String, required: true },
    person: { type: new Schema({ kind: String, id: String }, { _id: false }), required: true },
    records: { type: Number, required: true },
    erasedAt: { type: Date, required: true },
  },
  { collection: "erasure_receipts", autoIndex: false, versionKey: false },
);
receiptSchema.plugin(outboxPlugin);

/** The service's receipts of erasure requests (an outbox model; one per connection, whoever asks first). */
export function erasureReceiptModel(connection: Connection): Model<ErasureReceiptDocument> {
  return (
    (connection.models.ErasureReceipt as Model<ErasureReceiptDocument> | undefined) ??
    connection.model<ErasureReceiptDocument>("ErasureReceipt", receiptSchema)
  );
}

/** The contract each participant consumes besides its own (`serviceShape` adds it to every service's). */
export const erasureRequestContracts = [erasureRequested] as const;

/** True for an erasure request (to route it to the participant before the service's own handler). */
export function isErasureRequest(event: { type: string }): event is ErasureRequest {
  return event.type === erasureRequested.type;
}

export interface ErasureParticipantOptions {
  /** The confirmation this service publishes (`<service>.erasure.confirmed.v1`). */
  confirmed: EventContract;
  service: "partnerships" | "students" | "research" | "campaigns";
  receipts: Model<ErasureReceiptDocument>;
  writeQueue: WriteQueue;
  eventsQueued: EventsQueued;
  clock: () => Date;
  newId: () => string;
  /**
   * Removes or irreversibly anonymises what the service holds on the person, keeping the
   * anonymous facts; idempotent. Resolves with how many records it changed (0: none held).
   */
  erase(request: ErasureRequest): Promise<number>;
}

/** The handler of erasure requests of one service (see the file's comment). */
export function createErasureParticipant(options: ErasureParticipantOptions) {
  const { receipts, clock, newId, service } = options;
  const writer = createOutboxWriter(options);
  const { confirmed } = options;

  return {
    async handle(request: ErasureRequest): Promise<void> {
      if (await receipts.exists({ _id: request.data.requestId }).exec()) return;
      const records = await options.erase(request);
      const now = clock();
      // Checked against the confirmation's contract here: a service confirms only in its own name.
      const confirmation = createEvent(confirmed, {
        id: newId(),
        source: `/services/${service}`,
        subject: request.data.requestId,
        time: now,
        sequence: 1,
        data: {
          requestId: request.data.requestId,
          person: request.data.person,
          service,
          erasedAt: now.toISOString(),
          records,
        },
      });
      try {
        await writer.insert(
          receipts,
          { _id: request.data.requestId, person: request.data.person, records, erasedAt: now },
          { events: [{ contract: confirmed, envelope: confirmation }] },
        );
      } catch (error) {
        // Confirmed by an earlier delivery that crashed before the consumer's ledger write.
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
  };
}
