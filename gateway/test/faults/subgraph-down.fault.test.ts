/**
 * Scenario 5 — a subgraph down. The gateway reaches the research subgraph at an address of the
 * scenario's own (the research service's own HTTP app, served on a reserved port), so that the
 * subgraph can go away and come back while readers send operations that span three subgraphs
 * (partnerships' institution, students' nominations of it, research's centre). Research is first
 * down (its port refuses connections: the process is gone), then hung (its port accepts and never
 * answers: the process is frozen), then back. While it is away every operation is answered with
 * the other subgraphs' data and a coded error for research's field, within the gateway's subgraph
 * timeout; once it is back, full answers again.
 */
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createTcpServer, type Socket } from "node:net";
import { freePort } from "@intl/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { defaultGatewayLimits } from "../../src/gateway.ts";
import { startSystem, type System } from "../e2e/system.ts";
import { lasting, printFigures } from "./cluster.ts";
import { seconds, writeInstitutions, type Written } from "./institutions.ts";

const READERS = Number(process.env.FAULT_READERS ?? 8);
const PHASE_MS = Number(process.env.FAULT_SUBGRAPH_DOWN_MS ?? 8000);
/** The gateway's subgraph timeout: its default (the other subgraphs need it on a loaded machine). */
const SUBGRAPH_TIMEOUT_MS = Number(
  process.env.FAULT_SUBGRAPH_TIMEOUT_MS ?? defaultGatewayLimits.subgraphTimeoutMs,
);
/**
 * How long an answer may take beyond the subgraph timeout: the gateway's own work and the other
 * subgraphs' fetches on a loaded 2-core machine. The bound asserted is SUBGRAPH_TIMEOUT_MS +
 * ANSWER_SLACK_MS, against a hung subgraph that would otherwise hold an operation for ever.
 */
const ANSWER_SLACK_MS = Number(process.env.FAULT_ANSWER_SLACK_MS ?? 3000);

const infra = inject("faultInfra");
let system: System;
let researchPort: number;

beforeAll(async () => {
  researchPort = await freePort();
  system = await startSystem({
    kafkaBrokers: infra.kafkaBrokers,
    mongoUri: infra.mongoUri,
    gateway: {
      overload: { subgraphTimeoutMs: SUBGRAPH_TIMEOUT_MS },
      // Research through a port of the scenario's own; the other subgraphs where the system listens.
      subgraphUrls: { research: `http://127.0.0.1:${researchPort}/graphql` },
    },
  });
});
afterAll(async () => system?.stop());

/** The research subgraph as the gateway sees it on `researchPort`: answering, gone, or hung. */
class ResearchEndpoint {
  #server: Server | ReturnType<typeof createTcpServer> | undefined;
  #held = new Set<Socket>();

  /** Serves the research service's own app (Apollo already started by the system). */
  up(): Promise<void> {
    return this.#listen(createHttpServer(system.services.research.server.app));
  }

  /** Accepts connections and never answers, as a frozen process's kernel still does. */
  hung(): Promise<void> {
    return this.#listen(createTcpServer((socket) => this.#held.add(socket)));
  }

  /** Nothing listens: connections are refused, as when the process is gone. */
  async down(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    if ("closeAllConnections" in server) server.closeAllConnections();
    for (const socket of this.#held) socket.destroy();
    this.#held.clear();
    await closed;
  }

  async #listen(server: Server | ReturnType<typeof createTcpServer>): Promise<void> {
    await this.down();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(researchPort, "127.0.0.1", () => resolve());
    });
    this.#server = server;
  }
}

type Outcome = "full" | "partial" | "failed";
interface Answer {
  phase: string;
  outcome: Outcome;
  ms: number;
  /** extensions.code of each error. */
  codes: string[];
  /** extensions.code of the errors naming research (details.subgraph). */
  researchCodes: string[];
}

/**
 * Partnerships' institution with students' nominations of it, and a research centre: research's
 * part is a nullable root field. (Research's fields on Institution itself, such as
 * `collaborations`, are non-null: when research is away, GraphQL's null propagation nulls the
 * whole institution. See docs/reliability.md.)
 */
const spanningQuery = `query($id: ID!, $centre: ID!) {
  institution(id: $id) { id name nominations { totalCount } }
  researchCentre(id: $centre) { id name }
}`;

/**
 * READERS readers sending the spanning operation in a loop, each answer recorded under the
 * phase current when it was sent, until `stop()`. Full: everything answered; partial: the
 * other subgraphs' data with errors; failed: the other subgraphs' data missing.
 */
