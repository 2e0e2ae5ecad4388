import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "@intl/config";
import type { Admin } from "kafkajs";
import { describe, expect, it } from "vitest";
import { seedMilestones, seedSettingsFrom, unconsumedMessages } from "./seed-runner.ts";

describe("the milestones of seeds started together", () => {
  const partners = { service: "partnerships", milestone: "partners" };

  it("is settled once the seed announced it", () => {
    const milestones = seedMilestones(mkdtempSync(join(tmpdir(), "seeds-")));
    expect(milestones.settled(partners)).toBe(false);
    milestones.announce("partnerships", "partners");
    expect(milestones.settled(partners)).toBe(true);
  });

  it("is settled when the seed finished without announcing it: nothing more will come", () => {
    const milestones = seedMilestones(mkdtempSync(join(tmpdir(), "seeds-")));
    milestones.announce("partnerships", "finished");
    expect(milestones.settled(partners)).toBe(true);
    expect(milestones.settled({ service: "research", milestone: "collaborations" })).toBe(false);
  });

  it("is not orchestrated without a status directory, and announcing then writes nothing", () => {
    const milestones = seedMilestones(null);
    expect(milestones.orchestrated).toBe(false);
    milestones.announce("partnerships", "partners");
    expect(milestones.settled(partners)).toBe(false);
  });
});

describe("the seed settings", () => {
  it("bound every wait by SEED_WAIT_SECONDS, 300 by default", () => {
    expect(seedSettingsFrom({})).toEqual({ waitSeconds: 300, statusDir: null });
    expect(seedSettingsFrom({ SEED_WAIT_SECONDS: "20", SEED_STATUS_DIR: "/tmp/s" })).toEqual({
      waitSeconds: 20,
      statusDir: "/tmp/s",
    });
  });

  it("refuse a bound that is not a whole number of seconds", () => {
    expect(() => seedSettingsFrom({ SEED_WAIT_SECONDS: "soon" })).toThrow(ConfigError);
  });
});

describe("the messages a consumer group has not consumed", () => {
  // What the broker answers for two partitions of one topic: the group committed up to 7 of 10 on
  // partition 0 and never committed on partition 1, whose messages start at offset 2.
  const admin = {
    fetchOffsets: async () => [
      {
        topic: "t.partnerships.agreement",
        partitions: [
          { partition: 0, offset: "7" },
          { partition: 1, offset: "-1" },
        ],
      },
    ],
    fetchTopicOffsets: async () => [
      { partition: 0, offset: "10", high: "10", low: "0" },
      { partition: 1, offset: "5", high: "5", low: "2" },
    ],
  } as unknown as Admin;

  it("counts from the committed offset, or from the first message of a partition never committed", async () => {
    expect(
      await unconsumedMessages(admin, { kafkaGroupId: "t.students", topics: ["t.partnerships.agreement"] }),
    ).toBe(3 + 3);
  });
});
