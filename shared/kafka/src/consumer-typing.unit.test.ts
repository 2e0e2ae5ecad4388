import { describe, expectTypeOf, it } from "vitest";
import type { institutionCreated, partnershipsEvents } from "@intl/events";
import { agreementTerminated } from "@intl/events";
import type { ConsumedEvent, StartConsumerOptions } from "./index.ts";

describe("a consumer's handler typing", () => {
  it("narrows the event data by its type", () => {
    type Handle = StartConsumerOptions<typeof agreementTerminated | typeof institutionCreated>["handle"];
    const handle: Handle = async (event) => {
      if (event.type === agreementTerminated.type)
        expectTypeOf(event.data.terminatedOn).toEqualTypeOf<string>();
      else expectTypeOf(event.data.name).toEqualTypeOf<string>();
    };
    expectTypeOf(handle).toBeFunction();
  });

  it("accepts a whole service's contract list", () => {
    type Event = ConsumedEvent<(typeof partnershipsEvents)[number]>;
    expectTypeOf<Event["type"]>().toEqualTypeOf<(typeof partnershipsEvents)[number]["type"]>();
  });
});
