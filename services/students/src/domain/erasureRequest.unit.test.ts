import { contactReference } from "@intl/events";
import { describe, expect, it } from "vitest";
import { ErasureStatus, confirmErasure, erasedPersonFrom, pendingServices } from "./erasureRequest.ts";
import type { ErasureRequestState } from "./erasureRequest.ts";

const requested: ErasureRequestState = {
  person: { kind: "STUDENT", id: "s1" },
  status: ErasureStatus.REQUESTED,
  confirmations: [],
  completedAt: null,
  version: 1,
};
const at = new Date("2026-01-05T10:00:00Z");

describe("an erasure request", () => {
  it("awaits the four services that hold personal data", () => {
    expect(pendingServices([])).toEqual(["partnerships", "students", "research", "campaigns"]);
  });

  it("is being erased once a first service confirmed, and names the others", () => {
    const next = confirmErasure(requested, { service: "research", erasedAt: at, records: 2 });
    expect(next).toMatchObject({ status: ErasureStatus.ERASING, completedAt: null });
    expect(pendingServices([next!.confirmation])).toEqual(["partnerships", "students", "campaigns"]);
  });

  it("is complete when the last service confirmed, at that confirmation's time", () => {
    const three: ErasureRequestState = {
      ...requested,
      status: ErasureStatus.ERASING,
      confirmations: (["partnerships", "students", "research"] as const).map((service) => ({
        service,
        erasedAt: at,
        records: 0,
      })),
    };
    const last = new Date("2026-01-06T08:00:00Z");
    expect(confirmErasure(three, { service: "campaigns", erasedAt: last, records: 1 })).toMatchObject({
      status: ErasureStatus.COMPLETE,
      completedAt: last,
    });
  });

  it("takes each service's confirmation once (a redelivered confirmation changes nothing)", () => {
    const once: ErasureRequestState = {
      ...requested,
      confirmations: [{ service: "students", erasedAt: at, records: 3 }],
    };
    expect(confirmErasure(once, { service: "students", erasedAt: at, records: 0 })).toBeNull();
  });
});

describe("who an erasure is about", () => {
  it("names a person by kind and id", () => {
    expect(erasedPersonFrom({ kind: "FACULTY", id: " f1 " })).toEqual({ kind: "FACULTY", id: "f1" });
  });

  it("names a contact by the reference of their email, never the email itself", () => {
    const person = erasedPersonFrom({ kind: "CONTACT", email: " Rui@Example.br " });
    expect(person).toEqual({ kind: "CONTACT", id: contactReference("rui@example.br") });
    expect(JSON.stringify(person)).not.toContain("rui");
  });

  it("refuses a person without an id, or a contact without an email", () => {
    expect(() => erasedPersonFrom({ kind: "STUDENT", id: "" })).toThrow(
      expect.objectContaining({ kind: "BAD_USER_INPUT", field: "person.id" }),
    );
    expect(() => erasedPersonFrom({ kind: "CONTACT", id: "x" })).toThrow(
      expect.objectContaining({ kind: "BAD_USER_INPUT", field: "person.email" }),
    );
  });
});
