import { describe, expect, it } from "vitest";
import { createKafka } from "./client.ts";
import type { KitLogger } from "./logger.ts";

function recordingLogger() {
  const lines: { level: string; bindings: object; message: string | undefined }[] = [];
  const at = (level: string) => (bindings: object, message?: string) =>
    void lines.push({ level, bindings, message });
  const logger: KitLogger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { logger, lines };
}

describe("the kafkajs client", () => {
  it("sends kafkajs' own logs to the service logger, tagged with their namespace", () => {
    const { logger, lines } = recordingLogger();
    createKafka({ clientId: "t", brokers: ["127.0.0.1:1"], logger })
      .logger()
      .namespace("Consumer")
      .error("lost the broker", { broker: "b1" });
    expect(lines).toEqual([
      {
        level: "error",
        bindings: expect.objectContaining({ kafka: "Consumer", broker: "b1" }),
        message: "lost the broker",
      },
    ]);
  });

  it("keeps kafkajs' info chatter out of a service logging at info", () => {
    const { logger, lines } = recordingLogger();
    createKafka({ clientId: "t", brokers: ["127.0.0.1:1"], logger, logLevel: "info" })
      .logger()
      .info("joined group");
    expect(lines).toEqual([]);
  });

  it("drops the warning about the kit's deliberate retry limit", () => {
    const { logger, lines } = recordingLogger();
    createKafka({ clientId: "t", brokers: ["127.0.0.1:1"], logger })
      .logger()
      .warn("Limiting retries for the idempotent producer may invalidate EoS guarantees");
    expect(lines).toEqual([]);
  });
});
