import { requireRole } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { sortDirection } from "@intl/mongo";
import type { PageConnection, SortOrder } from "@intl/mongo";
import { CAMPAIGN_READERS, MANAGERS } from "../domain/access.ts";
import { CampaignStatus } from "../domain/campaign.ts";
import type { Campaign } from "../domain/campaign.ts";
import { validateCampaignChanges, validateNewCampaign } from "../domain/campaignDetails.ts";
import type { CampaignDetailsInput, NewCampaignInput } from "../domain/campaignDetails.ts";
import { assertCampaignNotClosed, campaignStatusAfter } from "../domain/campaignLifecycle.ts";
import type { CampaignListFilter } from "../models/campaignRepository.ts";
import { campaignNotFound } from "./notFound.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";
import { aggregateWriter } from "./applicationDeps.ts";
import type { PipelineOperations } from "./pipelineOperations.ts";

export type CampaignSortField = "START_DATE" | "COUNTRY" | "CREATED_AT";
export type SortDirectionName = "ASC" | "DESC";

const sortFields: Record<CampaignSortField, string> = {
  START_DATE: "startDate",
  COUNTRY: "countryCode",
  CREATED_AT: "createdAt",
};

/** Latest missions first unless asked otherwise. */
function campaignSort(
  sort?: { field: CampaignSortField; direction?: SortDirectionName | null } | null,
): SortOrder {
  if (!sort) return { field: "startDate", direction: -1 };
  return { field: sortFields[sort.field], direction: sortDirection(sort.direction) };
}

export interface CampaignListRequest {
  filter?: CampaignListFilter | null;
  sort?: { field: CampaignSortField; direction?: SortDirectionName | null } | null;
  first?: number | null;
  after?: string | null;
}

/** Campaigns: planning, changes, lifecycle, reading. */
export function campaignOperations(deps: ApplicationDeps, pipeline: PipelineOperations) {
  const { campaigns, readModels, clock, newId } = deps;
  const writer = aggregateWriter(deps);

  async function load(id: string, field: string): Promise<Campaign> {
    const campaign = await campaigns.findById(id);
    if (!campaign) throw campaignNotFound(field);
    return campaign;
  }

  /** Reads the campaign, decides its next state, writes it with its target links (see `aggregateWriter`). */
  function changeCampaign(
    id: string,
    field: string,
    decide: (campaign: Campaign, now: Date) => Campaign,
    /** What else the decision needs, read after the campaign in the same turn. */
    readFacts?: (campaign: Campaign) => Promise<void>,
  ): Promise<Campaign> {
    return writer.update(campaigns.model, id, {
      load: async () => {
        const campaign = await load(id, field);
        await readFacts?.(campaign);
        return campaign;
      },
      decide: (campaign, now) => {
        const next = decide(campaign, now);
        return { next, set: campaigns.stored(next) };
      },
      links: campaigns.linksOfState,
    });
  }

  async function moveTo(viewer: Viewer, id: string, action: "open" | "close"): Promise<Campaign> {
    requireRole(viewer, ...MANAGERS);
    const moved = await changeCampaign(id, "id", (campaign, now) => ({
      ...campaign,
      status: campaignStatusAfter(action, campaign.status),
      version: campaign.version + 1,
      updatedAt: now,
    }));
    if (moved.status === CampaignStatus.OPEN) await pipeline.backfillPipeline(moved);
    return moved;
  }

  return {
    /** Plans a campaign (PLANNED) and takes into its pipeline the nominations already awaiting a decision. */
    async createCampaign(
      viewer: Viewer,
      input: NewCampaignInput,
      options: { demo?: boolean } = {},
    ): Promise<Campaign> {
      requireRole(viewer, ...MANAGERS);
      const institutions = await readModels.knownInstitutions(input.targetInstitutionIds ?? []);
      const fields = validateNewCampaign(input, institutions);
      const now = clock();
      const campaign: Campaign = {
        ...fields,
        id: newId(),
        status: CampaignStatus.PLANNED,
        demo: options.demo ?? false,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await writer.insert(campaigns.model, campaigns.document(campaign), { links: campaigns.links });
      await pipeline.backfillPipeline(campaign);
      return campaign;
    },

    async updateCampaign(viewer: Viewer, input: CampaignDetailsInput & { id: string }): Promise<Campaign> {
      requireRole(viewer, ...MANAGERS);
      // The institutions the change names, read with the campaign in each attempt.
      let institutions: Awaited<ReturnType<typeof readModels.knownInstitutions>> = new Map();
      const updated = await changeCampaign(
        input.id,
        "input.id",
        (campaign, now) => {
          assertCampaignNotClosed(campaign, "input.id");
          const details = validateCampaignChanges(campaign, input, institutions);
          return { ...campaign, ...details, version: campaign.version + 1, updatedAt: now };
        },
        async (campaign) => {
          institutions = await readModels.knownInstitutions(
            input.targetInstitutionIds ?? campaign.targetInstitutionIds,
          );
        },
      );
      await pipeline.backfillPipeline(updated);
      return updated;
    },

    openCampaign: (viewer: Viewer, id: string) => moveTo(viewer, id, "open"),
    closeCampaign: (viewer: Viewer, id: string) => moveTo(viewer, id, "close"),

    async getCampaign(viewer: Viewer, id: string): Promise<Campaign | null> {
      requireRole(viewer, ...CAMPAIGN_READERS);
      return campaigns.findById(id);
    },

    async listCampaigns(viewer: Viewer, request: CampaignListRequest): Promise<PageConnection<Campaign>> {
      requireRole(viewer, ...CAMPAIGN_READERS);
      return campaigns.page({
        ...(request.filter ? { filter: request.filter } : {}),
        sort: campaignSort(request.sort),
        first: request.first ?? null,
        after: request.after ?? null,
      });
    },

    async campaignsTargeting(viewer: Viewer, institutionId: string): Promise<Campaign[]> {
      requireRole(viewer, ...CAMPAIGN_READERS);
      return campaigns.findTargeting(institutionId);
    },

    /** Campaigns by id, without access check: for resolvers that already checked the viewer's access to what links to them. */
    campaignsByIds: (ids: readonly string[]) => campaigns.findByIds(ids),
  };
}

export type CampaignOperations = ReturnType<typeof campaignOperations>;
