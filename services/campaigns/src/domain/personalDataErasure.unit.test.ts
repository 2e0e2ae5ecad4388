import { contactReference } from "@intl/events";
import { describe, expect, it } from "vitest";
import { contactsWithout } from "./personalDataErasure.ts";

describe("erasure of a follow-up contact", () => {
  const contacts = [
    { name: "Rui Contato", email: "Rui.Contato@example.br" },
    { name: "Lia Mantida", email: "lia@example.br" },
  ];

  it("removes the contact whose email has the reference, whatever its case", () => {
    expect(contactsWithout(contacts, contactReference("rui.contato@example.br"))).toEqual({
      contacts: [contacts[1]],
      erased: 1,
    });
  });

  it("leaves the campaign's contacts alone when none has the reference", () => {
    expect(contactsWithout(contacts, contactReference("nobody@example.br")).erased).toBe(0);
  });
});
