import type { ApplicationDeps } from "./applicationDeps.ts";
import { collaborationOperations } from "./collaborations.ts";
import { facultyOperations } from "./faculty.ts";
import { facultyMobilityOperations } from "./facultyMobilities.ts";
import { knownReferenceOperations } from "./knownReferences.ts";
import { personalDataErasureOperations } from "./personalDataErasure.ts";
import { personalDataExportOperations } from "./personalDataExport.ts";
import { phdPositionOperations } from "./phdPositions.ts";
import { researchCentreOperations } from "./researchCentres.ts";

/**
 * The application operations of the research service: what resolvers, the seed and
 * tests call. Commands take the viewer first and check roles and rules; nothing else
 * writes to the store.
 */
export function createResearchApp(deps: ApplicationDeps) {
  const references = knownReferenceOperations(deps);
  return {
    ...researchCentreOperations(deps),
    ...facultyOperations(deps),
    ...collaborationOperations(deps, references),
    ...facultyMobilityOperations(deps, references),
    ...phdPositionOperations(deps, references),
    ...references,
    ...personalDataErasureOperations(deps),
    ...personalDataExportOperations(deps),
  };
}

export type ResearchApp = ReturnType<typeof createResearchApp>;
