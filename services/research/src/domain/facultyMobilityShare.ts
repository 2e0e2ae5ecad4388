import { badInput } from "@intl/errors";
import { ResearchReason } from "./errors.ts";
import { isAcademicYear } from "./inputChecks.ts";

/** An academic year runs from 1 September to 31 August. */
export function academicYearWindow(academicYear: string): { from: string; to: string } {
  if (!isAcademicYear(academicYear)) {
    throw badInput(
      ResearchReason.INVALID_ACADEMIC_YEAR,
      "academicYear",
      "the academic year must look like 2025-2026",
    );
  }
  const first = Number(academicYear.slice(0, 4));
  return { from: `${first}-09-01`, to: `${first + 1}-08-31` };
}

export interface FacultyMobilityShare {
  academicYear: string;
  facultyCount: number;
  wentAbroad: number;
  share: number;
  hostedPeers: number;
}

/**
 * The share of the faculty who went abroad in a year: distinct members with a
 * completed outgoing stay starting in it, over the faculty; 0 without faculty.
 */
export function facultyMobilityShare(counts: Omit<FacultyMobilityShare, "share">): FacultyMobilityShare {
  const share = counts.facultyCount === 0 ? 0 : Math.min(1, counts.wentAbroad / counts.facultyCount);
  return { ...counts, share };
}
