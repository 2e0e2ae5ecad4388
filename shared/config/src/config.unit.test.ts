import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, serviceConfigSchema } from "./index.ts";

const schema = serviceConfigSchema({ port: 4001, database: "partnerships" });
const secret = "x".repeat(32);

describe("service configuration", () => {
  it("applies defaults and parses broker lists", () => {
    const config = loadConfig("partnerships", schema, {
      AUTH_JWT_SECRET: secret,
      KAFKA_BROKERS: "127.0.0.1:1, 127.0.0.1:2",
    });
    expect(config.PORT).toBe(4001);
    expect(config.MONGODB_DATABASE).toBe("partnerships");
    expect(config.KAFKA_BROKERS).toEqual(["127.0.0.1:1", "127.0.0.1:2"]);
  });

  it("names every bad variable in one message", () => {
    const run = () =>
      loadConfig("partnerships", schema, {
        AUTH_JWT_SECRET: secret,
        PORT: "seventy",
        MONGODB_URI: "postgres://x",
        KAFKA_BROKERS: "nohostport",
      });
    expect(run).toThrow(ConfigError);
    try {
      run();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("PORT: must be a number");
      expect(message).toContain("MONGODB_URI: must start with mongodb://");
      expect(message).toContain("KAFKA_BROKERS: each broker must be host:port");
    }
  });

  it("requires a way to verify tokens", () => {
    expect(() => loadConfig("partnerships", schema, {})).toThrow(/AUTH_JWT_SECRET: set AUTH_JWT_SECRET/);
  });
});
