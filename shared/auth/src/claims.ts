import type { JWTPayload } from "jose";
import { isRole } from "./roles.ts";
import type { Role } from "./roles.ts";
import type { AuthenticatedViewer } from "./viewer.ts";

/** The private claims this project puts in its JWTs, beside sub/iss/aud/exp. */
export interface ViewerClaims {
  role: Role;
  hdr: boolean;
  institution_id: string | null;
  faculty_id: string | null;
  /** Only in IMT_SCHOOL tokens: the school the client acts for, `imt-<school>`. */
  school?: string;
}

/** How an IMT school is named in the graph: its subgraph and its clients' `school` claim. */
export const imtSchoolNamePattern = /^imt-[a-z0-9]+(-[a-z0-9]+)*$/;

/** Why a verified payload cannot become a viewer, or the viewer it describes. */
export type ClaimsReading = { ok: true; viewer: AuthenticatedViewer } | { ok: false; problem: string };

function optionalId(payload: JWTPayload, claim: string): string | null | undefined {
  const value = payload[claim];
  if (value === undefined || value === null) return null;
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** Reads the viewer out of a payload whose signature, iss, aud and exp are already checked. */
export function viewerFromClaims(payload: JWTPayload): ClaimsReading {
  if (typeof payload.sub !== "string" || payload.sub.length === 0) {
    return { ok: false, problem: "the sub claim is missing" };
  }
  if (!isRole(payload.role)) {
    return { ok: false, problem: `unknown role ${JSON.stringify(payload.role ?? null)}` };
  }
  const hdr = payload.hdr ?? false;
  if (typeof hdr !== "boolean") return { ok: false, problem: "the hdr claim must be a boolean" };
  const institutionId = optionalId(payload, "institution_id");
  if (institutionId === undefined)
    return { ok: false, problem: "the institution_id claim must be a non-empty string" };
  const facultyId = optionalId(payload, "faculty_id");
  if (facultyId === undefined)
    return { ok: false, problem: "the faculty_id claim must be a non-empty string" };
  // A partner sees only their own institution's data: without it, there is nothing they may see.
  if (payload.role === "PARTNER" && institutionId === null) {
    return { ok: false, problem: "a PARTNER token must carry institution_id" };
  }
  // An IMT school's client is bound to its school: without it, it would speak for none.
  const school = payload.school;
  if (payload.role === "IMT_SCHOOL" && (typeof school !== "string" || !imtSchoolNamePattern.test(school))) {
    return { ok: false, problem: "an IMT_SCHOOL token must carry a school claim like imt-atlantique" };
  }
  return {
    ok: true,
    viewer: {
      authenticated: true,
      subject: payload.sub,
      role: payload.role,
      hdr,
      institutionId,
      facultyId,
      ...(payload.role === "IMT_SCHOOL" ? { school: school as string } : {}),
    },
  };
}
