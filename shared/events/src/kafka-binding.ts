/**
 * The CloudEvents Kafka protocol binding
 * (https://github.com/cloudevents/spec/blob/main/cloudevents/bindings/kafka-protocol-binding.md)
 * for our envelopes: how an event becomes a Kafka message and back.
 *
 * We publish in STRUCTURED mode: the value is the envelope in the CloudEvents JSON
 * format and the `content-type` header says so. The envelope already is a CloudEvent,
 * so the value is the same bytes every reader has parsed so far (old consumers keep
 * working), one event stays one self-describing document that can be forwarded or
 * dead-lettered as is, and the headers stay free for transport concerns such as W3C
 * `traceparent`. We read both modes, plus the messages the relay wrote before this
 * binding (JSON envelope with HTTP-style `ce-` headers) that are still in the topics.
 */
import type { EventContract, EventEnvelope, EventOf } from "./envelope.ts";
import { EventValidationError, parseEvent } from "./envelope.ts";

/** `content-type` of a structured-mode message in the JSON event format. */
export const CLOUDEVENTS_JSON_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

/** Header values as Kafka clients hand them over (the shape of kafkajs' `IHeaders`). */
export type KafkaHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

/** A message ready for a Kafka producer (kafkajs' `Message` accepts it as is). */
export interface CloudEventKafkaMessage {
  /** The envelope's subject: one aggregate's events share a partition and stay in order. */
  key: string;
  /** The envelope in the CloudEvents JSON format. */
  value: string;
  headers: Record<string, string>;
}

/** A consumed message, as far as the binding reads it (kafkajs' `KafkaMessage` fits). */
export interface ConsumedKafkaMessage {
  value: Buffer | string | null;
  headers?: KafkaHeaders;
}

/**
 * How a consumed message carries its event: `structured` (envelope in the value),
 * `binary` (attributes in `ce_` headers, data in the value) or `legacy` (our JSON
 * envelope with `ce-` headers, written before the binding; read during the transition).
 */
export type KafkaContentMode = "structured" | "binary" | "legacy";

const CONTENT_TYPE = "content-type";
const BINARY_PREFIX = "ce_";
const LEGACY_PREFIX = "ce-";

/**
 * The Kafka message of `envelope` in structured mode. `extraHeaders` carries
 * transport headers (e.g. `traceparent`); they may not be `content-type` or look like
 * CloudEvents attributes (`ce_…`, `ce-…`), which would contradict the value.
 */
export function toKafkaMessage(
  envelope: EventEnvelope,
  extraHeaders: Readonly<Record<string, string>> = {},
): CloudEventKafkaMessage {
  for (const name of Object.keys(extraHeaders)) {
    const lower = name.toLowerCase();
    if (lower === CONTENT_TYPE || lower.startsWith(BINARY_PREFIX) || lower.startsWith(LEGACY_PREFIX)) {
      throw new Error(`header ${name} is reserved by the CloudEvents Kafka binding`);
    }
  }
  return {
    key: envelope.subject,
    value: JSON.stringify(envelope),
    headers: { ...extraHeaders, [CONTENT_TYPE]: CLOUDEVENTS_JSON_CONTENT_TYPE },
  };
}

function headerText(headers: KafkaHeaders, name: string): string | undefined {
  const raw = headers[name];
  if (raw === undefined) return undefined;
  const values = Array.isArray(raw) ? raw : [raw];
  // A repeated header would make the event ambiguous: which id, which type?
  if (values.length !== 1)
    throw new EventValidationError("ambiguous message", [`header ${name} appears ${values.length} times`]);
  return String(values[0]);
}

/** The media type without parameters, lower case: `application/json; charset=utf-8` → `application/json`. */
function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(";")[0]?.trim().toLowerCase();
}

/** How `message` carries its event, per the binding's rules; undefined when it carries none. */
export function kafkaContentMode(message: ConsumedKafkaMessage): KafkaContentMode | undefined {
  const headers = message.headers ?? {};
  const type = mediaType(headerText(headers, CONTENT_TYPE));
  if (type?.startsWith("application/cloudevents")) return "structured";
  if (headers[`${BINARY_PREFIX}specversion`] !== undefined) return "binary";
  if (type === "application/json" && headers[`${LEGACY_PREFIX}type`] !== undefined) return "legacy";
  return undefined;
}

function fromBinaryMessage<C extends EventContract>(
  message: ConsumedKafkaMessage,
  contracts: readonly C[],
): EventOf<C> {
  const headers = message.headers ?? {};
  const contentType = headerText(headers, CONTENT_TYPE);
  // Our contracts carry JSON data; the envelope states it as plain `application/json`.
  if (mediaType(contentType) !== "application/json") {
    throw new EventValidationError("unsupported data content type", [
      `binary-mode data must be application/json, not ${contentType ?? "(no content-type)"}`,
    ]);
  }
  const attributes: Record<string, unknown> = { datacontenttype: "application/json" };
  for (const name of Object.keys(headers)) {
    if (name.startsWith(BINARY_PREFIX))
      attributes[name.slice(BINARY_PREFIX.length)] = headerText(headers, name);
  }
  // Header values are strings; our `sequence` extension is an integer.
  if (typeof attributes.sequence === "string" && /^\d+$/.test(attributes.sequence)) {
    attributes.sequence = Number(attributes.sequence);
  }
  if (message.value !== null) {
    try {
      attributes.data = JSON.parse(message.value.toString());
    } catch (error) {
      throw new EventValidationError("data is not JSON", [(error as Error).message]);
    }
  }
  return parseEvent(contracts, attributes);
}

function fromLegacyMessage<C extends EventContract>(
  message: ConsumedKafkaMessage,
  contracts: readonly C[],
): EventOf<C> {
  const headers = message.headers ?? {};
  const event = parseEvent(contracts, message.value ?? "");
  const disagreements = (["id", "type"] as const).flatMap((attribute) => {
    const header = headerText(headers, `${LEGACY_PREFIX}${attribute}`);
    return header !== undefined && header !== event[attribute]
      ? [
          `header ${LEGACY_PREFIX}${attribute} is ${header}, the envelope's ${attribute} is ${event[attribute]}`,
        ]
      : [];
  });
  if (disagreements.length > 0)
    throw new EventValidationError("headers contradict the envelope", disagreements);
  return event;
}

/**
 * Reads the event of a consumed message and validates it against one of
 * `knownContracts` (like `parseEvent`). Accepts structured mode in the JSON format,
 * binary mode with JSON data, and legacy messages (see `KafkaContentMode`). Throws
 * `EventValidationError` for anything else: such messages go to the dead-letter topic.
 */
export function fromKafkaMessage<C extends EventContract>(
  message: ConsumedKafkaMessage,
  knownContracts: readonly C[],
): EventOf<C> {
  const mode = kafkaContentMode(message);
  switch (mode) {
    case "structured": {
      const contentType = headerText(message.headers ?? {}, CONTENT_TYPE);
      if (mediaType(contentType) !== "application/cloudevents+json") {
        throw new EventValidationError("unsupported CloudEvents format", [
          `content-type ${contentType}: only application/cloudevents+json is read`,
        ]);
      }
      return parseEvent(knownContracts, message.value ?? "");
    }
    case "binary":
      return fromBinaryMessage(message, knownContracts);
    case "legacy":
      return fromLegacyMessage(message, knownContracts);
    case undefined:
      throw new EventValidationError("not a CloudEvent", [
        `expected content-type ${CLOUDEVENTS_JSON_CONTENT_TYPE} (structured mode) or ce_ headers (binary mode)`,
      ]);
  }
}
