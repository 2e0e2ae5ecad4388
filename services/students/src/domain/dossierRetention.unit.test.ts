import { describe, expect, it } from "vitest";
import { dossierDocumentsExpired, retentionCutoff } from "./dossierRetention.ts";

const at = (iso: string) => new Date(iso);
const decided = (status: string, decidedAt: string) => ({
  status,
  decision: { decidedAt: at(decidedAt) },
  withdrawnAt: null,
});

describe("retention of non-admitted applicants' dossier documents", () => {
  const cutoff = retentionCutoff(at("2027-03-15T10:00:00Z"), 12);

  it("counts the retention time in calendar months before now", () => {
    expect(cutoff.toISOString()).toBe("2026-03-15T10:00:00.000Z");
    expect(retentionCutoff(at("2027-03-31T00:00:00Z"), 1).toISOString()).toBe("2027-02-28T00:00:00.000Z");
    expect(retentionCutoff(at("2027-01-10T00:00:00Z"), 14).toISOString()).toBe("2025-11-10T00:00:00.000Z");
  });

  it("expires a rejection decided at or before the cutoff, not after", () => {
    expect(dossierDocumentsExpired(decided("REJECTED", "2026-03-15T10:00:00Z"), cutoff)).toBe(true);
    expect(dossierDocumentsExpired(decided("REJECTED", "2025-12-01T00:00:00Z"), cutoff)).toBe(true);
    expect(dossierDocumentsExpired(decided("REJECTED", "2026-03-15T10:00:01Z"), cutoff)).toBe(false);
  });

  it("expires a withdrawal from the day it was withdrawn", () => {
    const withdrawn = (when: string) => ({ status: "WITHDRAWN", decision: null, withdrawnAt: at(when) });
    expect(dossierDocumentsExpired(withdrawn("2026-01-01T00:00:00Z"), cutoff)).toBe(true);
    expect(dossierDocumentsExpired(withdrawn("2026-06-01T00:00:00Z"), cutoff)).toBe(false);
  });

  it("keeps the dossiers of admitted applicants, waitlisted ones and those still under way, however old", () => {
    for (const status of ["ADMITTED", "WAITLISTED", "SUBMITTED", "UNDER_REVIEW", "INTERVIEW"]) {
      expect(dossierDocumentsExpired(decided(status, "2020-01-01T00:00:00Z"), cutoff), status).toBe(false);
    }
  });
});
