import { findByIds } from "@intl/mongo";
import type { Model } from "mongoose";
import { ApplicationStatus } from "../domain/applicationProgress.ts";
import type { KnownApplication } from "../domain/applicationProgress.ts";
import type { KnownInstitutions } from "../domain/campaignDetails.ts";
import { knownApplicationFromDocument } from "./knownApplicationModel.ts";
import type { ErasedStudentDocument, KnownApplicationDocument } from "./knownApplicationModel.ts";
import type { KnownFacultyDocument } from "./knownFacultyModel.ts";
import type { KnownInstitutionDocument } from "./knownInstitutionModel.ts";
import { isDuplicateKeyError } from "@intl/mongo";

/**
 * Writes `state` unless the document already holds a newer (or the same)
 * sequence: an upsert whose filter demands an older sequence. When the stored
 * one is newer, the upsert collides with its `_id` and the event is stale.
 */
async function applyIfNewer<D extends { _id: string; sequence: number }>(
  model: Model<D>,
  id: string,
  sequence: number,
  state: Omit<D, "_id">,
): Promise<boolean> {
  try {
    const result = await model
      .updateOne({ _id: id, sequence: { $lt: sequence } } as never, { $set: state } as never, {
        upsert: true,
      })
      .exec();
    return result.matchedCount + result.upsertedCount > 0;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

export interface ApplicationSnapshot extends KnownApplication {
  studentId: string;
  programmeKind: string;
}

export function readModelRepository(
  KnownApplication: Model<KnownApplicationDocument>,
  KnownInstitution: Model<KnownInstitutionDocument>,
  KnownFaculty: Model<KnownFacultyDocument>,
  ErasedStudent: Model<ErasedStudentDocument>,
) {
  return {
    /** Records an application's state as of event `sequence`; false when a newer one is already held. */
    async recordApplication(snapshot: ApplicationSnapshot, sequence: number, now: Date): Promise<boolean> {
      const { id, studentId, ...facts } = snapshot;
      const erased = await ErasedStudent.exists({ _id: studentId }).exec();
      return applyIfNewer(KnownApplication, id, sequence, {
        ...facts,
        studentId: erased ? null : studentId,
        sequence,
        studentErasedAt: null,
        updatedAt: now,
      });
    },

    /**
     * Erasure: the student id is the only link this service holds to a person.
     * Dropping it keeps the figures (a candidate counted, an interview held) and
     * loses the person; the erasure is remembered so that no later event brings it back.
     */
    async forgetStudent(studentId: string, erasedAt: Date): Promise<number> {
      await ErasedStudent.updateOne(
        { _id: studentId },
        { $setOnInsert: { erasedAt } },
        { upsert: true },
      ).exec();
      const result = await KnownApplication.updateMany(
        { studentId },
        { $set: { studentId: null, studentErasedAt: erasedAt } },
      ).exec();
      return result.modifiedCount;
    },

    async findApplication(id: string): Promise<KnownApplication | null> {
      const document = await KnownApplication.findById(id).lean<KnownApplicationDocument>().exec();
      return document ? knownApplicationFromDocument(document) : null;
    },

    async findApplications(ids: readonly string[]): Promise<KnownApplication[]> {
      const documents = await findByIds(KnownApplication, ids, (condition) =>
        KnownApplication.find(condition).lean<KnownApplicationDocument[]>().exec(),
      );
      return documents.map(knownApplicationFromDocument);
    },

    /** Applications awaiting their decision in a country and intake, for these programmes. */
    async findAwaiting(
      countryCode: string,
      academicYear: string,
      programmeCodes: readonly string[],
    ): Promise<KnownApplication[]> {
      const documents = await KnownApplication.find({
        countryCode,
        academicYear,
        status: ApplicationStatus.SUBMITTED,
        programmeCode: { $in: [...programmeCodes] },
      })
        .lean<KnownApplicationDocument[]>()
        .exec();
      return documents.map(knownApplicationFromDocument);
    },

    /** The student id held for an application (null once erased): tests of erasure read it. */
    async studentIdOf(applicationId: string): Promise<string | null> {
      const document = await KnownApplication.findById(applicationId)
        .select({ studentId: 1 })
        .lean<Pick<KnownApplicationDocument, "studentId">>()
        .exec();
      return document?.studentId ?? null;
    },

    async recordInstitution(
      institution: { id: string; name: string; countryCode: string },
      sequence: number,
      now: Date,
    ): Promise<boolean> {
      return applyIfNewer(KnownInstitution, institution.id, sequence, {
        name: institution.name,
        countryCode: institution.countryCode,
        sequence,
        updatedAt: now,
      });
    },

    async knownInstitutions(ids: readonly string[]): Promise<KnownInstitutions> {
      const documents = await findByIds(KnownInstitution, ids, (condition) =>
        KnownInstitution.find(condition).lean<KnownInstitutionDocument[]>().exec(),
      );
      return new Map(documents.map((document) => [document._id, { countryCode: document.countryCode }]));
    },

    async recordFaculty(facultyId: string, now: Date): Promise<void> {
      await KnownFaculty.updateOne(
        { _id: facultyId },
        { $setOnInsert: { firstSeenAt: now } },
        { upsert: true },
      ).exec();
    },

    async knownFacultyIds(): Promise<string[]> {
      const documents = await KnownFaculty.find().sort({ _id: 1 }).lean<KnownFacultyDocument[]>().exec();
      return documents.map((document) => document._id);
    },

    /** Applications held for these countries (the seed waits for the demo nominations). */
    async applicationsIn(countryCodes: readonly string[]): Promise<KnownApplication[]> {
      const documents = await KnownApplication.find({ countryCode: { $in: [...countryCodes] } })
        .sort({ _id: 1 })
        .lean<KnownApplicationDocument[]>()
        .exec();
      return documents.map(knownApplicationFromDocument);
    },

    async institutionsIn(
      countryCodes: readonly string[],
    ): Promise<{ id: string; name: string; countryCode: string }[]> {
      const documents = await KnownInstitution.find({ countryCode: { $in: [...countryCodes] } })
        .sort({ _id: 1 })
        .lean<KnownInstitutionDocument[]>()
        .exec();
      return documents.map((document) => ({
        id: document._id,
        name: document.name,
        countryCode: document.countryCode,
      }));
    },
  };
}

export type ReadModelRepository = ReturnType<typeof readModelRepository>;
