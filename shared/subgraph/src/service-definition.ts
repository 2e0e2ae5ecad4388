import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createKafkaProbe, deadLetterTopicName, OutboxRelay, startConsumer } from "@intl/kafka";
import type { ConsumedEvent, EventsQueued, HandlerContext, RunningConsumer } from "@intl/kafka";
import { createWriteQueue, pingMongo } from "@intl/mongo";
import type { AnyModel, WriteQueue } from "@intl/mongo";
import type { EventContract } from "@intl/events";
import type { DocumentNode } from "graphql";
import { gql } from "graphql-tag";
import { accessRecording } from "./access-record.ts";
import type { PersonalDataAccess } from "./access-record.ts";
import type { BaseContext } from "./context.ts";
import {
  createErasureParticipant,
  erasureReceiptModel,
  erasureRequestContracts,
  isErasureRequest,
} from "./erasure-participant.ts";
import type { ErasedPerson, ErasureRequest } from "./erasure-participant.ts";
import type { Logger } from "./logger.ts";
import { createSubgraphServer } from "./server.ts";
import type { SubgraphResolvers, SubgraphServer } from "./server.ts";
import { personalDataExportResolvers } from "./personal-data-export.ts";
import type { BaseServiceDeps } from "./service-runtime.ts";

/** An event contract, as `startConsumer` takes them (the kit's constraint, without naming @intl/events). */
type AnyContract = Parameters<typeof startConsumer>[0]["contracts"][number];

/**
 * What a service is, independently of any running instance: its name, its contract, what it
 * publishes and what it consumes (under which consumer group). `topics` derives from it.
 */
export interface ServiceShape<C extends AnyContract = AnyContract> {
  name: string;
  typeDefs: DocumentNode;
  /** The contracts of the events it publishes (through its outboxes). */
  publishes: readonly { topic: string }[];
  /** The contracts it consumes and its consumer group (whose dead-letter topic is `dlq.<group>`). */
  consumes: { group: string; contracts: readonly C[] };
}

/** Every topic a service produces to or consumes from, and its dead-letter topic, before any prefix. */
export function serviceTopics(shape: Pick<ServiceShape, "publishes" | "consumes">): string[] {
  return [
    ...new Set([
      ...shape.publishes.map((contract) => contract.topic),
      ...shape.consumes.contracts.map((contract) => contract.topic),
      deadLetterTopicName(shape.consumes.group),
    ]),
  ];
}

/**
 * A service's shape from its `schema.graphql` (`schema`: its URL, next to `subgraph.ts`) and its
 * events, with the topics derived from them: what `subgraph.ts` exports besides `buildService`.
 * Every service takes part in the erasure of persons: it consumes their requests too.
 */
export function serviceShape<C extends AnyContract>(
  options: Omit<ServiceShape<C>, "typeDefs"> & { schema: URL },
): ServiceShape<C> & { topics: string[] } {
  const { schema, ...given } = options;
  const contracts = [
    ...given.consumes.contracts,
    ...(erasureRequestContracts as readonly AnyContract[] as C[]),
  ];
  const shape = { ...given, consumes: { ...given.consumes, contracts: [...new Set(contracts)] } };
  const typeDefs = gql(readFileSync(schema, "utf8"));
  return { ...shape, typeDefs, topics: serviceTopics(shape) };
}

/** A periodic job of the service: started after the consumer, stopped (awaiting its run in progress) before it. */
export interface ScheduledJob {
  start(): void;
  stop(): Promise<void>;
}

/** What the runtime hands a service to assemble its application with. */
export interface ServiceKit {
  /** `deps.clock`, or the wall clock. */
  clock: () => Date;
  /** `deps.newId`, or `crypto.randomUUID`. */
  newId: () => string;
  /** The service's one write queue: its operations, its handlers and its relay's removals share it. */
  writeQueue: WriteQueue;
  /** Tells the relay a document holds new events: it publishes that document at once. */
  eventsQueued: EventsQueued;
  logger: Logger;
}

/**
 * What a service holds on persons (GDPR arts. 15, 17, 20): the runtime makes it an erasure
 * participant (`erasure-participant.ts`: requests consumed, receipts, confirmations), adds its
 * part of the personal data export (`personal-data-export.ts`) to its resolvers, and keeps its
 * record of access (`access-record.ts`: a plugin, the `access_records` store, the trail's field).
 */