function startReaders(token: string, institutions: readonly Written[], centre: { id: string; name: string }) {
  const answers: Answer[] = [];
  let phase = "up";
  let running = true;
  const read = async (reader: number) => {
    for (let round = 0; running; round++) {
      const institution = institutions[(reader + round) % institutions.length]!;
      const sentIn = phase;
      const sent = performance.now();
      const result = await system.query<{
        institution: { name: string; nominations: { totalCount: number } | null } | null;
        researchCentre: { name: string } | null;
      }>(token, spanningQuery, { id: institution.id, centre: centre.id });
      const ms = performance.now() - sent;
      const found = result.data?.institution;
      const othersAnswered = found?.name === institution.name && found.nominations?.totalCount === 0;
      const codes = (result.errors ?? []).map((error) => String(error.extensions?.code));
      const researchCodes = (result.errors ?? [])
        .filter(
          (error) =>
            (error.extensions?.details as { subgraph?: string } | undefined)?.subgraph === "research",
        )
        .map((error) => String(error.extensions?.code));
      const outcome: Outcome = !othersAnswered
        ? "failed"
        : codes.length === 0 && result.data?.researchCentre?.name === centre.name
          ? "full"
          : "partial";
      // Sent in one phase and answered in another: a transition's, not either phase's.
      answers.push({ phase: sentIn === phase ? sentIn : "transition", outcome, ms, codes, researchCodes });
    }
  };
  const readers = Promise.all(Array.from({ length: READERS }, (_, reader) => read(reader)));
  return {
    answers,
    setPhase: (next: string) => (phase = next),
    async stop() {
      running = false;
      await readers;
    },
  };
}

function summary(answers: readonly Answer[], phase: string) {
  const of = answers.filter((answer) => answer.phase === phase);
  const count = (outcome: Outcome) => of.filter((answer) => answer.outcome === outcome).length;
  const codes = [...new Set(of.flatMap((answer) => answer.codes))].sort();
  const slowest = Math.max(0, ...of.map((answer) => answer.ms));
  return {
    of,
    line: `${of.length} (${count("full")} full, ${count("partial")} partial, ${count("failed")} failed)${
      codes.length ? `, codes ${codes.join(", ")}` : ""
    }, slowest ${seconds(slowest)}`,
  };
}

describe("a subgraph down", () => {
  it("answers the other subgraphs' data and a coded error for its fields within the subgraph timeout, then full answers again", async () => {
    const research = new ResearchEndpoint();
    await research.up();
    const { written } = await writeInstitutions(system, {
      institutions: READERS,
      concurrency: READERS,
      label: "Subgraph fault",
    });
    const { createResearchCentre: centre } = await system.data<{
      createResearchCentre: { id: string; name: string };
    }>(
      await system.token("ADMIN"),
      `mutation { createResearchCentre(input: { code: "FLT", name: "Fault centre", domains: [MICROELECTRONICS] }) { id name } }`,
    );
    const readers = startReaders(await system.token("INTERNATIONAL_OFFICE"), written, centre);
    const started = Date.now();
    const enter = async (phase: string, change: () => Promise<void>, ms: number) => {
      readers.setPhase("transition");
      await change();
      readers.setPhase(phase);
      await lasting(readers.answers, ms, READERS);
    };
    try {
      await lasting(readers.answers, 2000, READERS);
      await enter("down", () => research.down(), PHASE_MS);
      await enter("hung", () => research.hung(), PHASE_MS);
      await enter("back", () => research.up(), 2000);
      readers.setPhase("transition");
    } finally {
      await readers.stop();
      await research.down();
    }

    const bound = SUBGRAPH_TIMEOUT_MS + ANSWER_SLACK_MS;
    const phases = Object.fromEntries(
      ["up", "down", "hung", "back", "transition"].map((phase) => [phase, summary(readers.answers, phase)]),
    );
    printFigures("scenario 5: a subgraph down (research)", {
      "readers at a time": READERS,
      "gateway subgraph timeout": seconds(SUBGRAPH_TIMEOUT_MS),
      "answer bound asserted": seconds(bound),
      "operations before, research up": phases.up!.line,
      "operations while down (refused)": phases.down!.line,
      "operations while hung (no answer)": phases.hung!.line,
      "operations once back": phases.back!.line,
      "operations across a change": phases.transition!.line,
      "scenario took": seconds(Date.now() - started),
    });

    // Up and back: every operation answered in full.
    for (const phase of ["up", "back"]) {
      expect(
        phases[phase]!.of.filter((answer) => answer.outcome !== "full"),
        phase,
      ).toEqual([]);
    }
    // Across a change: answered, coded, within the bound, whatever research was doing.
    expect(
      phases.transition!.of.filter(
        (answer) =>
          answer.outcome === "failed" ||
          answer.ms > bound ||
          !answer.codes.every((c) => c === "SUBGRAPH_UNAVAILABLE" || c === "SUBGRAPH_TIMEOUT"),
      ),
      "across a change",
    ).toEqual([]);
    // Down and hung: the other subgraphs' data, research's field coded, within the bound.
    for (const [phase, code] of [
      ["down", "SUBGRAPH_UNAVAILABLE"],
      ["hung", "SUBGRAPH_TIMEOUT"],
    ] as const) {
      const { of } = phases[phase]!;
      const partial = of.filter((answer) => answer.outcome === "partial");
      expect(of.length, phase).toBeGreaterThan(0);
      expect(
        of.filter((answer) => answer.outcome !== "partial"),
        `${phase}: answers without the other subgraphs' data, or with research's`,
      ).toEqual([]);
      expect(
        partial.filter((answer) => answer.researchCodes.join() !== code),
        `${phase}: research's field answered ${code}`,
      ).toEqual([]);
      expect(
        of.filter((answer) => answer.ms > bound),
        `${phase}: answers slower than ${bound} ms`,
      ).toEqual([]);
    }
  });
});
