import { DomainError, ErrorKind } from "@intl/errors";
import { createOutboxWriter, withEventsInDocument } from "@intl/kafka";
import { documentKey, fieldDecision, isDuplicateKeyError } from "@intl/mongo";
import { PartnershipsReason } from "../domain/errors.ts";
import {
  identifierField,
  IdentifierKind,
  requireIdentifier,
  type InstitutionIdentifiers,
} from "../domain/institutionIdentifiers.ts";
import {
  validateInstitutionDetails,
  type InstitutionDetails,
  type InstitutionDetailsInput,
} from "../domain/institutionRegistration.ts";
import {
  institutionCreatedEvent,
  institutionUpdatedEvent,
  tierChangedEvent,
} from "../events/publishedEvents.ts";
import {
  identifierLookupField,
  identifierLookupFields,
  lookupFieldsOf,
  storedDetails,
} from "../models/institutionModel.ts";
import type { InstitutionDocument } from "../models/institutionModel.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";
import { institutionNotFound, type PartnershipStandingService } from "./partnershipStanding.ts";
import type { Viewer } from "@intl/auth";
import { requireWriter } from "../domain/access.ts";

export interface RegistrationOptions {
  /** A fixed id (demo data); default: a new one. */
  id?: string;
  demo?: boolean;
}

