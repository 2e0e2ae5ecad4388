/**
 * GraphQL Code Generator: what `npm run codegen` writes, and what codegen.unit.test.ts
 * regenerates in memory to fail when a committed file is stale.
 *
 *   services/<service>/src/generated/resolvers-types.ts   each subgraph's resolver types, from its own
 *                                                          SDL (federation: __resolveReference, @key)
 *   shared/client/src/generated/schema.ts                  the frontends' types: the supergraph's API
 *                                                          schema (what clients see)
 *   shared/client/src/generated/operations.ts              typed documents for the operations in
 *                                                          shared/client/operations/
 *
 * Generated files are written as they come out of the generator (not formatted: the test compares
 * byte for byte) and are left out of prettier and lint.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Supergraph, printSchema } from "@apollo/federation-internals";
import type { CodegenConfig } from "@graphql-codegen/cli";

/** Paths in this config are relative to the repository root (the CLI and the test run from there). */
export const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Per service: its resolvers' context, and the type its code hands GraphQL for an object type
 * (mappers), where that differs from the GraphQL type: a resolver of `Faculty.centre` then gets
 * a `FacultyState` as its parent. Paths are relative to the generated file.
 */
interface ServiceTypes {
  context: string;
  mappers: Record<string, string>;
}

const services: Record<string, ServiceTypes> = {
  partnerships: {
    context: "../resolvers/context.ts#PartnershipsContext",
    mappers: {
      Country: "../domain/countryProfile.ts#CountryProfile",
      CountryScores: "../domain/countryProfile.ts#CountryScores",
      Institution: "../models/institutionModel.ts#InstitutionDocument",
      Partnership: "../models/institutionModel.ts#PartnershipState",
      StrategicDesignation: "../domain/strategicPartnership.ts#StrategicDesignation",
      OfficeEvidence: "../domain/partnershipEvidence.ts#OfficeEvidence",
      Agreement: "../models/agreementModel.ts#AgreementDocument",
      Network: "../models/networkModel.ts#NetworkDocument",
      SchoolLabel: "../models/schoolLabelModel.ts#SchoolLabelDocument",
      // Other services' entities: this one hands out their keys only.
      ResearchCentre: "{ id: string }",
      Faculty: "{ id: string }",
    },
  },
  students: {
    context: "../resolvers/context.ts#StudentsContext",
    mappers: {
      Programme: "../domain/programmes.ts#Programme",
      Student: "../models/student.ts#StudentRecord",
      Application: "../models/application.ts#ApplicationRecord",
      Dossier: "../resolvers/applicationFields.ts#OwnedDossier",
      Review: "../models/application.ts#ReviewRecord",
      InterviewOutcome: "../models/application.ts#InterviewRecord",
      DecisionRecord: "../models/application.ts#DecisionRecord",
      PhdSelection: "../models/application.ts#PhdSelectionRecord",
      Mobility: "../models/mobility.ts#MobilityRecord",
      LearningAgreement: "../models/mobility.ts#LearningAgreementRecord",
      LearningAgreementChange: "../domain/creditRecognition.ts#LearningAgreementChange",
      MobilityCompliance: "../domain/mobilityCompliance.ts#CohortCompliance",
      PartnerFlow: "../application/indicators.ts#PartnerFlowRow",
      FlowBalance: "../domain/kpis.ts#FlowBalance",
      CountryShare: "../domain/kpis.ts#CountryShare",
      ErasureRequest: "../resolvers/erasureFields.ts#ErasureRequestView",
      ErasureConfirmation: "../domain/erasureRequest.ts#ErasureConfirmation",
      // A notice as stored; its message is the same for all and resolved here.
      ErasureNotice: "Omit<ErasureNotice, 'message'>",
      // Other services' entities: this one hands out their keys only.
      Institution: "{ id: string }",
      Agreement: "{ id: string }",
    },
  },
  research: {
    context: "../resolvers/context.ts#ResearchContext",
    mappers: {
      ResearchCentre: "../domain/researchCentre.ts#ResearchCentreState",
      Faculty: "../domain/faculty.ts#FacultyState",
      Collaboration: "../domain/collaboration.ts#CollaborationState",
      CollaborationStats: "../domain/collaborationStats.ts#CollaborationStats",
      FacultyMobility: "../domain/facultyMobility.ts#FacultyMobilityState",
      PhdPosition: "../domain/phdPosition.ts#PhdPositionState",
      PhdCoSupervisor: "../domain/phdPosition.ts#PhdCoSupervisor",
      PhdCandidate: "../resolvers/phdPositionResolvers.ts#CandidateView",
      PhdAssessment: "../domain/phdPosition.ts#PhdAssessment",
      // Other services' entities: this one hands out their keys only.
      Institution: "{ id: string }",
      Application: "{ id: string }",
      Student: "{ id: string }",
    },
  },
  campaigns: {
    context: "../resolvers/context.ts#CampaignsContext",
    mappers: {
      Campaign: "../domain/campaign.ts#Campaign",
      FollowUpContact: "../domain/campaign.ts#FollowUpContact",
      CampaignCandidate: "../models/candidateModel.ts#Candidate",
      Interview: "../domain/interview.ts#Interview",
      InterviewScoreSheet: "../domain/interview.ts#ScoreSheet",
      CampaignOutcomes: "../domain/campaignOutcomes.ts#Outcomes",
      // Other services' entities: this one hands out their keys only.
      Institution: "{ id: string }",
      Application: "{ id: string }",
      Faculty: "{ id: string }",
    },
  },
};

