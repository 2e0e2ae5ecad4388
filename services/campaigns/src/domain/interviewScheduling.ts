import { DomainError, ErrorKind, InputErrors } from "@intl/errors";
import { isOnSlotGrid, MAX_SLOT_MINUTES, SLOT_GRID_MINUTES } from "./agendaBooking.ts";
import { isAwaitingDecision } from "./applicationProgress.ts";
import type { KnownApplication } from "./applicationProgress.ts";
import { CampaignStatus } from "./campaign.ts";
import type { Campaign } from "./campaign.ts";
import { endOfDay, parseInstant, startOfDay } from "./calendar.ts";
import { CampaignsReason } from "./errors.ts";
import { InterviewMode, InterviewStatus } from "./interview.ts";
import type { Interview, Slot } from "./interview.ts";

export interface ScheduleInterviewInput {
  applicationId: string;
  campaignId?: string | null;
  mode: string;
  slot: { start: string; end: string };
  panelFacultyIds: string[];
}

export interface SchedulingFacts {
  /** Null when the application is unknown to this service. */
  application: KnownApplication | null;
  /** Null when no campaign was named (or none has that id: checked before). */
  campaign: Campaign | null;
  /** Whether the application is in the named campaign's pipeline. */
  isCandidate: boolean;
}

const modes: readonly string[] = Object.values(InterviewMode);

/** Two slots overlap when each starts before the other ends (back-to-back slots do not). */
export function slotsOverlap(a: Slot, b: Slot): boolean {
  return a.start < b.end && b.start < a.end;
}

/** An on-site slot lies within the mission's days (UTC calendar days, from the first to the last). */
export function slotLiesInsideCampaign(
  slot: Slot,
  campaign: Pick<Campaign, "startDate" | "endDate">,
): boolean {
  return slot.start >= startOfDay(campaign.startDate) && slot.end <= endOfDay(campaign.endDate);
}

/**
 * The rules of a new interview, before any slot is booked:
 * a known application still awaiting its decision; a slot on the 5-minute grid that ends
 * after it starts and lasts at most 4 hours;
 * a panel of at least one faculty member, none twice; a campaign's interview is for one
 * of its candidates. ON_SITE needs a campaign that is not closed, a slot inside its
 * dates and a panel taking part in the mission; VIDEO may happen any time, closed
 * campaign or none. Double booking is checked against the agendas afterwards.
 */
