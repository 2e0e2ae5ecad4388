import type { EventContract } from "./envelope.ts";
import { campaignsEvents } from "./contracts/campaigns.ts";
import { partnershipsEvents } from "./contracts/partnerships.ts";
import { researchEvents } from "./contracts/research.ts";
import { studentsEvents } from "./contracts/students.ts";

/** Every event contract of the graph, by producing service. */
export const eventCatalogue: Record<string, readonly EventContract[]> = {
  partnerships: partnershipsEvents,
  students: studentsEvents,
  research: researchEvents,
  campaigns: campaignsEvents,
};

/** Every topic the project creates (before any deployment prefix). */
export const topics: string[] = [
  ...new Set(Object.values(eventCatalogue).flatMap((contracts) => contracts.map((c) => c.topic))),
];
