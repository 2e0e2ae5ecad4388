import { describe, expect, it } from "vitest";
import { caughtDomainError as caught } from "@intl/testing/caught-domain-error";
import {
  addPhdCandidate,
  agreeSubject,
  assessmentMean,
  assessPhdCandidate,
  openPhdPosition,
  PhdPositionStatus,
  selectPhdCandidate,
} from "./phdPosition.ts";
import type {
  OpenPhdPositionCommand,
  OpenPhdPositionFacts,
  PhdActor,
  PhdPositionState,
} from "./phdPosition.ts";

const now = new Date("2026-04-01T10:00:00Z");
const later = new Date("2026-04-15T10:00:00Z");

const open: OpenPhdPositionCommand = {
  subject: "Physics-informed learning of fatigue in additively manufactured alloys",
  domain: "MATERIALS",
  supervisorId: "fac-hdr",
  coSupervisor: { fullName: "Prof. Ana Souza", institutionId: "inst-usp" },
  academicYear: "2026-2027",
};
const openFacts: OpenPhdPositionFacts = {
  supervisor: { id: "fac-hdr", hdr: true, centreId: "centre-sms" },
  centreExists: false,
  coSupervisorInstitutionKnown: true,
};

const supervisor: PhdActor & { hdr: boolean } = {
  role: "FACULTY",
  facultyId: "fac-hdr",
  institutionId: null,
  hdr: true,
};
const office: PhdActor & { hdr: boolean } = {
  role: "INTERNATIONAL_OFFICE",
  facultyId: null,
  institutionId: null,
  hdr: false,
};
const scores = { scientificExcellence: 17, motivation: 15, professionalProject: 14 };

function positionWithCandidate(): PhdPositionState {
  const position = openPhdPosition(open, openFacts, "pos-1", now);
  return addPhdCandidate(
    position,
    { fullName: "Lucas Pereira", institutionId: "inst-usp" },
    { application: null, institutionKnown: true },
    "cand-1",
    now,
  );
}

function readyToSelect(): PhdPositionState {
  let position = assessPhdCandidate(positionWithCandidate(), supervisor, "cand-1", scores, now);
  position = agreeSubject(position, supervisor, "cand-1", "CANDIDATE", now);
  return agreeSubject(position, supervisor, "cand-1", "CO_SUPERVISOR", now);
}

describe("opening a PhD position", () => {
  it("given an HDR supervisor, opens it in the supervisor's centre", () => {
    const position = openPhdPosition(open, openFacts, "pos-1", now);
    expect(position).toMatchObject({
      status: PhdPositionStatus.OPEN,
      centreId: "centre-sms",
      supervisorId: "fac-hdr",
      version: 1,
      candidates: [],
    });
  });

  it.each([
    {
      refuses: "a supervisor who does not hold the HDR",
      facts: { supervisor: { id: "fac-2", hdr: false, centreId: "c" } },
      error: { kind: "CONFLICT", reason: "SUPERVISOR_NOT_HDR", field: "input.supervisorId" },
    },
    {
      refuses: "an unknown supervisor",
      facts: { supervisor: null },
      error: { kind: "NOT_FOUND", reason: "UNKNOWN_FACULTY" },
    },
    {
      refuses: "a co-supervisor from an institution the school does not know",
      facts: { coSupervisorInstitutionKnown: false },
      error: { reason: "INSTITUTION_NOT_FOUND", field: "input.coSupervisor.institutionId" },
    },
  ])("refuses $refuses", ({ facts, error }) => {
    expect(caught(() => openPhdPosition(open, { ...openFacts, ...facts }, "pos-1", now))).toMatchObject(
      error,
    );
  });

  it("refuses a blank subject and a malformed academic year together", () => {
    const error = caught(() =>
      openPhdPosition({ ...open, subject: "  ", academicYear: "2026" }, openFacts, "pos-1", now),
    );
    expect(error).toMatchObject({ kind: "BAD_USER_INPUT", reason: "BLANK_TEXT", field: "input.subject" });
    expect(error.details?.errors).toHaveLength(2);
  });
});

