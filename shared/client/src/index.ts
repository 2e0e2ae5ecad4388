/**
 * The graph as a frontend sees it: a TypeScript type for each type of the supergraph's API schema (`Schema`),
 * and a typed document per operation in ../operations/ (`BenchDashboardDocument` carries
 * `BenchDashboardQuery` and `BenchDashboardQueryVariables`, so a client such as urql, Apollo Client
 * or graphql-request infers the result and checks the variables). Regenerate with `npm run codegen`.
 */
export * from "./generated/operations.ts";
/** Every type of the API schema (`Schema.Institution`, `Schema.AgreementStatus`, ...). */
export type * as Schema from "./generated/schema.ts";
