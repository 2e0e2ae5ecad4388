import type { mobilityCompleted, EventOf } from "@intl/events";
import type { Model } from "mongoose";
import type { StudentMobilityDocument } from "../models/studentMobilityModel.ts";
import { isDuplicateKeyError } from "@intl/mongo";

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
  try {
    await model
      .updateOne(
        { _id: data.mobilityId, sequence: { $lt: event.sequence } },
        {
          $set: {
            institutionId: data.institutionId,
            agreementId: data.agreementId,
            direction: data.direction,
            type: data.type,
            academicYear: data.academicYear,
            startDate: data.startDate,
            endDate: data.endDate,
            sequence: event.sequence,
            updatedAt: now,
          },
        },
        { upsert: true },
      )
      .exec();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  return [...new Set([...(previous ? [previous.institutionId] : []), data.institutionId])];
}