describe("adding candidates", () => {
  const position = openPhdPosition(open, openFacts, "pos-1", now);
  const application = {
    applicationId: "app-1",
    studentId: "stu-1",
    institutionId: "inst-usp",
    withdrawn: false,
  };
  /** Adds the candidate nominated by the received application app-1. */
  const addNominated = (to: PhdPositionState, candidateId: string) =>
    addPhdCandidate(
      to,
      { applicationId: "app-1" },
      { application, institutionKnown: true },
      candidateId,
      now,
    );

  it("adds a nominated candidate from their PhD application, with the application's student and institution", () => {
    const next = addNominated(position, "cand-1");
    expect(next.candidates).toEqual([
      expect.objectContaining({
        id: "cand-1",
        applicationId: "app-1",
        studentId: "stu-1",
        institutionId: "inst-usp",
        assessment: null,
      }),
    ]);
    expect(next.version).toBe(2);
  });

  it.each([
    {
      refuses: "an application the research service has not received",
      candidate: { applicationId: "app-x" },
      received: null,
      error: { kind: "NOT_FOUND", reason: "UNKNOWN_APPLICATION", field: "input.applicationId" },
    },
    {
      refuses: "a withdrawn application",
      candidate: { applicationId: "app-1" },
      received: { ...application, withdrawn: true },
      error: { kind: "CONFLICT", reason: "APPLICATION_WITHDRAWN" },
    },
    {
      refuses: "a candidate with neither application nor name",
      candidate: {},
      received: null,
      error: { kind: "BAD_USER_INPUT", reason: "CANDIDATE_IDENTITY_REQUIRED" },
    },
  ])("refuses $refuses", ({ candidate, received, error }) => {
    expect(
      caught(() =>
        addPhdCandidate(position, candidate, { application: received, institutionKnown: true }, "c", now),
      ),
    ).toMatchObject(error);
  });

  it("refuses the same application twice on one position", () => {
    const once = addNominated(position, "c1");
    const error = caught(() => addNominated(once, "c2"));
    expect(error).toMatchObject({ kind: "CONFLICT", reason: "CANDIDATE_ALREADY_ADDED" });
  });
});

describe("assessing a candidate on the seed's criteria", () => {
  it("the supervisor scores scientific excellence, motivation and professional project", () => {
    const next = assessPhdCandidate(positionWithCandidate(), supervisor, "cand-1", scores, later);
    expect(next.candidates[0]?.assessment).toEqual({ ...scores, assessedBy: "fac-hdr", assessedAt: later });
    expect(assessmentMean(scores)).toBeCloseTo(15.333, 2);
  });

  it("refuses scores outside 0 to 20, naming each field", () => {
    const error = caught(() =>
      assessPhdCandidate(
        positionWithCandidate(),
        supervisor,
        "cand-1",
        { ...scores, motivation: 21, professionalProject: -1 },
        now,
      ),
    );
    expect(error).toMatchObject({ reason: "INVALID_SCORE", field: "input.motivation" });
    expect(error.details?.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: "input.professionalProject" })]),
    );
  });

  it.each([
    {
      refuses: "an assessment by anyone but the supervisor",
      actor: office,
      candidateId: "cand-1",
      error: { kind: "FORBIDDEN", reason: "NOT_SUPERVISOR" },
    },
    {
      refuses: "an unknown candidate",
      actor: supervisor,
      candidateId: "nobody",
      error: { kind: "NOT_FOUND", reason: "CANDIDATE_NOT_FOUND" },
    },
  ])("refuses $refuses", ({ actor, candidateId, error }) => {
    expect(
      caught(() => assessPhdCandidate(positionWithCandidate(), actor, candidateId, scores, now)),
    ).toMatchObject(error);
  });
});

