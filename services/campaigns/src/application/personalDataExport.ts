import { exportedDocument } from "@intl/subgraph";
import type { ErasedPerson } from "@intl/subgraph";
import { contactsWithout } from "../domain/personalDataErasure.ts";
import type { CampaignsModels } from "../models/campaignsModels.ts";

type Plain = Record<string, unknown>;

/**
 * The campaigns service's part of a personal data export (GDPR arts. 15, 20): the applications
 * it holds of a student and their interviews; the campaigns a contact follows up, with their entry.
 */
export function personalDataExport(
  models: Pick<CampaignsModels, "Campaign" | "KnownApplication" | "Interview">,
) {
  return async function personalDataOf(person: ErasedPerson): Promise<Plain> {
    if (person.kind === "STUDENT") {
      const applications = await models.KnownApplication.find({ studentId: person.id })
        .lean<Plain[]>()
        .exec();
      const interviews = [];
      for (const application of applications) {
        interviews.push(
          ...(await models.Interview.find({ applicationId: application._id as string })
            .lean<Plain[]>()
            .exec()),
        );
      }
      return {
        applications: applications.map(exportedDocument),
        interviews: interviews.map(exportedDocument),
      };
    }
    if (person.kind === "CONTACT") {
      const campaigns = await models.Campaign.find(
        { "followUpContacts.0": { $exists: true } },
        { _id: 1, name: 1, followUpContacts: 1 },
      )
        .lean<{ _id: string; name: string; followUpContacts: { email: string }[] }[]>()
        .exec();
      return {
        followUps: campaigns.flatMap((campaign) => {
          const others = contactsWithout(campaign.followUpContacts, person.id).contacts;
          return campaign.followUpContacts
            .filter((contact) => !others.includes(contact))
            .map((contact) => ({ campaign: { _id: campaign._id, name: campaign.name }, contact }));
        }),
      };
    }
    return {};
  };
}
