import { describe, expectTypeOf, it } from "vitest";
import mongoose, { Schema } from "mongoose";
import { applyOnce, paginate } from "./index.ts";
import type { PageConnection } from "./index.ts";

// Models as services write them: schemas inferred by mongoose, with virtuals and methods.
const connection = mongoose.createConnection();
const institutionSchema = new Schema(
  { _id: String, name: { type: String, required: true }, countryCode: String },
  {
    virtuals: {
      label: {
        get(): string {
          return "label";
        },
      },
    },
    methods: {
      describe() {
        return "x";
      },
    },
  },
);
const Institutions = connection.model("Institution", institutionSchema);

describe("the store kit's typing", () => {
  it("accepts models with inferred schemas and returns their hydrated documents", () => {
    expectTypeOf(paginate(Institutions, { filter: { countryCode: "IT" }, first: 5 })).resolves.toExtend<
      PageConnection<{ name: string; label: string; describe(): string }>
    >();
    expectTypeOf(
      applyOnce(Institutions, { _id: "i" }, { $set: { name: "n" } }, "evt"),
    ).resolves.toEqualTypeOf<boolean>();
  });
});
