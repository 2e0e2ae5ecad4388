import { describe, expect, it } from "vitest";
import { assertCampaignNotClosed, campaignStatusAfter } from "./campaignLifecycle.ts";

describe("a campaign's lifecycle", () => {
  it("opens a planned campaign, then closes it", () => {
    expect(campaignStatusAfter("open", "PLANNED")).toBe("OPEN");
    expect(campaignStatusAfter("close", "OPEN")).toBe("CLOSED");
  });

  it.each([
    ["open", "OPEN"],
    ["open", "CLOSED"],
    ["close", "PLANNED"],
    ["close", "CLOSED"],
  ] as const)("refuses to %s a %s campaign", (action, status) => {
    expect(() => campaignStatusAfter(action, status)).toThrowError(
      expect.objectContaining({ kind: "CONFLICT", reason: "CAMPAIGN_ILLEGAL_TRANSITION" }),
    );
  });

  it("treats a closed campaign as history", () => {
    expect(() => assertCampaignNotClosed({ status: "CLOSED" }, "input.id")).toThrowError(
      expect.objectContaining({ kind: "CONFLICT", reason: "CAMPAIGN_CLOSED", field: "input.id" }),
    );
    expect(() => assertCampaignNotClosed({ status: "OPEN" })).not.toThrow();
  });
});
