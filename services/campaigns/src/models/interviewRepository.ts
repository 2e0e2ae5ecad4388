import { allOf, findWhereIn, mapPage, oneOf, paginate, paginateLean } from "@intl/mongo";
import type { LinksOf, PageConnection, SortDirection } from "@intl/mongo";
import type { Model, QueryFilter } from "mongoose";
import type { InterviewScope } from "../domain/access.ts";
import { InterviewStatus } from "../domain/interview.ts";
import type { Interview, InterviewMode } from "../domain/interview.ts";
import { interviewFromDocument, interviewState } from "./interviewModel.ts";
import type { InterviewDocument } from "./interviewModel.ts";
import { interviewSeatModel, interviewSeats } from "./interviewSeatModel.ts";

export interface InterviewListFilter {
  campaignId?: string | null;
  applicationId?: string | null;
  status?: InterviewStatus | null;
  mode?: InterviewMode | null;
  panelMemberId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** What a viewer's scope adds to any interview query. */
function scopeFilter(scope: InterviewScope): Record<string, unknown> {
  switch (scope.kind) {
    case "every":
      return {};
    case "panel":
      // No faculty id in the token: no interview is theirs.
      return { panelFacultyIds: scope.facultyId ?? { $in: [] } };
    case "nominees":
      return { institutionId: scope.institutionId };
  }
}

/**
 * The one panel member a list is narrowed to (by its filter, or because a
 * faculty member sees only their panels): `null` when none, `false` when
 * nothing can match (no faculty id in the token, or another member asked for).
 */
function panelMemberOf(scope: InterviewScope, asked: string | null | undefined): string | null | false {
  const own = scope.kind === "panel" ? (scope.facultyId ?? false) : null;
  if (own === null) return asked ?? null;
  if (own === false || (asked && asked !== own)) return false;
  return own;
}

/** Earliest slot first, then by id: the order of every interview list. */
function earliestFirst(a: InterviewDocument, b: InterviewDocument): number {
  return a.slot.start.getTime() - b.slot.start.getTime() || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
}

const emptyPage = { nodes: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };

export function interviewRepository(Interview: Model<InterviewDocument>) {
  const InterviewSeat = interviewSeatModel(Interview.db);
  const lean = (query: QueryFilter<InterviewDocument>) =>
    Interview.find(query)
      .select("-_outbox")
      .sort({ "slot.start": 1, _id: 1 })
      .lean<InterviewDocument[]>()
      .exec();
  /** Batched by `field` as the store serves it (one equality per value on FerretDB), earliest first. */
  const leanWhereIn = async (field: string, values: readonly string[], rest: Record<string, unknown>) =>
    (await findWhereIn(Interview, field, values, (condition) => lean(allOf(condition, rest)))).sort(
      earliestFirst,
    );
  /** Each write derives the interview's panel seats in the same write-queue turn. */
  const seats = interviewSeats({ Interview, InterviewSeat });

  return {
    /** Its model, for the aggregate writer. */
    model: Interview,
    /** An interview as stored (for an insert). */
    document: (interview: Interview) => ({ _id: interview.id, ...interviewState(interview) }),
    /** Its stored fields, for the `$set` of a write that replaces its state (never its outbox). */
    stored: interviewState,
    /** Its panel seats, derived after each write (see @intl/mongo's `derivedLinks`). */
    links: seats,
    linksOfState: {
      sync: (interview) => seats.sync({ _id: interview.id, ...interviewState(interview) }),
    } satisfies LinksOf<Interview>,

    async findById(id: string): Promise<Interview | null> {
      const document = await Interview.findById(id).select("-_outbox").lean<InterviewDocument>().exec();
      return document ? interviewFromDocument(document) : null;
    },

    async statusOf(id: string): Promise<InterviewStatus | null> {
      const document = await Interview.findById(id)
        .select({ status: 1 })
        .lean<Pick<InterviewDocument, "status">>()
        .exec();
      return document?.status ?? null;
    },

    async findByIds(ids: readonly string[]): Promise<Interview[]> {
      return (await leanWhereIn("_id", ids, {})).map(interviewFromDocument);
    },

    async ofApplications(
      applicationIds: readonly string[],
      scope: InterviewScope = { kind: "every" },
    ): Promise<Interview[]> {
      return (await leanWhereIn("applicationId", applicationIds, scopeFilter(scope))).map(
        interviewFromDocument,
      );
    },

    async ofCampaignApplications(
      campaignIds: readonly string[],
      applicationIds: readonly string[],
    ): Promise<Interview[]> {
      return (
        await leanWhereIn("applicationId", applicationIds, { campaignId: oneOf([...campaignIds]) })
      ).map(interviewFromDocument);
    },

    async scheduledOfApplication(applicationId: string): Promise<Interview[]> {
      return (await lean({ applicationId, status: InterviewStatus.SCHEDULED })).map(interviewFromDocument);
    },

    /** Which applications had a completed interview in each of these campaigns. */
    async completedIn(
      campaignIds: readonly string[],
    ): Promise<{ campaignId: string; applicationId: string }[]> {
      const documents = await findWhereIn(Interview, "campaignId", campaignIds, (condition) =>
        Interview.find({ ...condition, status: InterviewStatus.COMPLETED })
          .select({ campaignId: 1, applicationId: 1 })
          .lean<Pick<InterviewDocument, "campaignId" | "applicationId">[]>()
          .exec(),
      );
      return documents.map((document) => ({
        campaignId: document.campaignId as string,
        applicationId: document.applicationId,
      }));
    },

    async page(request: {
      scope: InterviewScope;
      filter?: InterviewListFilter | null;
      direction: SortDirection;
      first?: number | null;
      after?: string | null;
    }): Promise<PageConnection<Interview>> {
      const filter = request.filter ?? {};
      const query: Record<string, unknown> = {};
      if (filter.campaignId) query.campaignId = filter.campaignId;
      if (filter.applicationId) query.applicationId = filter.applicationId;
      if (filter.status) query.status = filter.status;
      if (filter.mode) query.mode = filter.mode;
      const slotRange =
        filter.from || filter.to
          ? { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) }
          : null;
      const panelMember = panelMemberOf(request.scope, filter.panelMemberId);
      if (panelMember === false) return emptyPage;
      const pageRequest = {
        sort: { direction: request.direction },
        first: request.first ?? null,
        after: request.after ?? null,
      };
      if (panelMember !== null) {
        // One member's panels: through their seats, a top-level equality the store pushes down.
        const nominees =
          request.scope.kind === "nominees" ? { institutionId: request.scope.institutionId } : {};
        const seats = await paginate(InterviewSeat, {
          ...pageRequest,
          filter: {
            facultyId: panelMember,
            ...query,
            ...nominees,
            ...(slotRange ? { slotStart: slotRange } : {}),
          },
          sort: { field: "slotStart", direction: request.direction },
        });
        const ids = seats.nodes.map((seat) => seat.interviewId);
        const byId = new Map((await leanWhereIn("_id", ids, {})).map((document) => [document._id, document]));
        const nodes = ids.flatMap((id) => byId.get(id) ?? []).map(interviewFromDocument);
        return { nodes, pageInfo: seats.pageInfo, totalCount: seats.totalCount };
      }
      if (slotRange) query["slot.start"] = slotRange;
      const page = await paginateLean(Interview, {
        ...pageRequest,
        filter: allOf(query, scopeFilter(request.scope)) as QueryFilter<InterviewDocument>,
        sort: { field: "slot.start", direction: request.direction },
      });
      return mapPage(page, interviewFromDocument);
    },
  };
}

export type InterviewRepository = ReturnType<typeof interviewRepository>;
