// Bulk-load benchmark (`npm run bench:bulk -w @intl/students`): 10 000 students and 50 000 mobilities
// into a FRESH database of the dev store (MONGODB_URI, default mongodb://127.0.0.1:27027/), with
// insertMany batches. Every mobility carries its `students.mobility.planned.v1` (and, when it is over,
// `...completed.v1`) event in its own outbox, and holds a seat slot of its agreement (the seat rule),
// exactly as the service writes them one by one. Prints timings; drops the database at the end unless
// BENCH_KEEP=1. Settings: BENCH_STUDENTS, BENCH_MOBILITIES, BENCH_BATCH (1000).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ConfigError, loadConfig, mongoUri } from "@intl/config";
import { createEvent, mobilityCompleted, mobilityPlanned } from "@intl/events";
import { pendingOutboxFilter, withEventsInDocument } from "@intl/kafka";
import type { OutboxEvent } from "@intl/kafka";
import { connectMongo } from "@intl/mongo";
import { academicYearStartingIn } from "../src/domain/academicYear.ts";
import type { Direction } from "../src/domain/agreements.ts";
import { EVENT_SOURCE } from "../src/events/publishedEvents.ts";
import type { MobilityRecord } from "../src/models/mobility.ts";
import type { AgreementViewRecord } from "../src/models/partnerViews.ts";
import { seatSlotId } from "../src/models/seatSlots.ts";
import type { SeatSlotRecord } from "../src/models/seatSlots.ts";
import { openStore, syncIndexes } from "../src/models/store.ts";
import type { StudentRecord } from "../src/models/student.ts";
import { isInternational } from "../src/domain/person.ts";
import { findProgramme } from "../src/domain/programmes.ts";
import { demoStudents } from "../src/seed/demoStudents.ts";
import { pick, seededRandom } from "@intl/subgraph";

const settingsSchema = z.object({
  MONGODB_URI: mongoUri("mongodb://127.0.0.1:27027/"),
  BENCH_STUDENTS: z.coerce.number().int().min(1).default(10_000),
  BENCH_MOBILITIES: z.coerce.number().int().min(0).default(50_000),
  BENCH_BATCH: z.coerce.number().int().min(1).max(10_000).default(1000),
  BENCH_KEEP: z.enum(["0", "1"]).default("0"),
});

const settings = (() => {
  try {
    return loadConfig("students bulk-load benchmark", settingsSchema);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
})();

const AGREEMENTS = 130;
const FIRST_YEAR = 2020;
const YEARS = 10;
const now = new Date();
const today = now.toISOString().slice(0, 10);
const random = seededRandom(42);
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000)).toLocaleString("en");

async function timed<T>(label: string, work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  console.info(`  ${label}: ${seconds(ms)} s`);
  return { result, ms };
}

async function inBatches<T>(
  items: readonly T[],
  insert: (batch: T[]) => Promise<unknown>,
  label: string,
): Promise<void> {
  for (let start = 0; start < items.length; start += settings.BENCH_BATCH) {
    await insert(items.slice(start, start + settings.BENCH_BATCH));
    const done = Math.min(items.length, start + settings.BENCH_BATCH);
    if (done % (settings.BENCH_BATCH * 10) === 0 || done === items.length)
      console.info(`    ${label}: ${done.toLocaleString("en")}`);
  }
}

const databaseName = `students_bench_${Date.now()}`;
console.info(
  `bulk load into ${settings.MONGODB_URI}${databaseName}: ${settings.BENCH_STUDENTS} students, ${settings.BENCH_MOBILITIES} mobilities`,
);
const connection = await connectMongo(settings.MONGODB_URI, databaseName);
const store = openStore(connection);
const totalStart = performance.now();

