import { findWhereIn, isDuplicateKeyError, mapPage, paginateLean } from "@intl/mongo";
import type { PageConnection } from "@intl/mongo";
import type { Model, QueryFilter } from "mongoose";
import { candidateId } from "../domain/pipelineMatching.ts";
import { candidateFromDocument } from "./candidateModel.ts";
import type { Candidate, CandidateDocument, CandidateSource } from "./candidateModel.ts";

export interface CandidateListFilter {
  programmeCode?: string | null;
  institutionId?: string | null;
  joinedBy?: CandidateSource | null;
}

function latestJoinedFirst(a: CandidateDocument, b: CandidateDocument): number {
  return b.joinedAt.getTime() - a.joinedAt.getTime() || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0);
}

export function candidateRepository(Candidate: Model<CandidateDocument>) {
  return {
    /**
     * Adds the application to the campaign's pipeline unless it is already in
     * it: the candidate's id is made of both ids, so a second join meets the first.
     */
    async join(candidate: Omit<Candidate, "id">): Promise<{ candidate: Candidate; joined: boolean }> {
      const id = candidateId(candidate.campaignId, candidate.applicationId);
      try {
        await Candidate.create({ _id: id, ...candidate });
        return { candidate: { id, ...candidate }, joined: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const existing = await Candidate.findById(id).lean<CandidateDocument>().exec();
        if (!existing) throw error;
        return { candidate: candidateFromDocument(existing), joined: false };
      }
    },

    async find(campaignId: string, applicationId: string): Promise<Candidate | null> {
      const document = await Candidate.findById(candidateId(campaignId, applicationId))
        .lean<CandidateDocument>()
        .exec();
      return document ? candidateFromDocument(document) : null;
    },

    /** Every candidate of these campaigns (ids and facts only: for outcome figures). */
    async ofCampaigns(campaignIds: readonly string[]): Promise<Candidate[]> {
      const documents = await findWhereIn(Candidate, "campaignId", campaignIds, (condition) =>
        Candidate.find(condition).lean<CandidateDocument[]>().exec(),
      );
      return documents.map(candidateFromDocument);
    },

    /** The pipelines an application joined, latest first. */
    async ofApplications(applicationIds: readonly string[]): Promise<Candidate[]> {
      const documents = await findWhereIn(Candidate, "applicationId", applicationIds, (condition) =>
        Candidate.find(condition).sort({ joinedAt: -1, _id: -1 }).lean<CandidateDocument[]>().exec(),
      );
      // One query per application on FerretDB: the order across them is made here.
      return documents.sort(latestJoinedFirst).map(candidateFromDocument);
    },

    async page(
      campaignId: string,
      request: { filter?: CandidateListFilter | null; first?: number | null; after?: string | null },
    ): Promise<PageConnection<Candidate>> {
      const query: Record<string, unknown> = { campaignId };
      if (request.filter?.programmeCode) query.programmeCode = request.filter.programmeCode;
      if (request.filter?.institutionId) query.institutionId = request.filter.institutionId;
      if (request.filter?.joinedBy) query.joinedBy = request.filter.joinedBy;
      const page = await paginateLean(Candidate, {
        filter: query as QueryFilter<CandidateDocument>,
        sort: { field: "joinedAt", direction: 1 },
        first: request.first ?? null,
        after: request.after ?? null,
      });
      return mapPage(page, candidateFromDocument);
    },
  };
}

export type CandidateRepository = ReturnType<typeof candidateRepository>;