/** A file header saying what wrote it; eslint and prettier skip `generated/` folders. */
const header = {
  add: { content: "// Generated by GraphQL Code Generator from the schema (npm run codegen): do not edit." },
};

/** Shared by both kinds of output. */
const common = {
  // Enums as string unions: the domain's string values are assignable, nothing at runtime.
  enumsAsTypes: true,
  useTypeImports: true,
  // `import type ... from "../resolvers/context.ts"`: the project imports with extensions.
  emitLegacyCommonJSImports: false,
  // A GraphQL ID travels as a string in this graph.
  scalars: { ID: { input: "string", output: "string" } },
};

/** The supergraph's API schema (what clients see: no join__/link__ machinery), as SDL. */
export function apiSchemaSdl(): string {
  const supergraphSdl = readFileSync(
    new URL("gateway/supergraph.graphql", `file://${repositoryRoot}`),
    "utf8",
  );
  return printSchema(Supergraph.build(supergraphSdl).apiSchema());
}

export function codegenConfig(): CodegenConfig {
  const generates: CodegenConfig["generates"] = {};
  for (const [service, types] of Object.entries(services)) {
    generates[`services/${service}/src/generated/resolvers-types.ts`] = {
      schema: `services/${service}/src/schema.graphql`,
      plugins: [header, "typescript", "typescript-resolvers"],
      config: {
        ...common,
        federation: true,
        contextType: types.context,
        mappers: types.mappers,
        // Parents and results may be the domain's own objects (a mapper, or any object with the fields).
        useIndexSignature: false,
        showUnusedMappers: true,
        // Imported as <Type>Model: a domain type may share its GraphQL type's name.
        mapperTypeSuffix: "Model",
        // GraphQL fills in an input field's default before a resolver runs (a sort's direction
        // defaults to DESC in places): a field with a default is always there, not optional.
        avoidOptionals: { defaultValue: true },
      },
    };
  }
  // typescript-operations (6) writes the enums and inputs its operations use itself: the schema's
  // types go to a file of their own, exported as a namespace, so the two never clash.
  const apiSchema = apiSchemaSdl();
  generates["shared/client/src/generated/schema.ts"] = {
    schema: apiSchema,
    plugins: [header, "typescript"],
    config: common,
  };
  generates["shared/client/src/generated/operations.ts"] = {
    schema: apiSchema,
    documents: "shared/client/operations/*.graphql",
    plugins: [header, "typescript-operations", "typed-document-node"],
    config: common,
  };
  return { overwrite: true, silent: true, generates };
}

export default codegenConfig();
