import { documentKey } from "@intl/mongo";
import { ApplicationStatus } from "../domain/applicationWorkflow.ts";
import { dossierDocumentsExpired, retentionCutoff } from "../domain/dossierRetention.ts";
import type { ApplicationRecord } from "../models/application.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";

type RetentionCandidate = Pick<ApplicationRecord, "_id">;

/** Retention (docs/data-protection.md): the documents of non-admitted applicants' dossiers, removed in time. */
export function dossierRetentionOperations(deps: ApplicationDeps) {
  const { store, clock, writeQueue } = deps;
  const collection = store.applications.collection.collectionName;

  /** Non-admitted applications whose documents are not removed yet, decided (or withdrawn) by `cutoff`. */
  async function candidates(cutoff: Date): Promise<RetentionCandidate[]> {
    const notRemoved = { dossierDocumentsRemovedAt: null };
    const [rejected, withdrawn] = await Promise.all([
      store.applications
        .find(
          { status: ApplicationStatus.REJECTED, "decision.decidedAt": { $lte: cutoff }, ...notRemoved },
          { _id: 1 },
        )
        .lean<RetentionCandidate[]>()
        .exec(),
      store.applications
        .find(
          { status: ApplicationStatus.WITHDRAWN, withdrawnAt: { $lte: cutoff }, ...notRemoved },
          { _id: 1 },
        )
        .lean<RetentionCandidate[]>()
        .exec(),
    ]);
    return [...rejected, ...withdrawn];
  }

  /**
   * Removes the dossier documents of applicants not admitted (rejected, or withdrawn) more than
   * `retentionMonths` ago, and marks each dossier so that it is not looked at again (grades and the
   * language certificate stay: they are the anonymous facts of the application). Each application is
   * re-read and decided inside the write queue, so a decision or an erasure running at the same time
   * is not lost, and running it again changes nothing. Returns how many dossiers lost documents.
   */
  async function removeExpiredDossierDocuments(retentionMonths: number): Promise<number> {
    const now = clock();
    const cutoff = retentionCutoff(now, retentionMonths);
    let removed = 0;
    for (const { _id } of await candidates(cutoff)) {
      await writeQueue.run(documentKey(collection, _id), async () => {
        const application = await store.applications.findById(_id).lean<ApplicationRecord>().exec();
        if (!application || application.dossierDocumentsRemovedAt) return;
        if (!dossierDocumentsExpired(application, cutoff)) return;
        const { modifiedCount } = await store.applications
          .updateOne(
            { _id, version: application.version },
            { $set: { "dossier.documents": [], dossierDocumentsRemovedAt: now }, $inc: { version: 1 } },
          )
          .exec();
        // An erased applicant's dossier was already emptied: marked, not counted.
        if (modifiedCount === 1 && application.dossier.documents.length > 0) removed += 1;
      });
    }
    return removed;
  }

  return { removeExpiredDossierDocuments };
}
