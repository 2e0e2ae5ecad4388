import type { Connection } from "mongoose";
import { collaborationLinkModel, collaborationLinks } from "./collaborationLinkModel.ts";
import { collaborationModel } from "./collaborationModel.ts";
import { facultyMobilityModel } from "./facultyMobilityModel.ts";
import { facultyModel } from "./facultyModel.ts";
import { knownInstitutionModel } from "./institutionModel.ts";
import { knownPhdApplicationModel } from "./phdApplicationModel.ts";
import { phdPositionModel } from "./phdPositionModel.ts";
import { researchCentreModel } from "./researchCentreModel.ts";

/** Every model of the service, built on its own connection. */
export function buildResearchModels(connection: Connection) {
  return {
    ResearchCentre: researchCentreModel(connection),
    Faculty: facultyModel(connection),
    Collaboration: collaborationModel(connection),
    CollaborationLink: collaborationLinkModel(connection),
    FacultyMobility: facultyMobilityModel(connection),
    PhdPosition: phdPositionModel(connection),
    KnownInstitution: knownInstitutionModel(connection),
    KnownPhdApplication: knownPhdApplicationModel(connection),
  };
}

export type ResearchModels = ReturnType<typeof buildResearchModels>;

/** The aggregates whose documents carry an outbox (the relay scans them). */
export function outboxModels(models: ResearchModels) {
  return [models.Collaboration, models.FacultyMobility, models.PhdPosition];
}

/** Creates the declared indexes (schemas opt out of mongoose's implicit auto-indexing). */
export async function createIndexes(models: ResearchModels): Promise<void> {
  for (const model of Object.values(models)) await model.createIndexes();
}

/**
 * Readies the store at start, before the service answers: the declared indexes, then the
 * derived documents a crash between two writes left behind (collaborations' institution links).
 */
export async function prepareStore(models: ResearchModels): Promise<void> {
  await createIndexes(models);
  await collaborationLinks(models).heal();
}
