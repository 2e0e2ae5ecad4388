import type { Admin, Kafka } from "kafkajs";

/** A readiness check of the Kafka cluster that keeps one admin connection between checks. */
export interface KafkaProbe {
  /** Resolves when the cluster answers a metadata request; rejects otherwise. */
  check(): Promise<void>;
  /** Closes the admin connection, if any (call on shutdown). */
  close(): Promise<void>;
}

export function createKafkaProbe(kafka: Kafka): KafkaProbe {
  let admin: Admin | null = null;
  return {
    async check() {
      if (!admin) {
        const connecting = kafka.admin();
        await connecting.connect();
        admin = connecting;
      }
      try {
        await admin.describeCluster();
      } catch (error) {
        // Reconnect from scratch at the next check: the connection may be the problem.
        const broken = admin;
        admin = null;
        await broken.disconnect().catch(() => undefined);
        throw error;
      }
    },
    async close() {
      const open = admin;
      admin = null;
      await open?.disconnect();
    },
  };
}