export function planInterview(
  input: ScheduleInterviewInput,
  facts: SchedulingFacts,
  identity: { id: string; now: Date; demo?: boolean },
): Interview {
  const errors = new InputErrors<CampaignsReason>();
  errors.check(
    modes.includes(input.mode),
    CampaignsReason.INVALID_INPUT,
    "input.mode",
    `must be one of ${modes.join(", ")}`,
  );
  const start = parseInstant(input.slot.start);
  const end = parseInstant(input.slot.end);
  errors.check(
    start !== null,
    CampaignsReason.INVALID_DATE,
    "input.slot.start",
    "must be an ISO date-time with its offset, e.g. 2026-03-14T09:00:00Z",
  );
  errors.check(
    end !== null,
    CampaignsReason.INVALID_DATE,
    "input.slot.end",
    "must be an ISO date-time with its offset, e.g. 2026-03-14T09:45:00Z",
  );
  if (start && end) {
    errors.check(
      end > start,
      CampaignsReason.SLOT_END_NOT_AFTER_START,
      "input.slot.end",
      "must be after the slot's start",
    );
    errors.check(
      end.getTime() - start.getTime() <= MAX_SLOT_MINUTES * 60_000,
      CampaignsReason.SLOT_TOO_LONG,
      "input.slot.end",
      `an interview slot lasts at most ${MAX_SLOT_MINUTES} minutes`,
    );
  }
  const offGrid = `must fall on the ${SLOT_GRID_MINUTES}-minute grid (e.g. 09:00, 09:05, 09:10), without seconds`;
  if (start) errors.check(isOnSlotGrid(start), CampaignsReason.SLOT_OFF_GRID, "input.slot.start", offGrid);
  if (end) errors.check(isOnSlotGrid(end), CampaignsReason.SLOT_OFF_GRID, "input.slot.end", offGrid);
  const panel = input.panelFacultyIds.map((id) => id.trim());
  errors.check(
    panel.length > 0,
    CampaignsReason.PANEL_EMPTY,
    "input.panelFacultyIds",
    "an interview needs at least one faculty member on its panel",
  );
  panel.forEach((id, index) => {
    const field = `input.panelFacultyIds[${index}]`;
    errors.check(id.length > 0, CampaignsReason.INVALID_INPUT, field, "must not be blank");
    errors.check(
      panel.indexOf(id) === index,
      CampaignsReason.DUPLICATE_VALUE,
      field,
      `${id} is on the panel twice`,
    );
  });
  const mode = input.mode as InterviewMode;
  const { campaign, application } = facts;

  if (mode === InterviewMode.ON_SITE) {
    if (!campaign) {
      errors.add(
        CampaignsReason.ON_SITE_NEEDS_CAMPAIGN,
        "input.campaignId",
        "an on-site interview takes place during a campaign: name it",
      );
    } else {
      if (start && end && end > start) {
        errors.check(
          slotLiesInsideCampaign({ start, end }, campaign),
          CampaignsReason.SLOT_OUTSIDE_CAMPAIGN,
          "input.slot",
          `an on-site slot must lie within the mission, ${campaign.startDate} to ${campaign.endDate} (UTC days)`,
        );
      }
      panel.forEach((id, index) => {
        errors.check(
          campaign.facultyIds.includes(id),
          CampaignsReason.PANEL_MEMBER_NOT_ON_MISSION,
          `input.panelFacultyIds[${index}]`,
          `faculty member ${id} does not take part in the mission; interview by video instead`,
        );
      });
    }
  }
  if (campaign && application) {
    errors.check(
      facts.isCandidate,
      CampaignsReason.NOT_A_CANDIDATE,
      "input.applicationId",
      "the application is not in this campaign's pipeline; assign it first",
    );
  }
  errors.throwIfAny();
  if (!application) {
    throw new DomainError(
      ErrorKind.NOT_FOUND,
      CampaignsReason.APPLICATION_NOT_FOUND,
      "No application with this id is known to the campaigns service.",
      {
        field: "input.applicationId",
      },
    );
  }

  if (mode === InterviewMode.ON_SITE && campaign?.status === CampaignStatus.CLOSED) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      CampaignsReason.CAMPAIGN_CLOSED,
      "The campaign is closed: interview by video instead.",
      {
        field: "input.campaignId",
      },
    );
  }
  if (!isAwaitingDecision(application.status)) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      CampaignsReason.APPLICATION_NOT_PENDING,
      `The application is ${application.status}: only an application awaiting its decision is interviewed.`,
      { field: "input.applicationId", details: { status: application.status } },
    );
  }
  return {
    id: identity.id,
    applicationId: application.id,
    campaignId: campaign?.id ?? null,
    institutionId: application.institutionId,
    mode,
    slot: { start: start as Date, end: end as Date },
    panelFacultyIds: panel,
    status: InterviewStatus.SCHEDULED,
    scoreSheets: [],
    score: null,
    recommendation: null,
    completedAt: null,
    cancelledAt: null,
    demo: identity.demo ?? false,
    version: 1,
    createdAt: identity.now,
    updatedAt: identity.now,
  };
}

/** SCHEDULED → CANCELLED; a held or cancelled interview stays as it is. */
export function cancelledInterview(interview: Interview, now: Date): Interview {
  if (interview.status !== InterviewStatus.SCHEDULED) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      CampaignsReason.INTERVIEW_NOT_SCHEDULED,
      `The interview is ${interview.status}: only a scheduled interview can be cancelled.`,
      {
        details: { status: interview.status },
      },
    );
  }
  return {
    ...interview,
    status: InterviewStatus.CANCELLED,
    cancelledAt: now,
    updatedAt: now,
    version: interview.version + 1,
  };
}
