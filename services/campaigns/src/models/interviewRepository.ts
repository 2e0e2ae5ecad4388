import { DomainError, ErrorKind } from "@intl/errors";
import { withEvents } from "@intl/kafka";
import type { OutboxEvent } from "@intl/kafka";
import { paginate } from "@intl/mongo";
import type { PageConnection, SortDirection } from "@intl/mongo";
import type { Model, QueryFilter } from "mongoose";
import type { InterviewScope } from "../domain/access.ts";
import { CampaignsReason } from "../domain/errors.ts";
import { InterviewStatus } from "../domain/interview.ts";
import type { Interview, InterviewMode } from "../domain/interview.ts";
import { interviewFromDocument, interviewState } from "./interviewModel.ts";
import type { InterviewDocument } from "./interviewModel.ts";

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

export function interviewRepository(Interview: Model<InterviewDocument>) {
  const lean = (query: QueryFilter<InterviewDocument>) =>
    Interview.find(query)
      .select("-_outbox")
      .sort({ "slot.start": 1, _id: 1 })
      .lean<InterviewDocument[]>()
      .exec();

  return {
    /** Its collection's name: the write-queue key of an interview is `documentKey(collectionName, id)`. */
    collectionName: Interview.collection.collectionName,

    async insert(interview: Interview): Promise<void> {
      await Interview.create({ _id: interview.id, ...interviewState(interview) });
    },

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
      return (await lean({ _id: { $in: [...ids] } })).map(interviewFromDocument);
    },

    /** Writes the interview's new state and its events in one update, if nobody changed it since `readAtVersion`. */
    async save(
      interview: Interview,
      readAtVersion: number,
      events: readonly OutboxEvent[],
      now: Date,
    ): Promise<void> {
      const state = { $set: interviewState(interview) };
      const update = events.length > 0 ? withEvents(state, events, now) : state;
      const result = await Interview.updateOne({ _id: interview.id, version: readAtVersion }, update).exec();
      if (result.matchedCount === 0) {
        throw new DomainError(
          ErrorKind.CONFLICT,
          CampaignsReason.CONCURRENT_CHANGE,
          "The interview was changed meanwhile; read it again and retry.",
        );
      }
    },

    async ofApplications(
      applicationIds: readonly string[],
      scope: InterviewScope = { kind: "every" },
    ): Promise<Interview[]> {
      return (await lean({ applicationId: { $in: [...applicationIds] }, ...scopeFilter(scope) })).map(
        interviewFromDocument,
      );
    },

    async ofCampaignApplications(
      campaignIds: readonly string[],
      applicationIds: readonly string[],
    ): Promise<Interview[]> {
      return (
        await lean({ campaignId: { $in: [...campaignIds] }, applicationId: { $in: [...applicationIds] } })
      ).map(interviewFromDocument);
    },

    async scheduledOfApplication(applicationId: string): Promise<Interview[]> {
      return (await lean({ applicationId, status: InterviewStatus.SCHEDULED })).map(interviewFromDocument);
    },

    /** Which applications had a completed interview in each of these campaigns. */
    async completedIn(
      campaignIds: readonly string[],
    ): Promise<{ campaignId: string; applicationId: string }[]> {
      const documents = await Interview.find({
        campaignId: { $in: [...campaignIds] },
        status: InterviewStatus.COMPLETED,
      })
        .select({ campaignId: 1, applicationId: 1 })
        .lean<Pick<InterviewDocument, "campaignId" | "applicationId">[]>()
        .exec();
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
      if (filter.panelMemberId) query.panelFacultyIds = filter.panelMemberId;
      if (filter.from || filter.to) {
        query["slot.start"] = {
          ...(filter.from ? { $gte: filter.from } : {}),
          ...(filter.to ? { $lt: filter.to } : {}),
        };
      }
      const scoped = { $and: [query, scopeFilter(request.scope)] } as QueryFilter<InterviewDocument>;
      const page = await paginate(Interview, {
        filter: scoped,
        sort: { field: "slot.start", direction: request.direction },
        first: request.first ?? null,
        after: request.after ?? null,
      });
      return {
        ...page,
        nodes: page.nodes.map((node) => interviewFromDocument(node.toObject() as InterviewDocument)),
      };
    },
  };
}

export type InterviewRepository = ReturnType<typeof interviewRepository>;
