import { DomainError, ErrorKind, InputErrors } from "@intl/errors";
import { Role } from "@intl/auth";
import type { Role as RoleName } from "@intl/auth";
import { hdrRequired, notSupervisor } from "./access.ts";
import { ResearchReason } from "./errors.ts";
import { checkAcademicYear, checkText } from "./inputChecks.ts";
import {
  notFound,
  unknownApplication,
  unknownCentre,
  unknownFaculty,
  unknownInstitutions,
} from "./missingReferences.ts";
import type { ResearchDomain } from "./vocabulary.ts";

export const PhdPositionStatus = { OPEN: "OPEN", FILLED: "FILLED", CANCELLED: "CANCELLED" } as const;
export type PhdPositionStatus = (typeof PhdPositionStatus)[keyof typeof PhdPositionStatus];

/** Who must agree a PhD subject besides its supervisor. */
export const SubjectParty = { CANDIDATE: "CANDIDATE", CO_SUPERVISOR: "CO_SUPERVISOR" } as const;
export type SubjectParty = (typeof SubjectParty)[keyof typeof SubjectParty];

/** The seed's criteria for PhD candidates, 0 to 20 each. */
export interface PhdScores {
  scientificExcellence: number;
  motivation: number;
  professionalProject: number;
}

export interface PhdAssessment extends PhdScores {
  assessedBy: string;
  assessedAt: Date;
}

export interface PhdCandidateState {
  id: string;
  /** The students service's PhD application, when nominated through it. */
  applicationId: string | null;
  studentId: string | null;
  /** A candidate added directly (personal data). */
  fullName: string | null;
  institutionId: string | null;
  assessment: PhdAssessment | null;
  candidateAgreedAt: Date | null;
  coSupervisorAgreedAt: Date | null;
  addedAt: Date;
}

export interface PhdCoSupervisor {
  /** The partner institution's faculty member (personal data). */
  fullName: string;
  institutionId: string;
}

export interface PhdPositionState {
  id: string;
  subject: string;
  domain: ResearchDomain;
  centreId: string;
  supervisorId: string;
  coSupervisor: PhdCoSupervisor | null;
  academicYear: string;
  status: PhdPositionStatus;
  candidates: PhdCandidateState[];
  selectedCandidateId: string | null;
  selectedAt: Date | null;
  openedAt: Date;
  version: number;
  demo: boolean;
}

export interface OpenPhdPositionCommand {
  subject: string;
  domain: ResearchDomain;
  supervisorId: string;
  centreId?: string | null;
  coSupervisor?: PhdCoSupervisor | null;
  academicYear: string;
  demo?: boolean;
}

export interface OpenPhdPositionFacts {
  supervisor: { id: string; hdr: boolean; centreId: string } | null;
  /** Whether the command's explicit `centreId` (if any) exists. */
  centreExists: boolean;
  /** Whether the co-supervisor's institution (if any) is known to the school. */
  coSupervisorInstitutionKnown: boolean;
}

/**
 * A PhD position has an individual subject and is supervised by a faculty member
 * holding the HDR; it may be co-supervised by a faculty member of a partner institution.
 */
export function openPhdPosition(
  command: OpenPhdPositionCommand,
  facts: OpenPhdPositionFacts,
  id: string,
  now: Date,
): PhdPositionState {
  const errors = new InputErrors();
  checkText(errors, command.subject, "input.subject", "the subject");
  checkAcademicYear(errors, command.academicYear, "input.academicYear");
  if (command.coSupervisor)
    checkText(
      errors,
      command.coSupervisor.fullName,
      "input.coSupervisor.fullName",
      "the co-supervisor's name",
    );
  errors.throwIfAny();
  const { supervisor } = facts;
  if (!supervisor) throw unknownFaculty("input.supervisorId", command.supervisorId);
  if (!supervisor.hdr) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      ResearchReason.SUPERVISOR_NOT_HDR,
      "A PhD is supervised by a faculty member holding the HDR (habilitation to supervise research); this one does not.",
      { field: "input.supervisorId" },
    );
  }
  if (command.centreId && !facts.centreExists) throw unknownCentre("input.centreId", command.centreId);
  if (command.coSupervisor && !facts.coSupervisorInstitutionKnown) {
    throw unknownInstitutions("input.coSupervisor.institutionId", [command.coSupervisor.institutionId]);
  }
  return {
    id,
    subject: command.subject.trim(),
    domain: command.domain,
    centreId: command.centreId || supervisor.centreId,
    supervisorId: supervisor.id,
    coSupervisor: command.coSupervisor
      ? { fullName: command.coSupervisor.fullName.trim(), institutionId: command.coSupervisor.institutionId }
      : null,
    academicYear: command.academicYear,
    status: PhdPositionStatus.OPEN,
    candidates: [],
    selectedCandidateId: null,
    selectedAt: null,
    openedAt: now,
    version: 1,
    demo: command.demo ?? false,
  };
}

