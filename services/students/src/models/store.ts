import type { Connection } from "mongoose";
import { applicationModel } from "./application.ts";
import { erasureNoticeModel, erasureRequestModel } from "./erasureRequest.ts";
import { erasureReceiptModel } from "@intl/subgraph";
import { mobilityModel } from "./mobility.ts";
import { agreementViewModel, institutionViewModel } from "./partnerViews.ts";
import { seatSlotModel } from "./seatSlots.ts";
import { studentModel } from "./student.ts";

/** Every model of the service, built on its own connection. */
export function openStore(connection: Connection) {
  return {
    students: studentModel(connection),
    applications: applicationModel(connection),
    mobilities: mobilityModel(connection),
    seatSlots: seatSlotModel(connection),
    agreementViews: agreementViewModel(connection),
    institutionViews: institutionViewModel(connection),
    erasureRequests: erasureRequestModel(connection),
    erasureNotices: erasureNoticeModel(connection),
    erasureReceipts: erasureReceiptModel(connection),
  };
}

export type Store = ReturnType<typeof openStore>;

/** The aggregates whose documents carry an outbox, for the relay. */
export function outboxModels(store: Store) {
  return [store.students, store.applications, store.mobilities, store.erasureRequests, store.erasureReceipts];
}

/** Creates the indexes declared on the schemas (idempotent). */
export async function syncIndexes(store: Store): Promise<void> {
  for (const model of Object.values(store)) await model.createIndexes();
}
