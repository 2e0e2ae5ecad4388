import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventEnvelope } from "@intl/events";
import { expectEventually } from "@intl/testing";
import { loadDemoData } from "../src/seed/loadDemoData.ts";
import { StudentsTestService, agreementFacts } from "./studentsTestService.ts";

const now = new Date("2026-11-25T12:00:00.000Z");
const service = new StudentsTestService({ clock: () => now });
const agreements = [
  agreementFacts({
    institutionId: `demo-br-${randomUUID().slice(0, 6)}`,
    countryCode: "BR",
    seatsOutgoingPerYear: 3,
    seatsIncomingPerYear: 2,
    firstAcademicYear: "2023-2024",
  }),
  agreementFacts({
    institutionId: `demo-cn-${randomUUID().slice(0, 6)}`,
    countryCode: "CN",
    seatsOutgoingPerYear: 2,
    seatsIncomingPerYear: 2,
    firstAcademicYear: "2023-2024",
  }),
  agreementFacts({
    institutionId: `demo-ma-${randomUUID().slice(0, 6)}`,
    countryCode: "MA",
    seatsOutgoingPerYear: 1,
    seatsIncomingPerYear: 1,
    programmeCodes: ["PHD"],
    eqfLevels: [],
  }),
];
let planned: EventEnvelope[] = [];

beforeAll(async () => {
  await service.start();
  for (const agreement of agreements) await service.knownAgreement(agreement);
  planned = await service.collect("students.mobility");
});
afterAll(() => service.stop());

const quiet = () => {};

describe("the demo data", () => {
  it("loads demo students, mobilities within the agreements' seats and nominations, through the application operations", async () => {
    const report = await loadDemoData(service.app, { students: 80, now, log: quiet });

    expect(report.studentsCreated).toBe(80);
    expect(report.outgoingPlanned).toBeGreaterThan(0);
    expect(report.nominationsSubmitted).toBeGreaterThan(0);
    expect(await service.count("students", { demo: { $ne: true } })).toBe(0);

    const mobilities = await service.connection
      .collection("mobilities")
      .find({ agreementId: { $ne: null }, status: { $ne: "CANCELLED" } })
      .toArray();
    const used = new Map<string, number>();
    for (const mobility of mobilities) {
      const key = `${mobility.agreementId}|${mobility.academicYear}|${mobility.direction}`;
      used.set(key, (used.get(key) ?? 0) + 1);
    }
    for (const [key, count] of used) {
      const [agreementId, , direction] = key.split("|");
      const agreement = agreements.find((candidate) => candidate.agreementId === agreementId)!;
      expect(count).toBeLessThanOrEqual(
        direction === "OUTGOING" ? agreement.seatsOutgoingPerYear : agreement.seatsIncomingPerYear,
      );
    }

    const total = await service.count("mobilities");
    await expectEventually(() =>
      expect(planned.filter((event) => event.type === "students.mobility.planned.v1")).toHaveLength(total),
    );
  });

  it("tops up rather than duplicates when run again", async () => {
    const [students, mobilities, applications] = [
      await service.count("students"),
      await service.count("mobilities"),
      await service.count("applications"),
    ];
    const again = await loadDemoData(service.app, { students: 80, now, log: quiet });
    expect(again).toMatchObject({ studentsCreated: 0, nominationsSubmitted: 0 });
    expect(await service.count("students")).toBe(students);
    expect(await service.count("applications")).toBe(applications);
    // Students left without a mobility are tried again, but the seats they lacked are still taken.
    expect(await service.count("mobilities")).toBe(mobilities);
  });
});
