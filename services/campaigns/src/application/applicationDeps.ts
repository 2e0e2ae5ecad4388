import { createOutboxWriter } from "@intl/kafka";
import type { WriteQueue } from "@intl/mongo";
import type { Logger } from "@intl/subgraph";
import type { AgendaRepository } from "../models/agendaRepository.ts";
import type { CampaignRepository } from "../models/campaignRepository.ts";
import type { CandidateRepository } from "../models/candidateRepository.ts";
import type { InterviewRepository } from "../models/interviewRepository.ts";
import type { ReadModelRepository } from "../models/readModelRepository.ts";

/** What the application operations work with: repositories, time, ids, and the relay's nudge. */
export interface ApplicationDeps {
  campaigns: CampaignRepository;
  candidates: CandidateRepository;
  interviews: InterviewRepository;
  agendas: AgendaRepository;
  readModels: ReadModelRepository;
  /**
   * The service's one write queue (@intl/mongo), shared with the outbox relay: each
   * read-decide-write of an aggregate document runs in it, keyed by `documentKey`.
   */
  writeQueue: WriteQueue;
  clock: () => Date;
  newId: () => string;
  /** Tells the outbox relay that the interview's outbox just got events: it publishes them at once. */
  interviewEventsQueued: (interviewId: string) => void;
  logger: Logger;
}

/** The service's aggregate writer (@intl/mongo): only interviews carry events, so only they nudge the relay. */
export function aggregateWriter(deps: ApplicationDeps) {
  return createOutboxWriter({
    writeQueue: deps.writeQueue,
    clock: deps.clock,
    eventsQueued: ({ id }) => deps.interviewEventsQueued(String(id)),
  });
}
