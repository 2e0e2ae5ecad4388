import { composeServices } from "@apollo/composition";
import { GraphQLError, parse } from "graphql";

/** One subgraph as composition sees it: its name, default URL and SDL text. */
export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

export type SupergraphComposition =
  { ok: true; supergraphSdl: string; hints: string[] } | { ok: false; errors: string[] };

/**
 * Composes subgraph SDLs into a supergraph, without I/O: the compose script
 * writes the result, the tests compare it with the checked-in file.
 * Failures are returned (one readable line per error), never thrown.
 */
export function composeSupergraph(subgraphs: readonly SubgraphSdl[]): SupergraphComposition {
  if (subgraphs.length === 0) return { ok: false, errors: ["no subgraph schema to compose"] };

  const parseErrors: string[] = [];
  const services = subgraphs.flatMap(({ name, url, sdl }) => {
    try {
      return [{ name, url, typeDefs: parse(sdl) }];
    } catch (error) {
      parseErrors.push(`[${name}] ${error instanceof GraphQLError ? error.toString() : String(error)}`);
      return [];
    }
  });
  if (parseErrors.length > 0) return { ok: false, errors: parseErrors };

  const result = composeServices(services);
  if (result.errors) {
    return { ok: false, errors: result.errors.map(describeCompositionError) };
  }
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    // A hint's first line says what is inconsistent; the rest quotes whole descriptions.
    hints: result.hints.map(
      (hint) => `${hint.definition.code}: ${hint.message.split("\n")[0]?.replace(/:$/, "")}`,
    ),
  };
}

function describeCompositionError(error: GraphQLError): string {
  const code = typeof error.extensions["code"] === "string" ? `${error.extensions["code"]}: ` : "";
  return `${code}${error.message}`;
}
