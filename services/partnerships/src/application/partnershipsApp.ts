import type { ApplicationDeps } from "./applicationDeps.ts";
import { agreementBook } from "./agreementBook.ts";
import { agreementQueries } from "./agreementQueries.ts";
import { countryProfiles } from "./countryProfiles.ts";
import { institutionQueries } from "./institutionQueries.ts";
import { institutionRegistry } from "./institutionRegistry.ts";
import { networksAndLabels } from "./networksAndLabels.ts";
import { partnershipAnalytics } from "./partnershipAnalytics.ts";
import { partnershipStanding } from "./partnershipStanding.ts";

/**
 * The service's application operations, used by the resolvers, the seed, the
 * consumers and the tests alike. Each validates with the domain rules and
 * writes one document at a time; events go through the documents' outboxes.
 */
export function createPartnershipsApp(deps: ApplicationDeps) {
  const standing = partnershipStanding(deps);
  const countries = countryProfiles(deps);
  const registry = institutionRegistry(deps, standing);
  const book = agreementBook(deps, standing);
  const institutions = institutionQueries(deps, countries);
  const agreements = agreementQueries(deps, countries);
  const networks = networksAndLabels(deps);
  const analytics = partnershipAnalytics(deps, agreements);

  return {
    // countries
    setCountryProfile: countries.setCountryProfile,
    ensureCountryProfile: countries.ensureCountryProfile,
    getCountry: countries.getCountry,
    getCountries: countries.getCountries,
    listCountries: countries.listCountries,
    // institutions
    registerInstitution: registry.registerInstitution,
    updateInstitution: registry.updateInstitution,
    findInstitution: registry.findInstitution,
    findInstitutionByIdentifier: registry.findInstitutionByIdentifier,
    listInstitutions: institutions.listInstitutions,
    getInstitutions: institutions.getInstitutions,
    networksOf: institutions.networksOf,
    ongoingCollaborationsWith: institutions.ongoingCollaborationsWith,
    // agreements
    draftAgreement: book.draftAgreement,
    amendDraftAgreement: book.amendDraftAgreement,
    activateAgreement: book.activateAgreement,
    renewAgreement: book.renewAgreement,
    terminateAgreement: book.terminateAgreement,
    expireDueAgreements: book.expireDueAgreements,
    findAgreement: book.findAgreement,
    listAgreements: agreements.listAgreements,
    getAgreements: agreements.getAgreements,
    agreementsOf: agreements.agreementsOf,
    // strategic and complete partnerships
    designateStrategicPartnership: standing.designateStrategicPartnership,
    withdrawStrategicDesignation: standing.withdrawStrategicDesignation,
    addPlannedAction: standing.addPlannedAction,
    setPlannedActionStatus: standing.setPlannedActionStatus,
    recordPartnershipEvidence: standing.recordPartnershipEvidence,
    withdrawPartnershipEvidence: standing.withdrawPartnershipEvidence,
    refreshStanding: standing.refreshStanding,
    refreshAllStandings: standing.refreshAllStandings,
    // networks, labels
    createNetwork: networks.createNetwork,
    addNetworkMember: networks.addNetworkMember,
    removeNetworkMember: networks.removeNetworkMember,
    findNetwork: networks.findNetwork,
    findNetworkByName: networks.findNetworkByName,
    listNetworks: networks.listNetworks,
    recordSchoolLabel: networks.recordSchoolLabel,
    findSchoolLabel: networks.findSchoolLabel,
    listSchoolLabels: networks.listSchoolLabels,
    // analysts
    agreementStats: analytics.agreementStats,
    partnershipTargets: analytics.partnershipTargets,
  };
}

export type PartnershipsApp = ReturnType<typeof createPartnershipsApp>;
