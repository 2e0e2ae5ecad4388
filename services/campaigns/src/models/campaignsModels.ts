import type { Connection } from "mongoose";
import { campaignModel } from "./campaignModel.ts";
import type { CampaignDocument } from "./campaignModel.ts";
import { campaignTargetModel, syncCampaignTargets } from "./campaignTargetModel.ts";
import { healLinks } from "./derivedLinks.ts";
import { candidateModel } from "./candidateModel.ts";
import { interviewModel } from "./interviewModel.ts";
import type { InterviewDocument } from "./interviewModel.ts";
import { interviewSeatModel, syncInterviewSeats } from "./interviewSeatModel.ts";
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
 * missing (see `derivedLinks.ts`). Run at start, before the service answers.
 */
export async function prepareStore(models: CampaignsModels): Promise<void> {
  for (const model of Object.values(models)) await model.createIndexes();
  await healLinks<CampaignDocument>({ Owner: models.Campaign, Link: models.CampaignTarget }, (campaign) =>
    syncCampaignTargets(models, campaign),
  );
  await healLinks<InterviewDocument>({ Owner: models.Interview, Link: models.InterviewSeat }, (interview) =>
    syncInterviewSeats(models, interview),
  );
}
