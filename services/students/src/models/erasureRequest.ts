import { outboxPlugin } from "@intl/kafka";
import type { OutboxEntry } from "@intl/kafka";
import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import { ErasureStatus } from "../domain/erasureRequest.ts";
import type { ErasureRequestState, PersonKind } from "../domain/erasureRequest.ts";

/** An erasure request (GDPR art. 17): who, and each service's confirmation. No personal value. */
export interface ErasureRequestRecord extends ErasureRequestState {
  _id: string;
  /** `<kind>:<id>`: one request per person (asking again answers the same request). */
  personKey: string;
  /** The subject of the administrator who asked. */
  requestedBy: string;
  requestedAt: Date;
  _outbox: OutboxEntry[];
}

const erasureRequestSchema = new Schema<ErasureRequestRecord>(
  {
    _id: { type: String, required: true },
    person: { type: new Schema({ kind: String, id: String }, { _id: false }), required: true },
    personKey: { type: String, required: true },
    status: { type: String, enum: Object.values(ErasureStatus), required: true },
    confirmations: {
      type: [{ _id: false, service: String, erasedAt: Date, records: Number }],
      default: [],
    },
    requestedBy: { type: String, required: true },
    requestedAt: { type: Date, required: true },
    completedAt: { type: Date, default: null },
    version: { type: Number, required: true },
  },
  { versionKey: false, collection: "erasure_requests", autoIndex: false },
);
erasureRequestSchema.plugin(outboxPlugin);
erasureRequestSchema.index({ personKey: 1 }, { unique: true });
erasureRequestSchema.index({ requestedAt: 1 });

export function erasureRequestModel(connection: Connection): Model<ErasureRequestRecord> {
  return connection.model<ErasureRequestRecord>("ErasureRequest", erasureRequestSchema);
}

/**
 * A notice for a partner institution (GDPR art. 19): the data of a person it nominated was
 * erased. It says which kind of person and when, never who.
 */
export interface ErasureNoticeRecord {
  /** `<requestId>:<institutionId>`: one notice per institution and request. */
  _id: string;
  requestId: string;
  institutionId: string;
  personKind: PersonKind;
  erasedAt: Date;
}

const erasureNoticeSchema = new Schema<ErasureNoticeRecord>(
  {
    _id: { type: String, required: true },
    requestId: { type: String, required: true },
    institutionId: { type: String, required: true },
    personKind: { type: String, required: true },
    erasedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: "erasure_notices", autoIndex: false },
);
erasureNoticeSchema.index({ institutionId: 1, erasedAt: 1 });
erasureNoticeSchema.index({ erasedAt: 1 });

export function erasureNoticeModel(connection: Connection): Model<ErasureNoticeRecord> {
  return connection.model<ErasureNoticeRecord>("ErasureNotice", erasureNoticeSchema);
}
