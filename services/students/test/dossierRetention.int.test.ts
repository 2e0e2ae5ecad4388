import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEventually } from "@intl/testing";
import type { ApplicationRecord } from "../src/models/application.ts";
import {
  StudentsTestService,
  agreementFacts,
  candidate,
  completeDossier,
  office,
  viewer,
} from "./studentsTestService.ts";

// The clock the service reads; each test moves it. Decisions are taken on 10 January 2026.
let now = new Date("2026-01-10T09:00:00.000Z");
// The job runs every 100 ms here (hourly by default), keeping dossiers 12 months after the decision.
const service = new StudentsTestService({
  clock: () => now,
  dossierRetentionMonths: 12,
  retentionIntervalMs: 100,
});
const partner = `inst-ret-${randomUUID().slice(0, 6)}`;
const ids: Record<string, string> = {};

async function nominate(key: string, programmeCode = "EXCHANGE-1S") {
  const application = await service.app.submitNomination(
    viewer({ role: "PARTNER", institutionId: partner }),
    {
      programmeCode,
      academicYear: "2026-2027",
      candidate: candidate(`${key}-${randomUUID().slice(0, 6)}`),
      dossier: completeDossier(programmeCode) as never,
    },
  );
  ids[key] = application._id;
  return application._id;
}

async function decided(key: string, decision: "ADMITTED" | "REJECTED" | "WAITLISTED") {
  const id = await nominate(key);
  await service.app.startApplicationReview(office, id);
  await service.app.decideApplication(office, id, decision);
}

async function stored(key: string): Promise<ApplicationRecord> {
  const found = await service.connection
    .collection<ApplicationRecord>("applications")
    .findOne({ _id: ids[key]! });
  if (!found) throw new Error(`application ${key} not stored`);
  return found;
}

const documentCount = async (key: string) => (await stored(key)).dossier.documents.length;

beforeAll(async () => {
  await service.start();
  await service.knownAgreement(agreementFacts({ institutionId: partner, programmeCodes: ["EXCHANGE"] }));
  await decided("rejected", "REJECTED");
  await decided("admitted", "ADMITTED");
  await decided("waitlisted", "WAITLISTED");
  const withdrawn = await nominate("withdrawn");
  await service.app.withdrawApplication(office, withdrawn, "Chose another school");
  await nominate("pending");
  now = new Date("2026-12-01T09:00:00.000Z");
  await decided("recentlyRejected", "REJECTED");
});
afterAll(() => service.stop());

describe("retention of non-admitted applicants' dossier documents (DOSSIER_RETENTION_MONTHS)", () => {
  it("keeps every dossier before the retention time is over", async () => {
    now = new Date("2027-01-09T09:00:00.000Z");
    expect(await service.app.removeExpiredDossierDocuments(12)).toBe(0);
    for (const key of Object.keys(ids)) expect(await documentCount(key), key).toBe(5);
  });

  it("removes, by the scheduled job, exactly the documents of the dossiers rejected or withdrawn 12 months ago", async () => {
    now = new Date("2027-02-10T09:00:00.000Z");

    await expectEventually(async () => {
      expect(await documentCount("rejected")).toBe(0);
      expect(await documentCount("withdrawn")).toBe(0);
    });
    for (const key of ["rejected", "withdrawn"]) {
      const application = await stored(key);
      expect(application.dossierDocumentsRemovedAt, key).toEqual(now);
      // The anonymous facts of the application stay.
      expect(application.dossier.grades, key).toHaveLength(1);
      expect(application.status, key).toMatch(/REJECTED|WITHDRAWN/);
    }
    for (const key of ["admitted", "waitlisted", "pending", "recentlyRejected"]) {
      expect(await documentCount(key), key).toBe(5);
      expect((await stored(key)).dossierDocumentsRemovedAt ?? null, key).toBeNull();
    }
  });

  it("changes nothing when run again", async () => {
    const versions = await Promise.all(Object.keys(ids).map(async (key) => (await stored(key)).version));

    expect(await service.app.removeExpiredDossierDocuments(12)).toBe(0);
    expect(await Promise.all(Object.keys(ids).map(async (key) => (await stored(key)).version))).toEqual(
      versions,
    );
  });

  it("removes a recent rejection's documents once its own retention time is over, and counts it once", async () => {
    now = new Date("2027-12-01T09:00:00.000Z");

    // The job may have got there first: together, the two runs removed it once.
    const byThisRun = await service.app.removeExpiredDossierDocuments(12);
    expect(await documentCount("recentlyRejected")).toBe(0);
    expect(byThisRun).toBeLessThanOrEqual(1);
    expect(await documentCount("admitted")).toBe(5);
    expect(await documentCount("waitlisted")).toBe(5);
  });
});
