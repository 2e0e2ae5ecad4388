/* eslint-disable @typescript-eslint/no-explicit-any -- a model of any schema: mongoose's own generics are the only way to say it */
import type { Model } from "mongoose";

/** Any mongoose model, whatever its schema's inferred virtuals, methods and query helpers. */
export type AnyModel = Model<any, any, any, any, any, any, any>;

/** The raw document type of a model (what `lean()` returns, what filters and updates are typed against). */
export type RawDocumentOf<M> = M extends Model<infer Raw, any, any, any, any, any, any> ? Raw : never;

/** The hydrated document type of a model, with its virtuals and methods. */
export type HydratedDocumentOf<M> =
  M extends Model<any, any, any, any, infer Hydrated, any, any> ? Hydrated : never;