function assertOpen(position: PhdPositionState): void {
  if (position.status !== PhdPositionStatus.OPEN) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      ResearchReason.POSITION_NOT_OPEN,
      `This PhD position is ${position.status}.`,
      {
        details: { status: position.status },
      },
    );
  }
}

function findCandidate(position: PhdPositionState, candidateId: string): PhdCandidateState {
  const candidate = position.candidates.find((c) => c.id === candidateId);
  if (!candidate)
    throw notFound(ResearchReason.CANDIDATE_NOT_FOUND, "candidate on this position", candidateId);
  return candidate;
}

function withCandidate(position: PhdPositionState, candidate: PhdCandidateState): PhdPositionState {
  return {
    ...position,
    candidates: position.candidates.map((c) => (c.id === candidate.id ? candidate : c)),
    version: position.version + 1,
  };
}

export interface AddPhdCandidateCommand {
  applicationId?: string | null;
  fullName?: string | null;
  institutionId?: string | null;
}

export interface AddPhdCandidateFacts {
  /** The PhD application named by the command, as the students service last told. */
  application: { applicationId: string; studentId: string; institutionId: string; withdrawn: boolean } | null;
  /** Whether the direct candidate's institution (if any) is known to the school. */
  institutionKnown: boolean;
}

/**
 * A candidate joins an open position either through a PhD application the school
 * received (once per position, not withdrawn) or directly by name.
 */
export function addPhdCandidate(
  position: PhdPositionState,
  command: AddPhdCandidateCommand,
  facts: AddPhdCandidateFacts,
  candidateId: string,
  now: Date,
): PhdPositionState {
  const fullName = command.fullName?.trim() || null;
  const errors = new InputErrors();
  errors.check(
    Boolean(command.applicationId) || fullName !== null,
    ResearchReason.CANDIDATE_IDENTITY_REQUIRED,
    "input.applicationId",
    "name the candidate's PhD application, or their full name for a candidate added directly",
  );
  errors.throwIfAny();
  assertOpen(position);
  const base = {
    id: candidateId,
    assessment: null,
    candidateAgreedAt: null,
    coSupervisorAgreedAt: null,
    addedAt: now,
  };
  let candidate: PhdCandidateState;
  if (command.applicationId) {
    const { application } = facts;
    if (!application) throw unknownApplication("input.applicationId", command.applicationId);
    if (application.withdrawn) {
      throw new DomainError(
        ErrorKind.CONFLICT,
        ResearchReason.APPLICATION_WITHDRAWN,
        "This PhD application was withdrawn.",
        {
          field: "input.applicationId",
        },
      );
    }
    if (position.candidates.some((c) => c.applicationId === application.applicationId)) {
      throw new DomainError(
        ErrorKind.CONFLICT,
        ResearchReason.CANDIDATE_ALREADY_ADDED,
        "This application is already a candidate for this position.",
        {
          field: "input.applicationId",
        },
      );
    }
    candidate = {
      ...base,
      applicationId: application.applicationId,
      studentId: application.studentId,
      fullName,
      institutionId: application.institutionId,
    };
  } else {
    if (command.institutionId && !facts.institutionKnown) {
      throw unknownInstitutions("input.institutionId", [command.institutionId]);
    }
    candidate = {
      ...base,
      applicationId: null,
      studentId: null,
      fullName,
      institutionId: command.institutionId || null,
    };
  }
  return { ...position, candidates: [...position.candidates, candidate], version: position.version + 1 };
}

/** The viewer acting, as far as PhD rules care. */
export interface PhdActor {
  role: RoleName;
  facultyId: string | null;
  institutionId: string | null;
}

function isSupervisor(actor: PhdActor, position: PhdPositionState): boolean {
  return actor.role === Role.FACULTY && actor.facultyId !== null && actor.facultyId === position.supervisorId;
}

const SCORE_FIELDS = ["scientificExcellence", "motivation", "professionalProject"] as const;

