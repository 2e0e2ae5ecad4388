import { requireRole } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { DomainError, ErrorKind, badInput } from "@intl/errors";
import { sortDirection } from "@intl/mongo";
import type { OutboxEvent } from "@intl/kafka";
import type { PageConnection } from "@intl/mongo";
import {
  assertMayConductInterview,
  assertMaySeeInterview,
  interviewScopeOf,
  INTERVIEWERS,
  MANAGERS,
  scoringPanelMember,
} from "../domain/access.ts";
import { agendaIdOf } from "../domain/agendaBooking.ts";
import type { AgendaOwner } from "../domain/agendaBooking.ts";
import { parseInstant } from "../domain/calendar.ts";
import { CampaignsReason } from "../domain/errors.ts";
import type { Interview, InterviewMode, InterviewStatus } from "../domain/interview.ts";
import { cancelledInterview, planInterview } from "../domain/interviewScheduling.ts";
import type { ScheduleInterviewInput } from "../domain/interviewScheduling.ts";
import { completedInterview, scoredInterview, validateScores } from "../domain/interviewScoring.ts";
import { interviewCompletedEvent } from "../events/publishedEvents.ts";
import { campaignNotFound, interviewNotFound } from "./notFound.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";
import { aggregateWriter } from "./applicationDeps.ts";

export interface ScoreInput {
  criterion: string;
  value: number;
}

export interface InterviewListRequest {
  filter?: {
    campaignId?: string | null;
    applicationId?: string | null;
    status?: InterviewStatus | null;
    mode?: InterviewMode | null;
    panelMemberId?: string | null;
    from?: string | null;
    to?: string | null;
  } | null;
  sort?: { field: "SLOT_START"; direction?: "ASC" | "DESC" | null } | null;
  first?: number | null;
  after?: string | null;
}

function agendaOwners(interview: Pick<Interview, "applicationId" | "panelFacultyIds">): AgendaOwner[] {
  return [
    { kind: "candidate", applicationId: interview.applicationId },
    ...interview.panelFacultyIds.map((facultyId): AgendaOwner => ({ kind: "panel-member", facultyId })),
  ];
}

function instantFilter(value: string | null | undefined, field: string): Date | null {
  if (!value) return null;
  const instant = parseInstant(value);
  if (!instant)
    throw badInput(CampaignsReason.INVALID_DATE, field, "must be an ISO date-time with its offset");
  return instant;
}

