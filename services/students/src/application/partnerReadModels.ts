import type { AgreementViewRecord, InstitutionViewRecord } from "../models/partnerViews.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";

/**
 * What this service knows of partnerships' institutions and agreements (its
 * read models): for the seed, which waits until they are filled, and for tests.
 * Not exposed in the graph — partnerships owns these facts there.
 */
export function partnerReadModelOperations(deps: ApplicationDeps) {
  const { store } = deps;
  return {
    async getAgreementView(agreementId: string): Promise<AgreementViewRecord | null> {
      return store.agreementViews.findById(agreementId).lean<AgreementViewRecord>().exec();
    },
    async listActiveAgreements(): Promise<AgreementViewRecord[]> {
      return store.agreementViews
        .find({ status: "ACTIVE" })
        .sort({ _id: 1 })
        .lean<AgreementViewRecord[]>()
        .exec();
    },
    async getInstitutionView(institutionId: string): Promise<InstitutionViewRecord | null> {
      return store.institutionViews.findById(institutionId).lean<InstitutionViewRecord>().exec();
    },
    async listInstitutionViews(): Promise<InstitutionViewRecord[]> {
      return store.institutionViews.find({}).sort({ _id: 1 }).lean<InstitutionViewRecord[]>().exec();
    },
  };
}