/** The supervisor scores a candidate on the seed's three criteria, each from 0 to 20. */
export function assessPhdCandidate(
  position: PhdPositionState,
  actor: PhdActor,
  candidateId: string,
  scores: PhdScores,
  now: Date,
): PhdPositionState {
  if (!isSupervisor(actor, position)) throw notSupervisor();
  const errors = new InputErrors();
  for (const field of SCORE_FIELDS) {
    const score = scores[field];
    errors.check(
      Number.isFinite(score) && score >= 0 && score <= 20,
      ResearchReason.INVALID_SCORE,
      `input.${field}`,
      `${field} must be between 0 and 20`,
    );
  }
  errors.throwIfAny();
  assertOpen(position);
  const candidate = findCandidate(position, candidateId);
  const assessment: PhdAssessment = {
    scientificExcellence: scores.scientificExcellence,
    motivation: scores.motivation,
    professionalProject: scores.professionalProject,
    assessedBy: position.supervisorId,
    assessedAt: now,
  };
  return withCandidate(position, { ...candidate, assessment });
}

/** Mean of the three criteria. */
export function assessmentMean(scores: PhdScores): number {
  return (scores.scientificExcellence + scores.motivation + scores.professionalProject) / 3;
}

/**
 * Records a party's agreement on the subject. The office and the supervisor record
 * either party's; a partner records only its own co-supervisor's.
 */
export function agreeSubject(
  position: PhdPositionState,
  actor: PhdActor,
  candidateId: string,
  party: SubjectParty,
  now: Date,
): PhdPositionState {
  if (actor.role === Role.FACULTY && !isSupervisor(actor, position)) throw notSupervisor();
  if (actor.role === Role.PARTNER) {
    if (party !== SubjectParty.CO_SUPERVISOR) {
      throw new DomainError(
        ErrorKind.FORBIDDEN,
        ResearchReason.NOT_PARTY_REPRESENTATIVE,
        "A partner records only its co-supervisor's agreement.",
      );
    }
    if (!position.coSupervisor || actor.institutionId !== position.coSupervisor.institutionId) {
      throw new DomainError(
        ErrorKind.FORBIDDEN,
        ResearchReason.NOT_OWN_INSTITUTION,
        "The co-supervisor of this position is not from your institution.",
      );
    }
  }
  assertOpen(position);
  const candidate = findCandidate(position, candidateId);
  if (party === SubjectParty.CO_SUPERVISOR && !position.coSupervisor) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      ResearchReason.NO_CO_SUPERVISOR,
      "This position has no co-supervisor to agree its subject.",
      {
        field: "input.party",
      },
    );
  }
  const key = party === SubjectParty.CANDIDATE ? "candidateAgreedAt" : "coSupervisorAgreedAt";
  if (candidate[key]) return position; // already agreed: the first agreement stands
  return withCandidate(position, { ...candidate, [key]: now });
}

/** The parties whose agreement on the subject is still missing for `candidate`. */
export function missingSubjectAgreements(
  position: PhdPositionState,
  candidate: PhdCandidateState,
): SubjectParty[] {
  const missing: SubjectParty[] = [];
  if (!candidate.candidateAgreedAt) missing.push(SubjectParty.CANDIDATE);
  if (position.coSupervisor && !candidate.coSupervisorAgreedAt) missing.push(SubjectParty.CO_SUPERVISOR);
  return missing;
}

export interface SelectionFacts {
  /** Whether the acting faculty member's own record holds the HDR (the token may be stale). */
  actorRecordHoldsHdr: boolean;
}

/**
 * Only a faculty member holding the HDR selects a PhD candidate (the seed: nobody
 * else, not even an administrator), and only for a position they supervise, once the
 * candidate was assessed and the subject agreed by the candidate and, if any, the
 * partner's co-supervisor.
 */
export function selectPhdCandidate(
  position: PhdPositionState,
  actor: PhdActor & { hdr: boolean },
  facts: SelectionFacts,
  candidateId: string,
  now: Date,
): PhdPositionState {
  if (actor.role !== Role.FACULTY || !actor.hdr || !facts.actorRecordHoldsHdr) throw hdrRequired();
  if (!isSupervisor(actor, position)) throw notSupervisor();
  assertOpen(position);
  const candidate = findCandidate(position, candidateId);
  if (!candidate.assessment) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      ResearchReason.CANDIDATE_NOT_ASSESSED,
      "Assess the candidate on scientific excellence, motivation and professional project before selecting them.",
    );
  }
  const missing = missingSubjectAgreements(position, candidate);
  if (missing.length > 0) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      ResearchReason.SUBJECT_NOT_AGREED,
      `The subject is not yet agreed by: ${missing.join(", ")}.`,
      { details: { missing } },
    );
  }
  return {
    ...position,
    status: PhdPositionStatus.FILLED,
    selectedCandidateId: candidate.id,
    selectedAt: now,
    version: position.version + 1,
  };
}