/** Interviews: scheduling without double booking, cancelling, scoring, completing, reading. */
export function interviewOperations(deps: ApplicationDeps) {
  const { campaigns, candidates, interviews, agendas, readModels, clock, newId } = deps;
  const writer = aggregateWriter(deps);

  async function load(id: string, field: string): Promise<Interview> {
    const interview = await interviews.findById(id);
    if (!interview) throw interviewNotFound(field);
    return interview;
  }

  async function releaseSlots(interview: Interview): Promise<void> {
    // A release that fails leaves a hold whose interview is cancelled: the next booking sweeps it.
    const results = await Promise.allSettled(
      agendaOwners(interview).map((owner) => agendas.release(agendaIdOf(owner), interview.id)),
    );
    for (const result of results) {
      if (result.status === "rejected")
        deps.logger.warn(
          { err: result.reason, interviewId: interview.id },
          "could not free a slot; it will be swept",
        );
    }
  }

  /** Reads the interview, decides its next state and events, writes them with its seats (see `aggregateWriter`). */
  function changeInterview(
    id: string,
    field: string,
    decide: (interview: Interview, now: Date) => { next: Interview; events?: OutboxEvent[] },
  ): Promise<Interview> {
    return writer.update(interviews.model, id, {
      load: () => load(id, field),
      decide: (interview, now) => {
        const { next, events } = decide(interview, now);
        return { next, set: interviews.stored(next), ...(events ? { events } : {}) };
      },
      links: interviews.linksOfState,
    });
  }

  async function cancel(id: string, field: string): Promise<Interview> {
    const cancelled = await changeInterview(id, field, (interview, now) => ({
      next: cancelledInterview(interview, now),
    }));
    await releaseSlots(cancelled);
    return cancelled;
  }

  return {
    /**
     * Books the candidate's slot, then each panel member's, each in its own
     * agenda with a compare-and-set; the first overlap stops the booking, frees
     * what was held and answers CONFLICT naming the person. Only then is the
     * interview written: nothing is left of a refused booking.
     */
    async scheduleInterview(
      viewer: Viewer,
      input: ScheduleInterviewInput,
      options: { demo?: boolean } = {},
    ): Promise<Interview> {
      requireRole(viewer, ...MANAGERS);
      const campaign = input.campaignId ? await campaigns.findById(input.campaignId) : null;
      if (input.campaignId && !campaign) throw campaignNotFound("input.campaignId");
      const application = await readModels.findApplication(input.applicationId);
      const isCandidate =
        campaign && application ? (await candidates.find(campaign.id, application.id)) !== null : false;
      const now = clock();
      const interview = planInterview(
        input,
        { application, campaign, isCandidate },
        { id: newId(), now, demo: options.demo ?? false },
      );

      const held: string[] = [];
      try {
        for (const owner of agendaOwners(interview)) {
          const agendaId = agendaIdOf(owner);
          const outcome = await agendas.book(agendaId, interview.id, interview.slot, now);
          if (!outcome.booked) {
            const details = { conflictingInterviewId: outcome.conflictingInterviewId };
            if (owner.kind === "candidate") {
              throw new DomainError(
                ErrorKind.CONFLICT,
                CampaignsReason.CANDIDATE_DOUBLE_BOOKED,
                "The candidate already has an interview at that time.",
                {
                  field: "input.applicationId",
                  details,
                },
              );
            }
            throw new DomainError(
              ErrorKind.CONFLICT,
              CampaignsReason.PANEL_MEMBER_DOUBLE_BOOKED,
              `Faculty member ${owner.facultyId} already sits on a panel at that time.`,
              {
                field: `input.panelFacultyIds[${interview.panelFacultyIds.indexOf(owner.facultyId)}]`,
                details,
              },
            );
          }
          held.push(agendaId);
        }
        await writer.insert(interviews.model, interviews.document(interview), { links: interviews.links });
      } catch (error) {
        await Promise.allSettled(held.map((agendaId) => agendas.release(agendaId, interview.id)));
        throw error;
      }
      return interview;
    },

    async cancelInterview(viewer: Viewer, id: string): Promise<Interview> {
      requireRole(viewer, ...MANAGERS);
      return cancel(id, "id");
    },

    /** A withdrawn application's scheduled interviews are cancelled and their slots freed (no viewer: from its event). */
    async cancelScheduledInterviews(applicationId: string): Promise<void> {
      for (const interview of await interviews.scheduledOfApplication(applicationId)) {
        try {
          await cancel(interview.id, "id");
        } catch (error) {
          // Completed or cancelled by someone meanwhile: nothing left to free.
          if (!(error instanceof DomainError && error.kind === ErrorKind.CONFLICT)) throw error;
        }
      }
    },

    async scoreInterview(
      viewer: Viewer,
      input: { interviewId: string; panelMemberId?: string | null; scores: ScoreInput[] },
    ): Promise<Interview> {
      requireRole(viewer, ...INTERVIEWERS);
      return changeInterview(input.interviewId, "input.interviewId", (interview, now) => {
        const panelMemberId = scoringPanelMember(viewer, interview, input.panelMemberId);
        return { next: scoredInterview(interview, panelMemberId, validateScores(input.scores), now) };
      });
    },

    /**
     * Completes the interview (recording the caller's scores first when given)
     * and, in the same single-document write, queues campaigns.interview.completed.v1.
     */
    async completeInterview(
      viewer: Viewer,
      input: {
        interviewId: string;
        recommendation: string;
        panelMemberId?: string | null;
        scores?: ScoreInput[] | null;
      },
    ): Promise<Interview> {
      requireRole(viewer, ...INTERVIEWERS);
      return changeInterview(input.interviewId, "input.interviewId", (interview, now) => {
        assertMayConductInterview(viewer, interview);
        let current = interview;
        if (input.scores) {
          const panelMemberId = scoringPanelMember(viewer, interview, input.panelMemberId);
          current = scoredInterview(current, panelMemberId, validateScores(input.scores), now);
        }
        const next = completedInterview(current, input.recommendation, now);
        return { next, events: [interviewCompletedEvent(next, newId())] };
      });
    },

    async getInterview(viewer: Viewer, id: string): Promise<Interview | null> {
      interviewScopeOf(viewer);
      const interview = await interviews.findById(id);
      if (!interview) return null;
      assertMaySeeInterview(viewer, interview);
      return interview;
    },

    /** The interviews the viewer may see (every one, their panel's, their nominees'), filtered. */
    async listInterviews(viewer: Viewer, request: InterviewListRequest): Promise<PageConnection<Interview>> {
      const scope = interviewScopeOf(viewer);
      const filter = request.filter ?? {};
      return interviews.page({
        scope,
        filter: {
          ...filter,
          from: instantFilter(filter.from, "filter.from"),
          to: instantFilter(filter.to, "filter.to"),
        },
        direction: sortDirection(request.sort?.direction),
        first: request.first ?? null,
        after: request.after ?? null,
      });
    },

    /** A campaign's interviews: the office's view of a mission. */
    async listCampaignInterviews(
      viewer: Viewer,
      campaignId: string,
      request: {
        filter?: { status?: InterviewStatus | null; mode?: InterviewMode | null } | null;
        first?: number | null;
        after?: string | null;
      },
    ): Promise<PageConnection<Interview>> {
      requireRole(viewer, ...MANAGERS);
      return interviews.page({
        scope: { kind: "every" },
        filter: { ...request.filter, campaignId },
        direction: 1,
        first: request.first ?? null,
        after: request.after ?? null,
      });
    },

    /** Each application's interviews the viewer may see, earliest first. */
    async interviewsOfApplications(
      viewer: Viewer,
      applicationIds: readonly string[],
    ): Promise<Map<string, Interview[]>> {
      const scope = interviewScopeOf(viewer);
      const found = await interviews.ofApplications(applicationIds, scope);
      return new Map(
        applicationIds.map((id) => [id, found.filter((interview) => interview.applicationId === id)]),
      );
    },
  };
}

export type InterviewOperations = ReturnType<typeof interviewOperations>;
