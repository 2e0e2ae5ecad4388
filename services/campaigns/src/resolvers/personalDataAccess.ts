import { contactReference } from "@intl/events";
import { subjectIdOf } from "@intl/subgraph";
import type { PersonalDataAccess } from "@intl/subgraph";
import type { FollowUpContact } from "../domain/campaign.ts";

const contact = ({ email }: { email: string }) =>
  subjectIdOf({ kind: "CONTACT", id: contactReference(email) });
const contactsGiven = (args: { input: { followUpContacts?: { email: string }[] | null } }) =>
  (args.input.followUpContacts ?? []).map(contact);

/**
 * What is personal here, for the record of access (`@intl/subgraph` access-record.ts). A mission's
 * staff are not a person of the erasure yet (docs/data-protection.md), nor recorded.
 */
export const personalDataAccess: PersonalDataAccess = {
  reads: {
    FollowUpContact: { fields: ["name", "email"], subject: (given: FollowUpContact) => contact(given) },
  },
  writes: {
    createCampaign: { fields: ["name", "email"], subject: contactsGiven },
    updateCampaign: { fields: ["name", "email"], subject: contactsGiven },
  },
};
