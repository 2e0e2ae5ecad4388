import { Supergraph, printSchema } from "@apollo/federation-internals";
import { buildSchema, findBreakingChanges, findDangerousChanges } from "graphql";
import type { GraphQLSchema } from "graphql";
import { composeSupergraph } from "../supergraph.ts";
import type { SubgraphSdl } from "../supergraph.ts";
import { checkSchoolRules, describeOurGraph } from "./schoolRules.ts";

/** What a publication or a removal would do to the graph. */
export type RegisterChange = { kind: "publish"; subgraph: SubgraphSdl } | { kind: "remove"; name: string };

export interface CheckReport {
  /** The change checked, in words ("publishing imt-example"). */
  subject: string;
  /** Each sentence a reason to refuse. */
  compositionErrors: string[];
  /** What existing clients' operations would lose (a field removed, a type changed). */
  breakingChanges: string[];
  /** What may change an existing client's results without breaking it (reported, not refused). */
  dangerousChanges: string[];
  ruleViolations: string[];
  /** The supergraph after the change, when it composes. */
  supergraphSdl?: string;
}

/**
 * Composes the graph as it would be after `change` (our services, the
 * registered schools, the change), compares its API with today's for breaking
 * changes, and checks a published subgraph against the schools' rules. Pure:
 * the commands do the reading and writing.
 */
export function checkRegisterChange(input: {
  ours: readonly SubgraphSdl[];
  registered: readonly SubgraphSdl[];
  change: RegisterChange;
}): CheckReport {
  const { ours, registered, change } = input;
  const name = change.kind === "publish" ? change.subgraph.name : change.name;
  const others = registered.filter((subgraph) => subgraph.name !== name);
  const after = change.kind === "publish" ? [...ours, ...others, change.subgraph] : [...ours, ...others];
  const report: CheckReport = {
    subject: change.kind === "publish" ? `${name}, to publish it` : `the graph without ${name}`,
    compositionErrors: [],
    breakingChanges: [],
    dangerousChanges: [],
    ruleViolations: [],
  };

  if (change.kind === "publish") {
    try {
      report.ruleViolations = checkSchoolRules(name, change.subgraph.sdl, describeOurGraph(ours));
    } catch (error) {
      // A schema that does not parse is reported by composition, with its location.
      if (!(error instanceof Error && error.name === "GraphQLError")) throw error;
    }
  } else if (!registered.some((subgraph) => subgraph.name === name)) {
    report.compositionErrors.push(`${name} is not in the register.`);
  }

  const composed = composeOnce(after);
  if (!composed.ok) {
    report.compositionErrors.push(...composed.errors);
    return report;
  }
  report.supergraphSdl = composed.supergraphSdl;

  const today = composeOnce([...ours, ...registered]);
  if (!today.ok) {
    report.compositionErrors.push(
      `Today's graph does not compose, so breaking changes cannot be measured: ${today.errors.join("; ")}`,
    );
    return report;
  }
  const before = apiSchemaOf(today.supergraphSdl);
  const afterApi = apiSchemaOf(composed.supergraphSdl);
  report.breakingChanges = findBreakingChanges(before, afterApi).map((c) => c.description);
  report.dangerousChanges = findDangerousChanges(before, afterApi).map((c) => c.description);
  return report;
}

// Composing our graph takes seconds; a command (or a test) asking for the same graph twice composes it once.
const compositions = new Map<string, ReturnType<typeof composeSupergraph>>();
function composeOnce(subgraphs: readonly SubgraphSdl[]): ReturnType<typeof composeSupergraph> {
  const key = JSON.stringify(subgraphs.map(({ name, url, sdl }) => [name, url, sdl]));
  let composed = compositions.get(key);
  if (!composed) {
    composed = composeSupergraph(subgraphs);
    if (compositions.size >= 8) compositions.clear();
    compositions.set(key, composed);
  }
  return composed;
}

/**
 * What clients see of a supergraph: no join directives, no inaccessible
 * elements. Rebuilt from its text: federation's own graphql-js objects may come
 * from the other (CommonJS) copy of the package, which graphql-js refuses to mix.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return buildSchema(printSchema(Supergraph.build(supergraphSdl).apiSchema()));
}

/** True when nothing in the report refuses the change (breaking changes may be accepted explicitly). */
export function isAccepted(report: CheckReport, options: { acceptBreakingChanges: boolean }): boolean {
  return (
    report.compositionErrors.length === 0 &&
    report.ruleViolations.length === 0 &&
    (options.acceptBreakingChanges || report.breakingChanges.length === 0)
  );
}

/** The report in plain words, one finding per line. */
export function describeReport(report: CheckReport, options: { acceptBreakingChanges: boolean }): string {
  const lines = [`Checking ${report.subject}.`];
  const section = (title: string, findings: string[], none: string) => {
    if (findings.length === 0) {
      lines.push(`${title}: ${none}`);
      return;
    }
    lines.push(`${title}: ${findings.length}`);
    for (const finding of findings) lines.push(`  - ${finding}`);
  };
  section("Rule violations", report.ruleViolations, "none");
  section("Composition errors", report.compositionErrors, "none, the graph composes");
  if (report.supergraphSdl) {
    section("Breaking changes for existing clients", report.breakingChanges, "none");
    if (report.dangerousChanges.length > 0)
      section("Changes to look at (not refused)", report.dangerousChanges, "none");
  }
  if (isAccepted(report, options)) {
    lines.push(
      report.breakingChanges.length > 0
        ? "Result: accepted, breaking changes included (--accept-breaking-changes)."
        : "Result: accepted.",
    );
  } else {
    const breaking = options.acceptBreakingChanges ? 0 : report.breakingChanges.length;
    const problems = report.ruleViolations.length + report.compositionErrors.length + breaking;
    lines.push(
      `Result: refused, ${problems} problem(s).` +
        (breaking > 0 && report.ruleViolations.length + report.compositionErrors.length === 0
          ? " Tell the clients of these fields, then run again with --accept-breaking-changes."
          : ""),
    );
  }
  return `${lines.join("\n")}\n`;
}
