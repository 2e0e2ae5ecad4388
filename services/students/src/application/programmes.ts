import { findProgramme, programmes } from "../domain/programmes.ts";
import type { Programme, ProgrammeKind } from "../domain/programmes.ts";

/** The programme catalogue: public facts, readable by anyone. */
export function programmeOperations() {
  return {
    listProgrammes(kind?: ProgrammeKind | null): Programme[] {
      return programmes.filter((programme) => !kind || programme.kind === kind);
    },
    getProgramme(code: string): Programme | null {
      return findProgramme(code) ?? null;
    },
  };
}
