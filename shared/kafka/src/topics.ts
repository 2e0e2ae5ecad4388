import type { Kafka } from "kafkajs";
import { retryDelays, sleep } from "./backoff.ts";

/**
 * The deployment topic name of a contract topic: `prefixedTopic("test-3f", "partnerships.agreement")`
 * is `test-3f.partnerships.agreement`; an empty prefix leaves the name unchanged.
 */
export function prefixedTopic(prefix: string | undefined, topic: string): string {
  return prefix ? `${prefix}.${topic}` : topic;
}

/** The dead-letter topic of consumer group `groupId`, before any prefix (`dlq.students-read-models`). */
export function deadLetterTopicName(groupId: string): string {
  return `dlq.${groupId}`;
}

/** The full dead-letter topic name of a consumer group: `<prefix>.dlq.<groupId>`. */
export function dlqTopic(prefix: string | undefined, groupId: string): string {
  return prefixedTopic(prefix, deadLetterTopicName(groupId));
}

export interface EnsureTopicsOptions {
  /** Deployment prefix added to every name (see `prefixedTopic`). Default: none. */
  prefix?: string;
  /** Partitions of each created topic. Default 3. */
  numPartitions?: number;
  /**
   * Replicas of each created topic. Default: read from the cluster's metadata, see
   * `replicationFor` (3 on a cluster of three brokers or more, 1 on the single dev broker).
   */
  replicationFactor?: number;
  /** Consumer groups whose dead-letter topics must exist too. */
  deadLetterGroups?: string[];
}

/** How a topic is replicated: its replica count and the replicas an `acks=all` write must reach. */
export interface Replication {
  replicationFactor: number;
  minInsyncReplicas: number;
}

/**
 * The replication of the topics created on a cluster of `brokers` brokers: three replicas of
 * which two must acknowledge each write (one broker may die without losing an acknowledged event
 * or refusing writes), or as many replicas as there are brokers on a smaller cluster, all of them
 * required but one (1 and 1 on the single dev broker).
 */
export function replicationFor(brokers: number): Replication {
  return replicatedOn(Math.max(1, Math.min(3, brokers)));
}

/** `replicationFactor` replicas, all of them but one required to acknowledge a write (at least one). */
function replicatedOn(replicationFactor: number): Replication {
  return { replicationFactor, minInsyncReplicas: Math.max(1, replicationFactor - 1) };
}

/**
 * Creates the topics that do not exist yet (the brokers run with
 * `auto.create.topics.enable=false`) and waits until each has a leader.
 * Idempotent: existing topics are left as they are. `topics` are contract
 * topic names; pass `deadLetterTopicName(groupId)` or `deadLetterGroups` for DLQs.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: readonly string[],
  options: EnsureTopicsOptions = {},
): Promise<string[]> {
  const { prefix = "", numPartitions = 3, replicationFactor, deadLetterGroups = [] } = options;
  const wanted = [
    ...new Set(
      [...topics, ...deadLetterGroups.map(deadLetterTopicName)].map((topic) => prefixedTopic(prefix, topic)),
    ),
  ];
  // A freshly started broker may still answer "does not host this topic-partition" while its
  // metadata settles (kafkajs#815): such errors are retriable, so try again with backoff.
  const delays = retryDelays({ retries: 6, initialMs: 250, maxMs: 4000 });
  for (let attempt = 0; ; attempt++) {
    try {
      await createMissing(kafka, wanted, numPartitions, replicationFactor);
      return wanted;
    } catch (error) {
      const delay = delays[attempt];
      if (delay === undefined || !isRetriable(error)) throw error;
      await sleep(delay);
    }
  }
}

function isRetriable(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    ((error as { retriable?: unknown }).retriable === true ||
      (error as { name?: unknown }).name === "KafkaJSNumberOfRetriesExceeded" ||
      (error as { name?: unknown }).name === "KafkaJSConnectionError")
  );
}

async function createMissing(
  kafka: Kafka,
  wanted: string[],
  numPartitions: number,
  replicationFactor: number | undefined,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      // The cluster's metadata says how many brokers it has (those up now: a cluster of three
      // with one down gets two replicas rather than a refusal): no setting to keep in step.
      const replication =
        replicationFactor === undefined
          ? replicationFor((await admin.describeCluster()).brokers.length)
          : replicatedOn(replicationFactor);
      // Resolves false (no throw) when another process created some of them meanwhile.
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions,
          replicationFactor: replication.replicationFactor,
          configEntries: [{ name: "min.insync.replicas", value: String(replication.minInsyncReplicas) }],
        })),
      });
    }
    await admin.fetchTopicMetadata({ topics: wanted });
  } finally {
    await admin.disconnect();
  }
}
