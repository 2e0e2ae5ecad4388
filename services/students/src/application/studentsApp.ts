import { dossierRetentionOperations } from "./dossierRetention.ts";
import { applicationReviewOperations } from "./applicationReview.ts";
import { creditRecognitionOperations } from "./creditRecognition.ts";
import { indicatorOperations } from "./indicators.ts";
import { mobilityOperations } from "./mobilities.ts";
import { nominationOperations } from "./nominations.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";
import { partnerReadModelOperations } from "./partnerReadModels.ts";
import { programmeOperations } from "./programmes.ts";
import { erasureOperations } from "./personalDataErasure.ts";
import { personalDataExportOperations } from "./personalDataExport.ts";
import { studentOperations } from "./students.ts";

/**
 * The service's application operations, each taking the acting viewer first:
 * what the resolvers call, and what the seed and tests call directly.
 */
export function createStudentsApp(deps: ApplicationDeps) {
  const mobilities = mobilityOperations(deps);
  const { change: _mobilityChange, ...mobilityCommands } = mobilities;
  const students = studentOperations(deps);
  return {
    ...programmeOperations(),
    ...students,
    ...nominationOperations(deps),
    ...applicationReviewOperations(deps),
    ...mobilityCommands,
    ...creditRecognitionOperations(deps, mobilities),
    ...indicatorOperations(deps),
    ...partnerReadModelOperations(deps),
    ...erasureOperations(deps, students),
    ...personalDataExportOperations(deps),
    ...dossierRetentionOperations(deps),
  };
}

export type StudentsApp = ReturnType<typeof createStudentsApp>;
