import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { campaignsErasureConfirmed } from "./erasure.ts";
import { id, isoDateTime } from "../vocabulary.ts";

export const interviewMode = z.enum(["ON_SITE", "VIDEO"]);
export const interviewRecommendation = z.enum(["ADMIT", "REJECT", "WAITLIST"]);

export const interviewCompleted = defineEvent({
  type: "campaigns.interview.completed.v1",
  topic: "campaigns.interview",
  description: "A candidate's interview was held and scored; the application can now be decided.",
  data: z.object({
    interviewId: id,
    applicationId: id,
    campaignId: id.nullable(),
    mode: interviewMode,
    completedAt: isoDateTime,
    recommendation: interviewRecommendation,
    /** Mean of the panel's scores on the named criteria, 0 to 20. */
    score: z.number().min(0).max(20),
  }),
});

export const campaignsEvents = [interviewCompleted, campaignsErasureConfirmed] as const;
