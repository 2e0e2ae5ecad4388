import type { Connection } from "mongoose";
import { campaignModel } from "./campaignModel.ts";
import { candidateModel } from "./candidateModel.ts";
import { interviewModel } from "./interviewModel.ts";
import { erasedStudentModel, knownApplicationModel } from "./knownApplicationModel.ts";
import { knownFacultyModel } from "./knownFacultyModel.ts";
import { knownInstitutionModel } from "./knownInstitutionModel.ts";
import { slotHoldModel } from "./slotHoldModel.ts";

/** Every model of the service, built on its own connection. */
export function buildCampaignsModels(connection: Connection) {
  return {
    Campaign: campaignModel(connection),
    Candidate: candidateModel(connection),
    Interview: interviewModel(connection),
    SlotHold: slotHoldModel(connection),
    KnownApplication: knownApplicationModel(connection),
    ErasedStudent: erasedStudentModel(connection),
    KnownInstitution: knownInstitutionModel(connection),
    KnownFaculty: knownFacultyModel(connection),
  };
}

export type CampaignsModels = ReturnType<typeof buildCampaignsModels>;

/** The aggregates whose documents carry an outbox (the relay scans them). */
export function outboxModels(models: CampaignsModels) {
  return [models.Interview];
}

/** Creates the declared indexes (schemas opt out of mongoose's implicit auto-indexing). */
export async function createIndexes(models: CampaignsModels): Promise<void> {
  for (const model of Object.values(models)) await model.createIndexes();
}
