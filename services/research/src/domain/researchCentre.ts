import { InputErrors } from "@intl/errors";
import { ResearchReason } from "./errors.ts";
import { checkText } from "./inputChecks.ts";
import type { ResearchDomain } from "./vocabulary.ts";

export interface ResearchCentreState {
  id: string;
  /** Short code (CMP, SPIN...), unique. */
  code: string;
  name: string;
  domains: ResearchDomain[];
  demo: boolean;
}

export interface CreateResearchCentreCommand {
  code: string;
  name: string;
  domains: ResearchDomain[];
  demo?: boolean;
}

/** A centre has a short upper-case code, a name and at least one domain. */
export function createResearchCentre(command: CreateResearchCentreCommand, id: string): ResearchCentreState {
  const errors = new InputErrors();
  errors.check(
    /^[A-Z][A-Z0-9-]{1,15}$/.test(command.code.trim()),
    ResearchReason.INVALID_CENTRE_CODE,
    "input.code",
    "the code must be 2 to 16 upper-case letters, digits or dashes",
  );
  checkText(errors, command.name, "input.name", "the name");
  errors.check(
    command.domains.length > 0,
    ResearchReason.NO_DOMAIN,
    "input.domains",
    "a centre works in at least one domain",
  );
  errors.throwIfAny();
  return {
    id,
    code: command.code.trim(),
    name: command.name.trim(),
    domains: [...new Set(command.domains)],
    demo: command.demo ?? false,
  };
}
