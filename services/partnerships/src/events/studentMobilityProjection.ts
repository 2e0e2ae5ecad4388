import type { mobilityCompleted, EventOf } from "@intl/events";
import type { Model } from "mongoose";
import type { StudentMobilityDocument } from "../models/studentMobilityModel.ts";
import { applyIfNewer } from "@intl/mongo";

/**
 * Records a completed student mobility (a student flow with its institution),
 * only if newer than what is held. No personal data is kept: ids and facts only.
 * Returns the institutions to reassess.
 */
export async function projectCompletedMobility(
  model: Model<StudentMobilityDocument>,
  event: EventOf<typeof mobilityCompleted>,
  now: Date,
): Promise<string[]> {
  const data = event.data;
  const previous = await model.findById(data.mobilityId, { institutionId: 1 }).lean().exec();
  await applyIfNewer(model, data.mobilityId, event.sequence, {
    institutionId: data.institutionId,
    agreementId: data.agreementId,
    direction: data.direction,
    type: data.type,
    academicYear: data.academicYear,
    startDate: data.startDate,
    endDate: data.endDate,
    updatedAt: now,
  });
  return [...new Set([...(previous ? [previous.institutionId] : []), data.institutionId])];
}
