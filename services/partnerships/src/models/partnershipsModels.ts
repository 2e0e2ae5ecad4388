import type { Connection, Model, Schema } from "mongoose";
import { agreementSchema, type AgreementDocument } from "./agreementModel.ts";
import { countryProfileSchema, type CountryProfileDocument } from "./countryProfileModel.ts";
import { copyLookupFields, institutionSchema, type InstitutionDocument } from "./institutionModel.ts";
import { networkSchema, type NetworkDocument } from "./networkModel.ts";
import {
  healCollaborationLinks,
  researchCollaborationLinkSchema,
  researchCollaborationSchema,
  type ResearchCollaborationDocument,
  type ResearchCollaborationLinkDocument,
} from "./researchCollaborationModel.ts";
import { schoolLabelSchema, type SchoolLabelDocument } from "./schoolLabelModel.ts";
import { studentMobilitySchema, type StudentMobilityDocument } from "./studentMobilityModel.ts";

export interface PartnershipsModels {
  CountryProfile: Model<CountryProfileDocument>;
  Institution: Model<InstitutionDocument>;
  Agreement: Model<AgreementDocument>;
  Network: Model<NetworkDocument>;
  SchoolLabel: Model<SchoolLabelDocument>;
  ResearchCollaboration: Model<ResearchCollaborationDocument>;
  ResearchCollaborationLink: Model<ResearchCollaborationLinkDocument>;
  StudentMobility: Model<StudentMobilityDocument>;
}

function modelOn<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  // A second service built on the same connection (a test, the seed) gets the same models.
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}

/** The service's models, on its own connection. */
export function partnershipsModels(connection: Connection): PartnershipsModels {
  return {
    CountryProfile: modelOn(connection, "CountryProfile", countryProfileSchema),
    Institution: modelOn(connection, "Institution", institutionSchema),
    Agreement: modelOn(connection, "Agreement", agreementSchema),
    Network: modelOn(connection, "Network", networkSchema),
    SchoolLabel: modelOn(connection, "SchoolLabel", schoolLabelSchema),
    ResearchCollaboration: modelOn(connection, "ResearchCollaboration", researchCollaborationSchema),
    ResearchCollaborationLink: modelOn(
      connection,
      "ResearchCollaborationLink",
      researchCollaborationLinkSchema,
    ),
    StudentMobility: modelOn(connection, "StudentMobility", studentMobilitySchema),
  };
}

/**
 * Builds the indexes the models declare (unique identifiers among them), then
 * derives what documents stored by an older version lack: the institutions'
 * top-level lookup copies and the collaborations' links. Run at start, before
 * the service answers.
 */
export async function prepareStore(models: PartnershipsModels): Promise<void> {
  for (const model of Object.values(models) as Model<unknown>[]) {
    await model.createIndexes();
  }
  await copyLookupFields(models.Institution);
  await healCollaborationLinks(models);
}
