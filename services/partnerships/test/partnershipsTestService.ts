import { Role } from "@intl/auth";
import {
  parseEvent,
  partnershipsEvents,
  toKafkaMessage,
  type EventContract,
  type EventEnvelope,
} from "@intl/events";
import { prefixedTopic } from "@intl/kafka";
import { TestService, testViewer, uniqueName, type GraphQLAnswer } from "@intl/testing";
import type { Consumer, Kafka, Producer } from "kafkajs";
import { buildService, type PartnershipsService } from "../src/subgraph.ts";

export type RoleName = Role;
export type { GraphQLAnswer };

/** The international office, for calling the application operations directly (setting the scene). */
export const office = testViewer({ role: Role.INTERNATIONAL_OFFICE, subject: "test-international-office" });

/** A clock tests move by hand. */
export function manualClock(start: string) {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set(moment: string) {
      now = new Date(moment);
    },
  };
}

/** The partnerships service under test (see `TestService`): operations run as the office unless told. */
export class PartnershipsTestService extends TestService<PartnershipsService> {
  constructor(options: { clock?: () => Date; expiryIntervalMs?: number } = {}) {
    super({
      name: "partnerships",
      build: (deps) => buildService({ ...deps, ...options }),
      defaultClaims: "INTERNATIONAL_OFFICE",
      claimsOfRole: { PARTNER: { institutionId: "inst-x" } },
    });
  }

  get app() {
    return this.service.app;
  }

  /** A partner institution the office registers from its name and country alone (setting the scene). */
  registerPartner(name: string, countryCode: string) {
    return this.app.registerInstitution(office, { name, countryCode });
  }
}

/** A started partnerships service on a fresh database and random topic prefix. */
export async function startPartnerships(options: { clock?: () => Date; expiryIntervalMs?: number } = {}) {
  const running = new PartnershipsTestService(options);
  await running.start();
  return running;
}

/** Reads what the service published on its real topics, from the beginning. */
export async function collectPublishedEvents(kafka: Kafka, topicPrefix: string) {
  const received: EventEnvelope[] = [];
  const consumer: Consumer = kafka.consumer({ groupId: uniqueName("observer"), maxWaitTimeInMs: 200 });
  await consumer.connect();
  const topics = [
    ...new Set(partnershipsEvents.map((contract) => prefixedTopic(topicPrefix, contract.topic))),
  ];
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      received.push(parseEvent(partnershipsEvents, message.value ?? ""));
    },
  });
  return {
    received,
    ofType: (type: string) => received.filter((event) => event.type === type),
    stop: () => consumer.disconnect(),
  };
}

/** Publishes another service's events (built with its contract) on their real topics. */
export async function foreignPublisher(kafka: Kafka, topicPrefix: string) {
  const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  return {
    async publish(contract: EventContract, envelope: EventEnvelope) {
      await producer.send({
        topic: prefixedTopic(topicPrefix, contract.topic),
        acks: -1,
        messages: [toKafkaMessage(envelope)],
      });
    },
    stop: () => producer.disconnect(),
  };
}

/** The `extensions` of the first error, for asserting codes, reasons and fields. */
export function firstError(answer: GraphQLAnswer<unknown>) {
  const error = answer.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(answer.data)}`);
  return { message: error.message, ...error.extensions } as {
    message: string;
    code?: string;
    reason?: string;
    field?: string;
    details?: Record<string, unknown>;
  };
}
