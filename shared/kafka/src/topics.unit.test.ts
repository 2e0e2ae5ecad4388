import { describe, expect, it } from "vitest";
import { replicationFor } from "./topics.ts";

describe("the replication of the topics the kit creates", () => {
  it("is one replica, which must acknowledge, on the single development broker", () => {
    expect(replicationFor(1)).toEqual({ replicationFactor: 1, minInsyncReplicas: 1 });
  });

  it("is three replicas of which two must acknowledge on a cluster of three: one broker may die", () => {
    expect(replicationFor(3)).toEqual({ replicationFactor: 3, minInsyncReplicas: 2 });
  });

  it("stays three replicas on a larger cluster, and uses every broker of a smaller one", () => {
    expect(replicationFor(5)).toEqual({ replicationFactor: 3, minInsyncReplicas: 2 });
    expect(replicationFor(2)).toEqual({ replicationFactor: 2, minInsyncReplicas: 1 });
  });
});
