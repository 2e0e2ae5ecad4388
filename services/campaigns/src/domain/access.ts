import { DomainError, ErrorKind } from "@intl/errors";
import { Role, requireRole } from "@intl/auth";
import type { AuthenticatedViewer, Viewer } from "@intl/auth";
import { CampaignsReason } from "./errors.ts";
import type { Interview } from "./interview.ts";

/** Who manages campaigns, pipelines and interviews. */
export const MANAGERS: Role[] = [Role.ADMIN, Role.INTERNATIONAL_OFFICE];
/** Who reads campaigns (without personal data). Partners see their nominees' slots only. */
export const CAMPAIGN_READERS: Role[] = [Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY, Role.ANALYST];
/** Who reads outcomes: figures without identities. */
export const OUTCOME_READERS: Role[] = [Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.ANALYST];
/** Who reads an interview beyond its slot (panel, scores, recommendation). */
export const INTERVIEW_DETAIL_READERS: Role[] = [Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY];
/** Who scores and completes interviews, checked before one is read (a faculty member: only on its panel). */
export const INTERVIEWERS: Role[] = [Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY];

/** The interviews a viewer may see at all. */
export type InterviewScope =
  | { kind: "every" }
  /** A faculty member: the interviews whose panel they sit on (none without a faculty id). */
  | { kind: "panel"; facultyId: string | null }
  /** A partner: the interviews of the candidates their institution nominated. */
  | { kind: "nominees"; institutionId: string };

/**
 * The office sees every interview; a faculty member those on their panel; a
 * partner those of its own nominees; an analyst none (identities).
 */
export function interviewScopeOf(viewer: Viewer): InterviewScope {
  requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY, Role.PARTNER);
  if (viewer.role === Role.FACULTY) return { kind: "panel", facultyId: viewer.facultyId };
  // The auth kit refuses a PARTNER token without institution_id.
  if (viewer.role === Role.PARTNER) return { kind: "nominees", institutionId: viewer.institutionId ?? "" };
  return { kind: "every" };
}

export function isInScope(
  scope: InterviewScope,
  interview: Pick<Interview, "panelFacultyIds" | "institutionId">,
): boolean {
  switch (scope.kind) {
    case "every":
      return true;
    case "panel":
      return scope.facultyId !== null && interview.panelFacultyIds.includes(scope.facultyId);
    case "nominees":
      return interview.institutionId === scope.institutionId;
  }
}

/** Throws FORBIDDEN when the viewer may not see this interview. */
export function assertMaySeeInterview(
  viewer: Viewer,
  interview: Pick<Interview, "panelFacultyIds" | "institutionId">,
): void {
  const scope = interviewScopeOf(viewer);
  if (isInScope(scope, interview)) return;
  if (scope.kind === "panel") {
    throw new DomainError(
      ErrorKind.FORBIDDEN,
      CampaignsReason.NOT_ON_PANEL,
      "You are not on this interview's panel.",
    );
  }
  throw new DomainError(
    ErrorKind.FORBIDDEN,
    CampaignsReason.NOT_YOUR_NOMINEE,
    "This interview is not one of your institution's nominees'.",
  );
}

/**
 * Who gives a score sheet: a faculty member on the panel scores as themself
 * (never for a colleague); the office names the panel member it records for.
 */
export function scoringPanelMember(
  viewer: Viewer,
  interview: Pick<Interview, "panelFacultyIds" | "institutionId">,
  requestedPanelMemberId: string | null | undefined,
): string {
  requireRole(viewer, ...INTERVIEWERS);
  if (viewer.role === Role.FACULTY) {
    assertMaySeeInterview(viewer, interview);
    const own = viewer.facultyId as string;
    if (requestedPanelMemberId && requestedPanelMemberId !== own) {
      throw new DomainError(
        ErrorKind.FORBIDDEN,
        CampaignsReason.NOT_ON_PANEL,
        "A panel member scores only for themself.",
        {
          field: "input.panelMemberId",
        },
      );
    }
    return own;
  }
  if (!requestedPanelMemberId) {
    throw new DomainError(
      ErrorKind.BAD_USER_INPUT,
      CampaignsReason.PANEL_MEMBER_REQUIRED,
      "Name the panel member whose scores these are.",
      {
        field: "input.panelMemberId",
      },
    );
  }
  return requestedPanelMemberId;
}

/** A panel member (FACULTY on the panel) or the office may complete an interview. */
export function assertMayConductInterview(
  viewer: Viewer,
  interview: Pick<Interview, "panelFacultyIds" | "institutionId">,
): AuthenticatedViewer {
  requireRole(viewer, ...INTERVIEWERS);
  if (viewer.role === Role.FACULTY) assertMaySeeInterview(viewer, interview);
  return viewer;
}
