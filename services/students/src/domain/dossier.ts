import { enumOf, type EnumValue } from "@intl/errors";
import type { InputErrors } from "@intl/errors";
import { StudentsReason } from "./errors.ts";
import { ProgrammeKind } from "./programmes.ts";
import type { Programme } from "./programmes.ts";

export const DocumentKind = enumOf(
  "PASSPORT",
  "TRANSCRIPT",
  "CV",
  "MOTIVATION_LETTER",
  "RECOMMENDATION",
  "LANGUAGE_CERTIFICATE",
);
export type DocumentKind = EnumValue<typeof DocumentKind>;

export const CefrLevel = enumOf("A1", "A2", "B1", "B2", "C1", "C2");
export type CefrLevel = EnumValue<typeof CefrLevel>;

export interface DossierDocument {
  kind: DocumentKind;
  name: string;
  uri: string;
}

export interface Grade {
  subject: string;
  grade: number;
  /** The top of the home institution's scale (20 in France, 4 for a GPA, 100...). */
  scale: number;
}

export interface LanguageCertificate {
  /** ISO 639-1 language code. */
  language: string;
  cefrLevel: CefrLevel;
  testName: string;
}

export interface Dossier {
  documents: DossierDocument[];
  grades: Grade[];
  languageCertificate: LanguageCertificate | null;
}

const alwaysRequired: readonly DocumentKind[] = [
  DocumentKind.PASSPORT,
  DocumentKind.TRANSCRIPT,
  DocumentKind.CV,
  DocumentKind.MOTIVATION_LETTER,
  DocumentKind.LANGUAGE_CERTIFICATE,
];

/** Documents a complete dossier holds; a PhD dossier also needs a recommendation. */
export function requiredDocuments(programme: Programme): DocumentKind[] {
  return programme.kind === ProgrammeKind.PHD
    ? [...alwaysRequired, DocumentKind.RECOMMENDATION]
    : [...alwaysRequired];
}

export function missingDocuments(
  programme: Programme,
  documents: readonly DossierDocument[],
): DocumentKind[] {
  const present = new Set(documents.map((document) => document.kind));
  return requiredDocuments(programme).filter((kind) => !present.has(kind));
}

/**
 * Rule: partners send complete dossiers. Adds an error per fault to `errors`,
 * with fields under `field` (`input.dossier`).
 */
export function checkDossierIsComplete(
  programme: Programme,
  dossier: Dossier,
  errors: InputErrors,
  field = "input.dossier",
): void {
  const missing = missingDocuments(programme, dossier.documents);
  errors.check(
    missing.length === 0,
    StudentsReason.INCOMPLETE_DOSSIER,
    `${field}.documents`,
    `The dossier lacks: ${missing.join(", ")}.`,
  );
  dossier.documents.forEach((document, index) => {
    errors.check(
      document.name.trim() !== "",
      StudentsReason.INVALID_INPUT,
      `${field}.documents[${index}].name`,
      "A document needs a name.",
    );
    errors.check(
      document.uri.trim() !== "",
      StudentsReason.INVALID_INPUT,
      `${field}.documents[${index}].uri`,
      "A document needs a URI.",
    );
  });
  errors.check(
    dossier.grades.length > 0,
    StudentsReason.INCOMPLETE_DOSSIER,
    `${field}.grades`,
    "The dossier needs the candidate's grades.",
  );
  dossier.grades.forEach((grade, index) => {
    errors.check(
      grade.subject.trim() !== "",
      StudentsReason.INVALID_INPUT,
      `${field}.grades[${index}].subject`,
      "A grade needs a subject.",
    );
    errors.check(
      grade.scale > 0 && grade.grade >= 0 && grade.grade <= grade.scale,
      StudentsReason.INVALID_GRADE,
      `${field}.grades[${index}].grade`,
      `A grade lies between 0 and its scale (${grade.scale}), which is positive.`,
    );
  });
  const certificate = dossier.languageCertificate;
  errors.check(
    certificate !== null,
    StudentsReason.INCOMPLETE_DOSSIER,
    `${field}.languageCertificate`,
    "The dossier needs a language certificate with its CEFR level.",
  );
  if (certificate) {
    errors.check(
      /^[a-z]{2}$/.test(certificate.language),
      StudentsReason.INVALID_INPUT,
      `${field}.languageCertificate.language`,
      "The language is an ISO 639-1 code such as en or fr.",
    );
    errors.check(
      certificate.testName.trim() !== "",
      StudentsReason.INVALID_INPUT,
      `${field}.languageCertificate.testName`,
      "Name the test (TOEFL, DELF...).",
    );
  }
}
