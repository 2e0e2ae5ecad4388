import type { Logger } from "@intl/subgraph";
import type { AgendaRepository } from "../models/agendaRepository.ts";
import type { CampaignRepository } from "../models/campaignRepository.ts";
import type { CandidateRepository } from "../models/candidateRepository.ts";
import type { InterviewRepository } from "../models/interviewRepository.ts";
import type { ReadModelRepository } from "../models/readModelRepository.ts";
import type { AggregateQueue } from "./aggregateQueue.ts";

/** What the application operations work with: repositories, time, ids, and the relay's nudge. */
export interface OperationsDeps {
  campaigns: CampaignRepository;
  candidates: CandidateRepository;
  interviews: InterviewRepository;
  agendas: AgendaRepository;
  readModels: ReadModelRepository;
  /** Serialises the read-decide-write steps on one aggregate (see aggregateQueue.ts). */
  aggregates: AggregateQueue;
  clock: () => Date;
  newId: () => string;
  /** Asks the outbox relay to publish now rather than at its next poll. */
  publishSoon: () => void;
  logger: Logger;
}
