import { DomainError, ErrorKind } from "@intl/errors";
import { CampaignsReason } from "../domain/errors.ts";

export function campaignNotFound(field: string): DomainError {
  return new DomainError(
    ErrorKind.NOT_FOUND,
    CampaignsReason.CAMPAIGN_NOT_FOUND,
    "No campaign has this id.",
    { field },
  );
}

export function applicationNotFound(field: string): DomainError {
  return new DomainError(
    ErrorKind.NOT_FOUND,
    CampaignsReason.APPLICATION_NOT_FOUND,
    "No application with this id is known to the campaigns service.",
    {
      field,
    },
  );
}

export function interviewNotFound(field: string): DomainError {
  return new DomainError(
    ErrorKind.NOT_FOUND,
    CampaignsReason.INTERVIEW_NOT_FOUND,
    "No interview has this id.",
    { field },
  );
}
