import { createOutboxWriter } from "@intl/kafka";
import type { EventsQueued } from "@intl/kafka";
import { fieldDecision } from "@intl/mongo";
import type { WriteQueue } from "@intl/mongo";
import type { ErasureRequest } from "@intl/subgraph";
import { contactsWithout } from "../domain/personalDataErasure.ts";
import type { CampaignDocument } from "../models/campaignModel.ts";
import type { CampaignsModels } from "../models/campaignsModels.ts";

export interface ErasureDeps {
  models: Pick<CampaignsModels, "Campaign">;
  /** The read models' erasure of a student (the student id dropped from the applications held). */
  forgetStudent(studentId: string, erasedAt: Date): Promise<number>;
  writeQueue: WriteQueue;
  eventsQueued: EventsQueued;
  clock: () => Date;
}

/**
 * The campaigns service's part of an erasure (GDPR art. 17): a student's id leaves the
 * applications it holds (interviews and pipeline figures stay, anonymous); a follow-up
 * contact leaves the campaigns. Faculty appear here by id only. Idempotent.
 */
export function personalDataErasure(deps: ErasureDeps) {
  const { models } = deps;
  const writer = createOutboxWriter(deps);

  async function eraseContact(reference: string): Promise<number> {
    // Campaigns are a few dozen a year; a contact is found by the reference of their email.
    const campaigns = await models.Campaign.find(
      { "followUpContacts.0": { $exists: true } },
      { _id: 1, followUpContacts: 1 },
    )
      .lean<Pick<CampaignDocument, "_id" | "followUpContacts">[]>()
      .exec();
    let erased = 0;
    for (const { _id } of campaigns.filter(
      (campaign) => contactsWithout(campaign.followUpContacts, reference).erased > 0,
    )) {
      await writer.update(models.Campaign, _id, {
        load: async () => (await models.Campaign.findById(_id).lean<CampaignDocument>().exec())!,
        decide: (campaign) => {
          const outcome = contactsWithout(campaign.followUpContacts, reference);
          erased += outcome.erased;
          return outcome.erased === 0
            ? null
            : fieldDecision(campaign, {
                set: { followUpContacts: outcome.contacts, updatedAt: deps.clock() },
              });
        },
      });
    }
    return erased;
  }

  return async function eraseHeldData(request: ErasureRequest): Promise<number> {
    const { person, requestedAt } = request.data;
    if (person.kind === "STUDENT") return deps.forgetStudent(person.id, new Date(requestedAt));
    if (person.kind === "CONTACT") return eraseContact(person.id);
    return 0;
  };
}
