import DataLoader from "dataloader";
import { findWhereIn } from "@intl/mongo";
import { createByIdLoader } from "@intl/subgraph";
import type { BaseContext } from "@intl/subgraph";
import type { OutgoingMobilityFact } from "../domain/mobilityCompliance.ts";
import type { Store } from "../models/store.ts";
import type { StudentRecord } from "../models/student.ts";
import type { StudentsApp } from "../application/studentsApp.ts";

/** What every resolver of this service gets: the viewer, and the request's DataLoaders. */
export interface StudentsContext extends BaseContext {
  loaders: ReturnType<typeof requestLoaders>;
}

function requestLoaders(app: StudentsApp, store: Store) {
  return {
    students: createByIdLoader<StudentRecord & { id: string }>(async (ids) =>
      (await app.studentsByIds(ids)).map((student) => ({ ...student, id: student._id })),
    ),
    /** Non-cancelled outgoing mobilities per student, for the 100 % rule status of each student of a list. */
    outgoingMobilities: new DataLoader<string, OutgoingMobilityFact[]>(async (studentIds) => {
      const found = await findWhereIn(store.mobilities, "studentId", studentIds, (condition) =>
        store.mobilities
          .find(
            { ...condition, direction: "OUTGOING", status: { $ne: "CANCELLED" } },
            { studentId: 1, status: 1 },
          )
          .lean<OutgoingMobilityFact[]>()
          .exec(),
      );
      return studentIds.map((id) => found.filter((mobility) => mobility.studentId === id));
    }),
  };
}

/** Extends the base context per request (fresh DataLoaders: their cache dies with the request). */
export function contextBuilder(app: StudentsApp, store: Store) {
  return (base: BaseContext): StudentsContext => ({ ...base, loaders: requestLoaders(app, store) });
}