export interface PersonalDataParts {
  /** The confirmation it publishes (`<service>.erasure.confirmed.v1`). */
  confirmed: EventContract;
  /** Removes or irreversibly anonymises what it holds on the person; idempotent; how many records changed. */
  erase(request: ErasureRequest): Promise<number>;
  /** What it holds on the person, as plain data. */
  exportOf(person: ErasedPerson): Promise<unknown>;
  /** Which fields are personal and whom they are about, which mutations write them: what is recorded. */
  access: PersonalDataAccess;
}

/** What a service assembles from the kit: its application, its GraphQL layer, its handler and jobs. */
export interface ServiceParts<TContext extends BaseContext, TApp, C extends AnyContract> {
  app: TApp;
  resolvers: SubgraphResolvers<TContext>;
  buildContext: (base: BaseContext) => TContext | Promise<TContext>;
  /** Applies one consumed event (idempotent: see `startConsumer`); erasure requests never reach it. */
  handleConsumedEvent: (event: ConsumedEvent<C>, context: HandlerContext) => Promise<void>;
  personalData: PersonalDataParts;
  /**
   * Runs at every start once the relay is up, before the consumer and Apollo: what the service
   * must hold before it answers (its reference data). Idempotent.
   */
  startup?: () => Promise<void>;
  jobs?: readonly ScheduledJob[];
}

/** `base` with `added`'s types merged in, field by field (a type both define keeps both's fields). */
function mergeResolverMaps<TContext extends BaseContext>(
  base: SubgraphResolvers<TContext>,
  added: Record<string, unknown>,
): SubgraphResolvers<TContext> {
  const isFieldMap = (value: unknown) =>
    typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
  const merged: Record<string, unknown> = { ...base };
  for (const [type, fields] of Object.entries(added)) {
    const existing = merged[type];
    merged[type] =
      isFieldMap(existing) && isFieldMap(fields)
        ? { ...(existing as object), ...(fields as object) }
        : fields;
  }
  return merged as SubgraphResolvers<TContext>;
}

export interface SubgraphServiceDefinition<
  TContext extends BaseContext,
  TApp,
  C extends AnyContract,
> extends ServiceShape<C> {
  /** The models whose documents carry an outbox. */
  outboxModels: readonly AnyModel[];
  /** Builds indexes and heals derived copies; runs first at every start. */
  prepareStore(): Promise<void>;
  build(kit: ServiceKit): ServiceParts<TContext, TApp, C>;
}

/** A consumed event the service's handler has applied (see `onEventHandled`). */
export interface HandledEvent {
  id: string;
  type: string;
  topic: string;
  partition: number;
  offset: string;
}

export interface SubgraphService<TContext extends BaseContext, TApp> {
  name: string;
  server: SubgraphServer<TContext>;
  /** Every topic it produces to or consumes from, plus its dead-letter topic, unprefixed. */
  topics: string[];
  app: TApp;
  /**
   * Prepares the store, starts the outbox relay (connecting its producer: fails fast without
   * Kafka), the consumer, the jobs, then Apollo. Idempotent.
   */
  start(): Promise<void>;
  /**
   * The reverse: Apollo, the jobs, the consumer, then the relay, which publishes everything
   * still pending before it disconnects. Each step runs even when an earlier one failed (the
   * first failure is rethrown at the end), so the outbox is always flushed.
   */
  stop(): Promise<void>;
  /** Publishes every event waiting in the outboxes now (tests, seeds); resolves with how many. */
  publishPendingEvents(): Promise<number>;
  /** Calls `listener` after each consumed event the handler applied; returns the unsubscribe. */
  onEventHandled(listener: (event: HandledEvent) => void): () => void;
  /** The running consumer (its prefixed group id and topics), null while stopped. */
  readonly consumer: Pick<RunningConsumer, "kafkaGroupId" | "topics"> | null;
}

/**
 * One service from its definition and the runtime's dependencies: the one place that
 * owns the order in which a service starts and stops (see `SubgraphService`). Never
 * listens and reads no environment (`runSubgraphService` does).
 */
