import type { KnownApplication } from "../domain/applicationProgress.ts";
import { campaignOperations } from "./campaignOperations.ts";
import { interviewOperations } from "./interviewOperations.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";
import { outcomeOperations } from "./outcomeOperations.ts";
import { pipelineOperations } from "./pipelineOperations.ts";

/**
 * Every application-level operation of the service. Commands and queries take
 * the viewer first and check its role; resolvers, the seed and tests call them.
 */
export function createCampaignsApp(deps: ApplicationDeps) {
  const pipeline = pipelineOperations(deps);
  const campaigns = campaignOperations(deps, pipeline);
  const interviews = interviewOperations(deps);
  const outcomes = outcomeOperations(deps);
  return {
    ...campaigns,
    ...pipeline,
    ...interviews,
    ...outcomes,
    /** What the read models hold, for the seed waiting on other services' events and for tests. */
    readModels: {
      institutionsIn: (countryCodes: readonly string[]) => deps.readModels.institutionsIn(countryCodes),
      applicationsIn: (countryCodes: readonly string[]) => deps.readModels.applicationsIn(countryCodes),
      knownFacultyIds: () => deps.readModels.knownFacultyIds(),
      findApplication: (id: string): Promise<KnownApplication | null> => deps.readModels.findApplication(id),
      studentIdOf: (applicationId: string) => deps.readModels.studentIdOf(applicationId),
    },
  };
}

export type CampaignsApp = ReturnType<typeof createCampaignsApp>;
