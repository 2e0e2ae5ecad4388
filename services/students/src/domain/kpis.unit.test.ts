import { describe, expect, it } from "vitest";
import { flowBalance, internationalShare, originDiversity } from "./kpis.ts";

describe("rule: flows with a partner are flagged above the imbalance ratio", () => {
  it.each([
    [0, 0, 3, false],
    [3, 1, 3, false],
    [4, 1, 3, true],
    [1, 4, 3, true],
    [1, 0, 3, true],
    [4, 1, 5, false],
  ])("%i in, %i out, ratio %i: imbalanced %s", (incoming, outgoing, ratio, imbalanced) => {
    expect(flowBalance(incoming, outgoing, ratio).imbalanced).toBe(imbalanced);
  });
});

describe("KPIs", () => {
  it("given 300 international students among 1000, then the share is 30 % against a 30 % target", () => {
    expect(internationalShare(300, 1000)).toEqual({
      international: 300,
      total: 1000,
      share: 0.3,
      target: 0.3,
    });
  });

  it("given no students, then the share is 0", () => {
    expect(internationalShare(0, 0).share).toBe(0);
  });

  it("given origins from one country only, then the Herfindahl index is 1", () => {
    expect(originDiversity([{ countryCode: "CN", count: 40 }]).herfindahl).toBe(1);
  });

  it("given four countries equally represented, then the index is 0.25 and the effective number of countries 4", () => {
    const result = originDiversity(
      ["BR", "CN", "IN", "MA"].map((countryCode) => ({ countryCode, count: 10 })),
    );
    expect(result).toMatchObject({ total: 40, herfindahl: 0.25, effectiveCountries: 4 });
  });

  it("lists the top countries by count with their shares", () => {
    const result = originDiversity(
      [
        { countryCode: "BR", count: 5 },
        { countryCode: "CN", count: 10 },
        { countryCode: "LB", count: 5 },
      ],
      2,
    );
    expect(result.topCountries).toEqual([
      { countryCode: "CN", count: 10, share: 0.5 },
      { countryCode: "BR", count: 5, share: 0.25 },
    ]);
    expect(result.herfindahl).toBe(0.375);
  });

  it("balances flows as incoming minus outgoing", () => {
    expect(flowBalance(3, 5)).toEqual({ incoming: 3, outgoing: 5, balance: -2, imbalanced: false });
  });
});
