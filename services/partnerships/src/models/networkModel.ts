import { allowUnindexedQuery } from "@intl/mongo";
import { Schema } from "mongoose";
import type { NetworkDetails } from "../domain/networkMembership.ts";

export interface NetworkDocument extends NetworkDetails {
  _id: string;
  /** Partner institutions belonging to the network. */
  memberInstitutionIds: string[];
  demo: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const networkSchema = new Schema<NetworkDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    acronym: { type: String, default: null },
    scope: { type: String, required: true },
    website: { type: String, default: null },
    description: { type: String, default: null },
    schoolMember: { type: Boolean, required: true },
    schoolMemberSince: { type: String, default: null },
    memberInstitutionIds: { type: [String], default: [] },
    demo: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: "networks", versionKey: false },
);
networkSchema.index({ name: 1 }, { unique: true });
networkSchema.index({ memberInstitutionIds: 1 });
// The networks list reads a few dozen documents (never a hot path): its filters need no index.
const fewNetworks = "networks are a few dozen documents, listed by the office; read whole, they cost nothing";
allowUnindexedQuery(networkSchema, { filter: ["scope"], reason: fewNetworks });
allowUnindexedQuery(networkSchema, { filter: ["schoolMember"], reason: fewNetworks });
