import type { AuthenticatedViewer } from "@intl/auth";
import type { PartnershipsService } from "../subgraph.ts";
import {
  demoActionPlan,
  demoInstitutionPrefix,
  type DemoAgreement,
  type DemoPartners,
} from "./demoPartners.ts";
import { loadReferenceData, referenceNetworks } from "../application/referenceData.ts";
import type { SeedClock } from "./seedClock.ts";

type App = PartnershipsService["app"];

/** The seed writes as the international office would, through the same checked operations. */
const seedOffice: AuthenticatedViewer = {
  authenticated: true,
  subject: "seed-partnerships-demo",
  role: "INTERNATIONAL_OFFICE",
  hdr: false,
  institutionId: null,
  facultyId: null,
};
type Progress = (message: string) => void;

/**
 * The demo's networks (the service loads the source's reference data itself at every start; loading
 * it again here adds nothing). Idempotent.
 */
export async function loadDemoReferenceData(app: App, progress: Progress): Promise<void> {
  const loaded = await loadReferenceData(app, referenceNetworks);
  progress(
    `${loaded.countries} country profiles, ${loaded.networks} networks, ${loaded.labels} labels and rankings`,
  );
}

/** Brings one demo agreement to its target status from wherever an earlier run left it. */
async function replayAgreement(app: App, clock: SeedClock, agreement: DemoAgreement): Promise<void> {
  let current = await app.findAgreement(agreement.id);
  if (!current) {
    clock.travelTo(agreement.activatedAt);
    current = await app.draftAgreement(
      seedOffice,
      {
        institutionId: agreement.institutionId,
        ...agreement.terms,
        signedByPartnerOn: agreement.signedByPartnerOn,
        signedBySchoolOn: agreement.target === "DRAFT" ? null : agreement.signedBySchoolOn,
      },
      { id: agreement.id, demo: true },
    );
  }
  if (agreement.target === "DRAFT") return;
  if (current.status === "DRAFT") {
    clock.travelTo(agreement.activatedAt);
    current = await app.activateAgreement(seedOffice, agreement.id);
  }
  clock.backToPresent();
  if (agreement.target === "TERMINATED" && current.status === "ACTIVE") {
    await app.terminateAgreement(seedOffice, agreement.id, {
      reason: agreement.terminationReason ?? "Ended early (demo)",
    });
  }
}

/** The demo institutions, their agreements (history replayed), network memberships and office evidence. Idempotent. */
export async function loadDemoPartners(
  app: App,
  clock: SeedClock,
  demo: DemoPartners,
  progress: Progress,
): Promise<void> {
  let created = 0;
  for (const institution of demo.institutions) {
    if (await app.findInstitution(institution.id)) continue;
    await app.registerInstitution(seedOffice, institution.input, { id: institution.id, demo: true });
    created += 1;
    if (created % 25 === 0) progress(`  ${created} institutions registered…`);
  }
  progress(`${demo.institutions.length} demo institutions (${created} new)`);

  const europeans = demo.institutions.filter((institution) =>
    ["DE", "ES", "IT", "SE"].includes(institution.input.countryCode),
  );
  for (const institution of europeans)
    await app.addNetworkMember(seedOffice, "net-demo-erasmus", institution.id);
  for (const institution of europeans.slice(0, 8))
    await app.addNetworkMember(seedOffice, "net-demo-cesaer", institution.id);
  progress(`${europeans.length} demo network memberships`);

  try {
    for (const [index, agreement] of demo.agreements.entries()) {
      await replayAgreement(app, clock, agreement);
      if ((index + 1) % 25 === 0) progress(`  ${index + 1} agreements…`);
    }
  } finally {
    clock.backToPresent();
  }
  const expired = await app.expireDueAgreements(clock.now());
  progress(`${demo.agreements.length} demo agreements (${expired.length} expired just now)`);

  let recorded = 0;
  for (const item of demo.evidence) {
    const institution = await app.findInstitution(item.institutionId);
    if (
      institution?.partnership.officeEvidence.some(
        (existing) => existing.description === item.input.description,
      )
    )
      continue;
    await app.recordPartnershipEvidence(seedOffice, item.institutionId, item.input);
    recorded += 1;
  }
  progress(`${demo.evidence.length} office-recorded evidence items (${recorded} new)`);
}

export interface StrategicOptions {
  target: number;
}

/**
 * How many strategic candidates an ongoing research collaboration carries, as this service's
 * read model knows them (the research service's events fill it): what designation needs.
 */
export async function carriedStrategicCandidates(app: App, demo: DemoPartners): Promise<number> {
  const collaborations = await app.ongoingCollaborationsWith(demo.strategicCandidates);
  const carried = new Set(collaborations.flatMap((collaboration) => collaboration.institutionIds));
  return demo.strategicCandidates.filter((id) => carried.has(id)).length;
}

/**
 * Designates about 30 strategic partnerships, each carried by the research
 * centre and led by the faculty member of an ongoing collaboration the research
 * service reported for that institution (read from this service's own read
 * model: the seed waits for it first). Idempotent. Returns how many are designated.
 */
export async function designateDemoStrategicPartners(
  app: App,
  demo: DemoPartners,
  now: Date,
  options: StrategicOptions,
  progress: Progress,
): Promise<number> {
  const isDesignated = async (id: string) => (await app.findInstitution(id))?.partnership.strategic != null;
  let designated = 0;
  for (const id of demo.strategicCandidates) if (await isDesignated(id)) designated += 1;
  if (designated >= options.target) {
    progress(`${designated} strategic partnerships already designated`);
    return designated;
  }

  const collaborations = await app.ongoingCollaborationsWith(demo.strategicCandidates);
  for (const id of demo.strategicCandidates) {
    if (designated >= options.target) break;
    if (await isDesignated(id)) continue;
    const collaboration = collaborations.find((candidate) => candidate.institutionIds.includes(id));
    if (!collaboration) continue;
    const index = Number(id.slice(demoInstitutionPrefix.length));
    await app.designateStrategicPartnership(seedOffice, id, {
      carryingCentreId: collaboration.centreId,
      leadFacultyId: collaboration.leadFacultyId,
      rationale: "Demo strategic partnership: carried by the centre of an ongoing research collaboration.",
      actionPlan: demoActionPlan(index, now),
    });
    designated += 1;
  }
  if (designated < options.target) {
    progress(
      `only ${designated} of ${options.target} strategic partnerships could be designated: each needs an ongoing research collaboration ` +
        "(its centre carries it, its lead faculty member leads it). Run the research seed, then this seed again.",
    );
  } else {
    progress(`${designated} strategic partnerships with five-year action plans`);
  }
  return designated;
}
