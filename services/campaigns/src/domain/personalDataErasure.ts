import { contactReference } from "@intl/events";

interface Contact {
  email: string;
}

/**
 * Rule: an erased follow-up contact leaves the campaign (a contact is nothing but their
 * name and email); the campaign and its other contacts stay. `reference` is the contact's
 * reference (`contactReference(email)`): the email itself never reaches this service's consumer.
 */
export function contactsWithout<C extends Contact>(
  contacts: readonly C[],
  reference: string,
): { contacts: C[]; erased: number } {
  const kept = contacts.filter((contact) => contactReference(contact.email) !== reference);
  return { contacts: kept, erased: contacts.length - kept.length };
}
