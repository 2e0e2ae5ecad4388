/** One event for the kit's own tests: Politecnico di Milano's creation, as partnerships publishes it. */
import { institutionCreated } from "./contracts/partnerships.ts";
import { createEvent } from "./envelope.ts";

export const polimi = {
  institutionId: "inst-polimi",
  name: "Politecnico di Milano",
  countryCode: "IT",
  city: "Milano",
  identifiers: { schac: "polimi.it", erasmus: "I MILANO02", pic: null, ror: null },
};

/** `institutionCreated` for `polimi`, with `changes` to the envelope's fields (data included). */
export function polimiCreated(
  changes: Partial<Parameters<typeof createEvent<typeof institutionCreated>>[1]> = {},
) {
  return createEvent(institutionCreated, {
    id: "evt-1",
    source: "/services/partnerships",
    subject: "inst-polimi",
    time: new Date("2025-01-15T09:30:00Z"),
    sequence: 1,
    data: polimi,
    ...changes,
  });
}
