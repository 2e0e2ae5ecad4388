import { findByIds, findWhereIn, mapPage, oneOf, paginateLean } from "@intl/mongo";
import type { LinksOf, PageConnection, SortOrder } from "@intl/mongo";
import type { Model, QueryFilter } from "mongoose";
import { CampaignStatus } from "../domain/campaign.ts";
import type { Campaign, CampaignMode } from "../domain/campaign.ts";
import { campaignFromDocument, campaignToDocument } from "./campaignModel.ts";
import type { CampaignDocument } from "./campaignModel.ts";
import { campaignTargetModel, campaignTargets } from "./campaignTargetModel.ts";
import type { CampaignTargetDocument } from "./campaignTargetModel.ts";

export interface CampaignListFilter {
  countryCode?: string | null;
  academicYear?: string | null;
  status?: CampaignStatus | null;
  mode?: CampaignMode | null;
  institutionId?: string | null;
  demo?: boolean | null;
}

export interface CampaignSelection {
  academicYears?: readonly string[];
  countryCodes?: readonly string[];
}

export function campaignRepository(Campaign: Model<CampaignDocument>) {
  const CampaignTarget = campaignTargetModel(Campaign.db);
  const targets = campaignTargets({ Campaign, CampaignTarget });
  const byIds = async (ids: readonly string[]): Promise<Campaign[]> => {
    const documents = await findByIds(Campaign, ids, (condition) =>
      Campaign.find(condition).lean<CampaignDocument[]>().exec(),
    );
    return documents.map(campaignFromDocument);
  };

  const toFilter = (filter: CampaignListFilter = {}): QueryFilter<CampaignDocument> => {
    const query: Record<string, unknown> = {};
    if (filter.countryCode) query.countryCode = filter.countryCode;
    if (filter.academicYear) query.academicYear = filter.academicYear;
    if (filter.status) query.status = filter.status;
    if (filter.mode) query.mode = filter.mode;
    if (filter.institutionId) query.targetInstitutionIds = filter.institutionId;
    if (typeof filter.demo === "boolean") query.demo = filter.demo;
    return query as QueryFilter<CampaignDocument>;
  };

  return {
    /** Its model, for the aggregate writer. */
    model: Campaign,
    /** A campaign as stored (for an insert). */
    document: campaignToDocument,
    /** Its stored fields, for the `$set` of a write that replaces its state. */
    stored(campaign: Campaign): Omit<CampaignDocument, "_id"> {
      const { _id, ...state } = campaignToDocument(campaign);
      return state;
    },
    /** Its target links, derived after each write (see @intl/mongo's `derivedLinks`). */
    links: targets,
    linksOfState: {
      sync: (campaign) => targets.sync(campaignToDocument(campaign)),
    } satisfies LinksOf<Campaign>,

    async findById(id: string): Promise<Campaign | null> {
      const document = await Campaign.findById(id).lean<CampaignDocument>().exec();
      return document ? campaignFromDocument(document) : null;
    },

    findByIds: byIds,

    /** Campaigns of a country and intake still taking candidates (their programmes are checked by the caller). */
    async findRecruiting(countryCode: string, academicYear: string): Promise<Campaign[]> {
      const documents = await Campaign.find({
        countryCode,
        academicYear,
        status: { $in: [CampaignStatus.PLANNED, CampaignStatus.OPEN] },
      })
        .lean<CampaignDocument[]>()
        .exec();
      return documents.map(campaignFromDocument);
    },

    /** Latest start first, through the campaign's target links (a top-level equality the store pushes down). */
    async findTargeting(institutionId: string): Promise<Campaign[]> {
      const links = await CampaignTarget.find({ institutionId })
        .sort({ startDate: -1, _id: -1 })
        .lean<CampaignTargetDocument[]>()
        .exec();
      const ids = links.map((link) => link.campaignId);
      const byId = new Map((await byIds(ids)).map((campaign) => [campaign.id, campaign]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    async findSelection(selection: CampaignSelection): Promise<Campaign[]> {
      const years = selection.academicYears ?? [];
      const countries = selection.countryCodes ?? [];
      const find = (condition: Record<string, unknown>) =>
        Campaign.find(condition as QueryFilter<CampaignDocument>)
          .lean<CampaignDocument[]>()
          .exec();
      // One equality per country (or per year) on FerretDB, the other list checked alongside.
      const documents =
        countries.length > 0
          ? await findWhereIn(Campaign, "countryCode", countries, (condition) =>
              find(years.length > 0 ? { ...condition, academicYear: oneOf(years) } : condition),
            )
          : years.length > 0
            ? await findWhereIn(Campaign, "academicYear", years, find)
            : await find({});
      return documents.map(campaignFromDocument);
    },

    async page(request: {
      filter?: CampaignListFilter;
      sort: SortOrder;
      first?: number | null;
      after?: string | null;
    }): Promise<PageConnection<Campaign>> {
      const page = await paginateLean(Campaign, {
        filter: toFilter(request.filter),
        sort: request.sort,
        first: request.first ?? null,
        after: request.after ?? null,
      });
      return mapPage(page, campaignFromDocument);
    },
  };
}

export type CampaignRepository = ReturnType<typeof campaignRepository>;
