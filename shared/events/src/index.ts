export * from "./envelope.ts";
export * from "./kafka-binding.ts";
export * from "./vocabulary.ts";
export * from "./contracts/partnerships.ts";
export * from "./contracts/students.ts";
export * from "./contracts/research.ts";
export * from "./contracts/campaigns.ts";
export * from "./contracts/erasure.ts";
export { eventCatalogue, topics } from "./catalogue.ts";