describe("agreeing the subject", () => {
  it("records the candidate's and the co-supervisor's agreement; the first agreement stands", () => {
    let position = agreeSubject(positionWithCandidate(), office, "cand-1", "CANDIDATE", now);
    position = agreeSubject(position, office, "cand-1", "CO_SUPERVISOR", now);
    const again = agreeSubject(position, office, "cand-1", "CANDIDATE", later);
    expect(again).toBe(position);
    expect(again.candidates[0]).toMatchObject({ candidateAgreedAt: now, coSupervisorAgreedAt: now });
  });

  it("a partner records its own co-supervisor's agreement", () => {
    const partner: PhdActor = { role: "PARTNER", facultyId: null, institutionId: "inst-usp" };
    const position = agreeSubject(positionWithCandidate(), partner, "cand-1", "CO_SUPERVISOR", now);
    expect(position.candidates[0]?.coSupervisorAgreedAt).toEqual(now);
  });

  it.each([
    {
      refusal: "a partner of another institution may not record the co-supervisor's agreement",
      institutionId: "inst-other",
      party: "CO_SUPERVISOR" as const,
      error: { kind: "FORBIDDEN", reason: "NOT_OWN_INSTITUTION" },
    },
    {
      refusal: "a partner may not speak for the candidate",
      institutionId: "inst-usp",
      party: "CANDIDATE" as const,
      error: { reason: "NOT_PARTY_REPRESENTATIVE" },
    },
  ])("$refusal", ({ institutionId, party, error }) => {
    const partner: PhdActor = { role: "PARTNER", facultyId: null, institutionId };
    expect(caught(() => agreeSubject(positionWithCandidate(), partner, "cand-1", party, now))).toMatchObject(
      error,
    );
  });

  it("there is no co-supervisor's agreement to record on a position without one", () => {
    const position = addPhdCandidate(
      openPhdPosition({ ...open, coSupervisor: null }, openFacts, "pos-2", now),
      { fullName: "Mei Chen" },
      { application: null, institutionKnown: true },
      "cand-1",
      now,
    );
    expect(caught(() => agreeSubject(position, office, "cand-1", "CO_SUPERVISOR", now))).toMatchObject({
      kind: "CONFLICT",
      reason: "NO_CO_SUPERVISOR",
    });
  });
});

describe("selecting a PhD candidate: only HDR faculty select", () => {
  /** The HDR supervisor, whose faculty record holds the HDR, selects cand-1. */
  const selectBySupervisor = (position: PhdPositionState) =>
    selectPhdCandidate(position, supervisor, { actorRecordHoldsHdr: true }, "cand-1", later);

  it("the HDR supervisor selects an assessed candidate whose subject is agreed; the position is filled", () => {
    const filled = selectBySupervisor(readyToSelect());
    expect(filled).toMatchObject({ status: "FILLED", selectedCandidateId: "cand-1", selectedAt: later });
  });

  it.each([
    {
      refuses: "an administrator: the seed says only HDR faculty select",
      actor: { ...office, role: "ADMIN" as const },
      actorRecordHoldsHdr: false,
      error: { kind: "FORBIDDEN", reason: "HDR_REQUIRED" },
    },
    {
      refuses: "a faculty member without the HDR",
      actor: { ...supervisor, hdr: false },
      actorRecordHoldsHdr: false,
      error: { reason: "HDR_REQUIRED" },
    },
    {
      refuses: "a token claiming the HDR when the faculty record does not hold it",
      actor: supervisor,
      actorRecordHoldsHdr: false,
      error: { reason: "HDR_REQUIRED" },
    },
    {
      refuses: "an HDR faculty member who does not supervise the position",
      actor: { ...supervisor, facultyId: "fac-other" },
      actorRecordHoldsHdr: true,
      error: { kind: "FORBIDDEN", reason: "NOT_SUPERVISOR" },
    },
  ])("refuses $refuses", ({ actor, actorRecordHoldsHdr, error }) => {
    expect(
      caught(() => selectPhdCandidate(readyToSelect(), actor, { actorRecordHoldsHdr }, "cand-1", later)),
    ).toMatchObject(error);
  });

  it("refuses a candidate not yet assessed", () => {
    let position = agreeSubject(positionWithCandidate(), supervisor, "cand-1", "CANDIDATE", now);
    position = agreeSubject(position, supervisor, "cand-1", "CO_SUPERVISOR", now);
    expect(caught(() => selectBySupervisor(position))).toMatchObject({
      kind: "CONFLICT",
      reason: "CANDIDATE_NOT_ASSESSED",
    });
  });

  it("refuses while the partner's co-supervisor has not agreed the subject, saying who is missing", () => {
    let position = assessPhdCandidate(positionWithCandidate(), supervisor, "cand-1", scores, now);
    position = agreeSubject(position, supervisor, "cand-1", "CANDIDATE", now);
    const error = caught(() => selectBySupervisor(position));
    expect(error).toMatchObject({
      kind: "CONFLICT",
      reason: "SUBJECT_NOT_AGREED",
      details: { missing: ["CO_SUPERVISOR"] },
    });
  });

  it("refuses a second selection: the position is no longer open", () => {
    const filled = selectBySupervisor(readyToSelect());
    expect(caught(() => selectBySupervisor(filled))).toMatchObject({
      kind: "CONFLICT",
      reason: "POSITION_NOT_OPEN",
    });
  });
});