try {
  await timed("indexes", () => syncIndexes(store));

  // Agreements enough for every seat the mobilities take: 130 partners, ten years, 20 seats each way.
  const seatsPerYear = Math.max(1, Math.ceil(settings.BENCH_MOBILITIES / (AGREEMENTS * YEARS * 2)) + 1);
  const countries = [
    "BR",
    "CN",
    "IN",
    "MA",
    "LB",
    "CO",
    "CL",
    "AR",
    "KR",
    "JP",
    "VN",
    "DE",
    "ES",
    "IT",
    "ZA",
    "SN",
  ];
  const agreements: AgreementViewRecord[] = Array.from({ length: AGREEMENTS }, (_, index) => {
    const id = `bench-agreement-${index}`;
    return {
      _id: id,
      agreementId: id,
      institutionId: `bench-institution-${index}`,
      countryCode: countries[index % countries.length]!,
      type: "EXCHANGE",
      status: "ACTIVE",
      programmeCodes: ["ICM", "ISMIN", "EXCHANGE"],
      eqfLevels: [7, 8],
      seatsOutgoingPerYear: seatsPerYear,
      seatsIncomingPerYear: seatsPerYear,
      firstAcademicYear: academicYearStartingIn(FIRST_YEAR),
      lastAcademicYear: academicYearStartingIn(FIRST_YEAR + YEARS - 1),
      sequence: 1,
      updatedAt: now,
    };
  });
  await store.agreementViews.insertMany(agreements, { lean: true });

  // Students.
  const students: StudentRecord[] = demoStudents(settings.BENCH_STUDENTS, 2026, 7).map((person) => {
    const programme = findProgramme(person.programmeCode)!;
    return {
      _id: randomUUID(),
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email,
      birthDate: person.birthDate,
      nationality: person.nationality,
      international: isInternational(person.nationality),
      homeInstitutionId: null,
      programmeCode: programme.code,
      programmeKind: programme.kind,
      cohort: person.cohort,
      status: person.status ?? "ENROLLED",
      erasedAt: null,
      createdAt: now,
      demo: true,
      version: 1,
      _outbox: [],
    };
  });
  const studentLoad = await timed("students", () =>
    inBatches(
      students,
      (batch) => store.students.insertMany(batch, { ordered: false, lean: true }),
      "students",
    ),
  );

  // Mobilities: spread over every (agreement, year, direction) within its seats, each with its events and seat slot.
  const build = performance.now();
  const mobilities: MobilityRecord[] = [];
  const slots: SeatSlotRecord[] = [];
  for (let index = 0; index < settings.BENCH_MOBILITIES; index++) {
    const cell = index % (AGREEMENTS * YEARS * 2);
    const slot = Math.floor(index / (AGREEMENTS * YEARS * 2));
    const agreement = agreements[cell % AGREEMENTS]!;
    const startYear = FIRST_YEAR + (Math.floor(cell / AGREEMENTS) % YEARS);
    const direction: Direction = cell < AGREEMENTS * YEARS ? "OUTGOING" : "INCOMING";
    const academicYear = academicYearStartingIn(startYear);
    const key = { agreementId: agreement.agreementId, academicYear, direction };
    const seatId = seatSlotId(key, slot);
    const startDate = `${startYear + 1}-02-01`;
    const endDate = `${startYear + 1}-06-30`;
    const completed = endDate < today;
    const mobility: MobilityRecord = {
      _id: randomUUID(),
      studentId: pick(random, students)._id,
      direction,
      type: "STUDY",
      institutionId: agreement.institutionId,
      agreementId: agreement.agreementId,
      seatId,
      academicYear,
      startDate,
      endDate,
      status: completed ? "COMPLETED" : "PLANNED",
      completedAt: completed ? now : null,
      cancelledAt: null,
      cancellationReason: null,
      learningAgreement: null,
      transcript: null,
      createdAt: now,
      demo: true,
      version: completed ? 2 : 1,
      _outbox: [],
    };
    const facts = {
      mobilityId: mobility._id,
      studentId: mobility.studentId,
      institutionId: mobility.institutionId,
      agreementId: mobility.agreementId,
      direction,
      type: mobility.type,
      academicYear,
      startDate,
      endDate,
    };
    const events: OutboxEvent[] = [
      {
        contract: mobilityPlanned,
        envelope: createEvent(mobilityPlanned, {
          id: randomUUID(),
          source: EVENT_SOURCE,
          subject: mobility._id,
          time: now,
          sequence: 1,
          data: facts,
        }),
      },
    ];
    if (completed) {
      events.push({
        contract: mobilityCompleted,
        envelope: createEvent(mobilityCompleted, {
          id: randomUUID(),
          source: EVENT_SOURCE,
          subject: mobility._id,
          time: now,
          sequence: 2,
          data: facts,
        }),
      });
    }
    // Events and the pending marker, as `withEventsInDocument` writes them for the service.
    Object.assign(mobility, withEventsInDocument({}, events, now));
    mobilities.push(mobility);
    slots.push({ _id: seatId, ...key, slot, takenAt: now });
  }
  console.info(
    `  mobilities built in memory (events validated against their contracts): ${seconds(performance.now() - build)} s`,
  );
  const slotLoad = await timed("seat slots", () =>
    inBatches(
      slots,
      (batch) => store.seatSlots.insertMany(batch, { ordered: false, lean: true }),
      "seat slots",
    ),
  );
  const mobilityLoad = await timed("mobilities", () =>
    inBatches(
      mobilities,
      (batch) => store.mobilities.insertMany(batch, { ordered: false, lean: true }),
      "mobilities",
    ),
  );

  const loadMs = performance.now() - totalStart;
  const verification = performance.now();
  const [studentCount, mobilityCount, pending] = await Promise.all([
    store.students.countDocuments().exec(),
    store.mobilities.countDocuments().exec(),
    store.mobilities.countDocuments(pendingOutboxFilter).exec(),
  ]);
  const verifyMs = performance.now() - verification;
  console.info("");
  console.info(
    `students:   ${studentCount.toLocaleString("en")} in ${seconds(studentLoad.ms)} s (${perSecond(studentCount, studentLoad.ms)} students/s)`,
  );
  console.info(
    `mobilities: ${mobilityCount.toLocaleString("en")} in ${seconds(mobilityLoad.ms)} s (${perSecond(mobilityCount, mobilityLoad.ms)} mobilities/s), ` +
      `${pending.toLocaleString("en")} with events pending in their outbox; + ${slots.length.toLocaleString("en")} seat slots in ${seconds(slotLoad.ms)} s`,
  );
  console.info(`total load: ${seconds(loadMs)} s (indexes, agreements, students, seat slots, mobilities)`);
  console.info(`checking the counts afterwards (full scans on FerretDB): ${seconds(verifyMs)} s`);
} finally {
  if (settings.BENCH_KEEP === "1") console.info(`kept database ${databaseName}`);
  else await connection.dropDatabase();
  await connection.close();
}