export function defineSubgraphService<TContext extends BaseContext, TApp, C extends AnyContract>(
  deps: BaseServiceDeps,
  definition: SubgraphServiceDefinition<TContext, TApp, C>,
): SubgraphService<TContext, TApp> {
  const { name, consumes } = definition;
  const { logger } = deps;
  // One per service instance: FerretDB does not isolate concurrent updates of one document,
  // so the operations, the handlers and the relay's removal of published events share it.
  const writeQueue = createWriteQueue();
  const erasureReceipts = erasureReceiptModel(deps.connection);
  const relay = new OutboxRelay({
    kafka: deps.kafka,
    models: [...new Set([...definition.outboxModels, erasureReceipts])],
    topicPrefix: deps.topicPrefix,
    logger,
    ...(deps.outboxPollMs === undefined ? {} : { scanIntervalMs: deps.outboxPollMs }),
    writeQueue,
  });
  const kit: ServiceKit = {
    clock: deps.clock ?? (() => new Date()),
    newId: deps.newId ?? randomUUID,
    writeQueue,
    eventsQueued: (written) => relay.nudge(written),
    logger,
  };
  const parts = definition.build(kit);
  const erasure = createErasureParticipant({
    ...kit,
    service: name as Parameters<typeof createErasureParticipant>[0]["service"],
    confirmed: parts.personalData.confirmed,
    receipts: erasureReceipts,
    erase: parts.personalData.erase,
  });
  const access = accessRecording<TContext>({
    ...kit,
    service: name,
    connection: deps.connection,
    declaration: parts.personalData.access,
  });
  const kafkaProbe = createKafkaProbe(deps.kafka);
  const server = createSubgraphServer<TContext>({
    name,
    typeDefs: definition.typeDefs,
    resolvers: mergeResolverMaps(
      mergeResolverMaps(parts.resolvers, personalDataExportResolvers(name, parts.personalData.exportOf)),
      access.resolvers,
    ),
    plugins: [access.plugin],
    verifyToken: deps.verifyToken,
    buildContext: parts.buildContext,
    readiness: { store: () => pingMongo(deps.connection), kafka: kafkaProbe.check },
    logger,
  });

  const listeners = new Set<(event: HandledEvent) => void>();
  const handle = async (event: ConsumedEvent<C>, context: HandlerContext): Promise<void> => {
    if (isErasureRequest(event)) await erasure.handle(event);
    else await parts.handleConsumedEvent(event, context);
    const handled = {
      id: event.id,
      type: event.type,
      topic: context.topic,
      partition: context.partition,
      offset: context.offset,
    };
    for (const listener of listeners) listener(handled);
  };

  let consumer: RunningConsumer | null = null;
  // What start() started, stopped in reverse order by stop().
  let running: { step: string; stop: () => Promise<void> }[] = [];
  let starting: Promise<void> | null = null;

  async function startAll(): Promise<void> {
    await definition.prepareStore();
    await erasureReceipts.createIndexes();
    await access.prepare();
    // Stopped last: the records of the last requests are stored once Apollo has stopped.
    running.push({ step: "access records", stop: access.flush });
    // The relay first: what a previous run left in the outboxes goes out, and nudges find it started.
    running.push({ step: "relay", stop: () => relay.stop() });
    await relay.start();
    await parts.startup?.();
    running.push({ step: "kafka probe", stop: () => kafkaProbe.close() });
    consumer = await startConsumer({
      kafka: deps.kafka,
      groupId: consumes.group,
      topicPrefix: deps.topicPrefix,
      contracts: consumes.contracts,
      handle,
      connection: deps.connection,
      logger,
    });
    const started = consumer;
    running.push({
      step: "consumer",
      stop: async () => {
        consumer = null;
        await started.stop();
      },
    });
    for (const job of parts.jobs ?? []) {
      job.start();
      running.push({ step: "job", stop: () => job.stop() });
    }
    await server.start();
    // Closing a listening server stops Apollo too: stopping it again then refuses, harmlessly.
    running.push({ step: "apollo", stop: () => server.apollo.stop().catch(() => undefined) });
    logger.info({ consumes: started.topics }, `${name} service started`);
  }

  return {
    name,
    server,
    topics: serviceTopics(definition),
    app: parts.app,
    start() {
      starting ??= startAll();
      return starting;
    },
    async stop() {
      // A start in progress finishes (or fails) first, so that what it started is stopped too.
      await starting?.catch(() => undefined);
      starting = null;
      const steps = running.reverse();
      running = [];
      let failure: unknown = null;
      for (const { step, stop } of steps) {
        try {
          await stop();
        } catch (error) {
          logger.error({ err: error, step }, "stop step failed; stopping the rest");
          failure ??= error;
        }
      }
      if (failure !== null) throw failure;
    },
    publishPendingEvents: () => relay.publishPending(),
    onEventHandled(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get consumer() {
      return consumer;
    },
  };
}
