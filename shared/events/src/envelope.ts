import { z } from "zod";

/**
 * The CloudEvents-style envelope every event travels in. `type` carries the
 * version (`partnerships.agreement.terminated.v1`): a breaking change is a new
 * type, never an edit of an existing one.
 */
export const envelopeSchema = z.object({
  specversion: z.literal("1.0"),
  /** Unique per event; consumers deduplicate on it. */
  id: z.string().min(1),
  type: z.string().regex(/^[a-z]+(\.[a-z-]+)+\.v\d+$/, "must look like <service>.<aggregate>.<fact>.v<N>"),
  /** The producing service, as a URI reference (`/services/partnerships`). */
  source: z.string().min(1),
  /** The aggregate the event is about, e.g. the agreement id. Also the Kafka key. */
  subject: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal("application/json"),
  /**
   * Version of the subject aggregate after this event (1, 2, 3...). Read models
   * apply an event only when it is newer than what they hold, which makes
   * duplicates and out-of-order deliveries harmless.
   */
  sequence: z.number().int().positive(),
  data: z.unknown(),
});

export type EventEnvelope<Type extends string = string, Data = unknown> = Omit<
  z.infer<typeof envelopeSchema>,
  "type" | "data"
> & { type: Type; data: Data };

export interface EventContract<Type extends string = string, Data extends z.ZodType = z.ZodType> {
  type: Type;
  /** The topic it is published on, before any deployment prefix. */
  topic: string;
  description: string;
  data: Data;
}

/** The envelope of one contract; distributes over a union of contracts so `type` narrows `data`. */
export type EventOf<C extends EventContract> = C extends EventContract
  ? EventEnvelope<C["type"], z.infer<C["data"]>>
  : never;

/** Declares one versioned event contract. */
export function defineEvent<Type extends string, Data extends z.ZodType>(
  contract: EventContract<Type, Data>,
): EventContract<Type, Data> {
  envelopeSchema.shape.type.parse(contract.type);
  if (!contract.type.startsWith(`${contract.topic}.`)) {
    throw new Error(`event type ${contract.type} must start with its topic ${contract.topic}`);
  }
  return contract;
}

/** Raised when an event does not match its envelope or its contract. Never retriable. */
export class EventValidationError extends Error {
  constructor(
    message: string,
    readonly issues: string[],
  ) {
    super(`${message}: ${issues.join("; ")}`);
    this.name = "EventValidationError";
  }
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
}

export interface NewEvent<Data> {
  id: string;
  source: string;
  subject: string;
  time: Date;
  sequence: number;
  data: Data;
}

/** Builds an envelope for `contract`, validating the data against it. */
export function createEvent<C extends EventContract>(
  contract: C,
  event: NewEvent<z.input<C["data"]>>,
): EventOf<C> {
  const data = contract.data.safeParse(event.data);
  if (!data.success) {
    throw new EventValidationError(`invalid data for ${contract.type}`, describeIssues(data.error));
  }
  const envelope = {
    specversion: "1.0" as const,
    id: event.id,
    type: contract.type,
    source: event.source,
    subject: event.subject,
    time: event.time.toISOString(),
    datacontenttype: "application/json" as const,
    sequence: event.sequence,
    data: data.data,
  };
  const checked = envelopeSchema.safeParse(envelope);
  if (!checked.success) {
    throw new EventValidationError(`invalid envelope for ${contract.type}`, describeIssues(checked.error));
  }
  return envelope as EventOf<C>;
}

/**
 * Parses raw bytes or an object into an envelope whose data matches one of
 * `contracts`. Throws `EventValidationError` for anything else (malformed JSON,
 * unknown type, bad data): such messages go to the dead-letter topic.
 */
export function parseEvent<C extends EventContract>(
  contracts: readonly C[],
  raw: Buffer | string | unknown,
): EventOf<C> {
  let value: unknown = raw;
  if (typeof raw === "string" || Buffer.isBuffer(raw)) {
    try {
      value = JSON.parse(raw.toString());
    } catch (error) {
      throw new EventValidationError("message is not JSON", [(error as Error).message]);
    }
  }
  const envelope = envelopeSchema.safeParse(value);
  if (!envelope.success) throw new EventValidationError("invalid envelope", describeIssues(envelope.error));
  const contract = contracts.find((c) => c.type === envelope.data.type);
  if (!contract) throw new EventValidationError("unknown event type", [envelope.data.type]);
  const data = contract.data.safeParse(envelope.data.data);
  if (!data.success) {
    throw new EventValidationError(`invalid data for ${contract.type}`, describeIssues(data.error));
  }
  return { ...envelope.data, type: contract.type, data: data.data } as EventOf<C>;
}
