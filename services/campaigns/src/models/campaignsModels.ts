import type { Connection } from "mongoose";
import { campaignModel } from "./campaignModel.ts";
import { campaignTargetModel, campaignTargets } from "./campaignTargetModel.ts";
import { candidateModel } from "./candidateModel.ts";
import { interviewModel } from "./interviewModel.ts";
import { interviewSeatModel, interviewSeats } from "./interviewSeatModel.ts";
import { erasedStudentModel, knownApplicationModel } from "./knownApplicationModel.ts";
import { knownFacultyModel } from "./knownFacultyModel.ts";
import { knownInstitutionModel } from "./knownInstitutionModel.ts";
import { slotHoldModel } from "./slotHoldModel.ts";

/** Every model of the service, built on its own connection. */
export function buildCampaignsModels(connection: Connection) {
  return {
    Campaign: campaignModel(connection),
    CampaignTarget: campaignTargetModel(connection),
    Candidate: candidateModel(connection),
    Interview: interviewModel(connection),
    InterviewSeat: interviewSeatModel(connection),
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

/**
 * Creates the declared indexes (schemas opt out of mongoose's implicit
 * auto-indexing), then derives the links a crash or an older version left
 * missing (@intl/mongo's `derivedLinks`). Run at start, before the service answers.
 */
export async function prepareStore(models: CampaignsModels): Promise<void> {
  for (const model of Object.values(models)) await model.createIndexes();
  await campaignTargets(models).heal();
  await interviewSeats(models).heal();
}
