import { InputErrors } from "@intl/errors";
import { ResearchReason } from "./errors.ts";
import { checkText } from "./inputChecks.ts";
import { unknownCentre } from "./missingReferences.ts";
import type { ResearchDomain } from "./vocabulary.ts";

/** Who a faculty member is: what registering one gives and what the record keeps. */
export interface FacultyDetails {
  firstName: string;
  lastName: string;
  email: string;
  centreId: string;
  domains: ResearchDomain[];
  /** ISO 639-1 codes. */
  languages: string[];
}

export interface FacultyState extends FacultyDetails {
  id: string;
  /** Holds the HDR (habilitation to supervise PhDs). */
  hdr: boolean;
  registeredAt: Date;
  demo: boolean;
}

export interface RegisterFacultyCommand extends FacultyDetails {
  hdr?: boolean;
  demo?: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LANGUAGE = /^[a-z]{2}$/;

/**
 * A faculty member belongs to an existing centre, works in at least one domain and
 * speaks languages named by their ISO 639-1 codes. The centre's existence is a fact
 * the caller looked up.
 */
export function registerFaculty(
  command: RegisterFacultyCommand,
  facts: { centreExists: boolean },
  id: string,
  now: Date,
): FacultyState {
  const errors = new InputErrors();
  checkText(errors, command.firstName, "input.firstName", "the first name");
  checkText(errors, command.lastName, "input.lastName", "the last name");
  errors.check(
    EMAIL.test(command.email.trim()),
    ResearchReason.INVALID_EMAIL,
    "input.email",
    "the email address is not valid",
  );
  errors.check(
    command.domains.length > 0,
    ResearchReason.NO_DOMAIN,
    "input.domains",
    "a faculty member works in at least one domain",
  );
  const languages = command.languages.map((language) => language.trim().toLowerCase());
  errors.check(
    languages.length > 0 && languages.every((language) => LANGUAGE.test(language)),
    ResearchReason.INVALID_LANGUAGE,
    "input.languages",
    "languages are ISO 639-1 codes such as fr or en, at least one",
  );
  errors.throwIfAny();
  if (!facts.centreExists) throw unknownCentre("input.centreId", command.centreId);
  return {
    id,
    firstName: command.firstName.trim(),
    lastName: command.lastName.trim(),
    email: command.email.trim().toLowerCase(),
    centreId: command.centreId,
    domains: [...new Set(command.domains)],
    languages: [...new Set(languages)],
    hdr: command.hdr ?? false,
    registeredAt: now,
    demo: command.demo ?? false,
  };
}