/** Partner institutions: registration, corrections, look-up by any field identifier. */
export function institutionRegistry(deps: ApplicationDeps, standing: PartnershipStandingService) {
  const { models, clock, newId, eventsQueued, writeQueue } = deps;
  const writer = createOutboxWriter(deps);
  const { Institution, Agreement } = models;
  const institutionKey = (id: string) => documentKey(Institution.collection.collectionName, id);
  const agreementKey = (id: string) => documentKey(Agreement.collection.collectionName, id);

  /** CONFLICT naming the first identifier another institution already holds. */
  async function refuseTakenIdentifiers(
    identifiers: InstitutionIdentifiers,
    exceptId: string | null,
  ): Promise<void> {
    for (const kind of Object.values(IdentifierKind)) {
      const key = identifierField[kind];
      const value = identifiers[key];
      if (value === null) continue;
      const holder = await Institution.findOne({ [identifierLookupField(key)]: value }, { _id: 1, name: 1 })
        .lean()
        .exec();
      if (holder && holder._id !== exceptId) {
        throw new DomainError(
          ErrorKind.CONFLICT,
          PartnershipsReason.IDENTIFIER_TAKEN,
          `${kind} identifier ${value} already belongs to ${holder.name}`,
          { field: `input.identifiers.${key}`, details: { kind, institutionId: holder._id } },
        );
      }
    }
  }

  /** A unique index refused the write: name the identifier (the store's message does not say which). */
  async function explainDuplicate(details: InstitutionDetails, exceptId: string | null): Promise<never> {
    await refuseTakenIdentifiers(details.identifiers, exceptId);
    throw new DomainError(
      ErrorKind.CONFLICT,
      PartnershipsReason.CONCURRENT_CHANGE,
      "Another change took one of these identifiers; try again",
    );
  }

  async function register(
    id: string,
    details: InstitutionDetails,
    options: RegistrationOptions,
  ): Promise<InstitutionDocument> {
    await refuseTakenIdentifiers(details.identifiers, null);
    if (options.id && (await Institution.exists({ _id: id }))) {
      throw new DomainError(
        ErrorKind.CONFLICT,
        PartnershipsReason.INSTITUTION_ID_TAKEN,
        `Institution ${id} already exists`,
      );
    }
    const now = clock();
    const partnership = await standing.initialPartnership(id, now);
    const stored = storedDetails(details);
    const document = {
      _id: id,
      ...stored,
      partnership,
      ...lookupFieldsOf({ identifiers: stored.identifiers, partnership }),
      demo: options.demo ?? false,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const stamp = { time: now, sequence: 1 };
    const events = [institutionCreatedEvent(document, { id: newId(), ...stamp })];
    if (partnership.tier !== "STANDARD") {
      events.push(tierChangedEvent(id, "STANDARD", partnership.tier, { id: newId(), ...stamp }));
    }
    try {
      await Institution.create(withEventsInDocument(document, events, now));
    } catch (error) {
      if (isDuplicateKeyError(error)) await explainDuplicate(details, id);
      throw error;
    }
    eventsQueued({ model: Institution, id });
    return (await Institution.findById(id).lean<InstitutionDocument>().exec())!;
  }

  /**
   * Copies the institution's country and zone to its agreements, one agreement at a
   * time under its own key (inside the institution's: institution first, then
   * agreement, the order every path takes): on FerretDB an `updateMany` would race the
   * agreements' transitions and the relay's removals of their published events.
   */
  async function copyPlaceToAgreements(institution: InstitutionDocument): Promise<void> {
    const { countryCode, zone } = institution;
    const elsewhere = await Agreement.find(
      {
        institutionId: institution._id,
        $or: [{ countryCode: { $ne: countryCode } }, { zone: { $ne: zone } }],
      },
      { _id: 1 },
    )
      .lean<{ _id: string }[]>()
      .exec();
    for (const { _id } of elsewhere) {
      await writeQueue.run(agreementKey(_id), () =>
        Agreement.updateOne({ _id }, { $set: { countryCode, zone } }).exec(),
      );
    }
  }

  async function update(id: string, details: InstitutionDetails): Promise<InstitutionDocument> {
    try {
      return await writer.update(Institution, id, {
        load: async () => {
          const current = await Institution.findById(id).lean<InstitutionDocument>().exec();
          if (!current) throw institutionNotFound(id, "id");
          await refuseTakenIdentifiers(details.identifiers, id);
          return current;
        },
        decide: (current, now) => {
          const changes = storedDetails(details);
          return fieldDecision(current, {
            set: { ...changes, ...identifierLookupFields(changes.identifiers), updatedAt: now },
            events: (_next, sequence) => [
              institutionUpdatedEvent({ _id: id, ...changes }, { id: newId(), time: now, sequence }),
            ],
          });
        },
        // Under the institution's key, like drafting an agreement (which reads the place
        // to copy): no agreement keeps a place left behind.
        afterWrite: copyPlaceToAgreements,
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) return explainDuplicate(details, id);
      throw error;
    }
  }

  return {
    async registerInstitution(
      viewer: Viewer,
      input: InstitutionDetailsInput,
      options: RegistrationOptions = {},
    ): Promise<InstitutionDocument> {
      requireWriter(viewer);
      const details = validateInstitutionDetails(input);
      const id = options.id ?? newId();
      // Under the new institution's key: a reassessment queued meanwhile (a consumed fact
      // about it) runs once the document exists, with the facts its first assessment missed.
      return writeQueue.run(institutionKey(id), () => register(id, details, options));
    },

    /**
     * Replaces name, place, website and identifiers. A country change is copied
     * to the institution's agreements (they are counted by country and zone).
     */
    async updateInstitution(
      viewer: Viewer,
      id: string,
      input: InstitutionDetailsInput,
    ): Promise<InstitutionDocument> {
      requireWriter(viewer);
      const details = validateInstitutionDetails(input);
      return update(id, details);
    },

    async findInstitution(id: string): Promise<InstitutionDocument | null> {
      return Institution.findById(id).lean<InstitutionDocument>().exec();
    },

    /** Any accepted spelling finds it (ROR URL or bare id, Erasmus code with one space...); a malformed value is bad input on `value`. */
    async findInstitutionByIdentifier(
      kind: IdentifierKind,
      value: string,
    ): Promise<InstitutionDocument | null> {
      const normalised = requireIdentifier(kind, value, "value");
      return Institution.findOne({ [identifierLookupField(identifierField[kind])]: normalised })
        .lean<InstitutionDocument>()
        .exec();
    },
  };
}

export type InstitutionRegistry = ReturnType<typeof institutionRegistry>;
