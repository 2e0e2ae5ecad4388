/**
 * IMT Example's subgraph, for the tests: a small server of another school,
 * written as a school would (its own Apollo subgraph, its own data keyed by
 * SCHAC code), which verifies the gateway's tokens against the gateway's JWKS
 * and records the headers of every request it receives.
 */
import { readFileSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { GraphQLError, parse } from "graphql";
import { createRemoteJWKSet, jwtVerify } from "jose";

export const exampleSchoolName = "imt-example";
export const exampleSchoolSchemaPath = new URL("./schema.graphql", import.meta.url).pathname;

export interface ExampleAgreement {
  id: string;
  partnerSchacCode: string;
  seatsPerYear: number;
  since: string;
}

interface SchoolContext {
  /** Whether the request carried a token the gateway signed for this school. */
  verified: boolean;
}

export interface ExampleSchool {
  url: string;
  /** The headers of every request received, in order. */
  requests: IncomingHttpHeaders[];
  /** The verified claims of every token received. */
  claims: Record<string, unknown>[];
  stop(): Promise<void>;
}

/** Starts the school's subgraph on a free loopback port; it accepts only tokens the gateway signed for it. */
export async function startExampleSchool(options: {
  agreements: ExampleAgreement[];
  gatewayJwksUrl: string;
  tokenIssuer?: string;
}): Promise<ExampleSchool> {
  const keys = createRemoteJWKSet(new URL(options.gatewayJwksUrl));
  const requests: IncomingHttpHeaders[] = [];
  const claims: Record<string, unknown>[] = [];
  const agreementsWith = (schacCode: string) =>
    options.agreements.filter((a) => a.partnerSchacCode === schacCode);

  // Its data needs the gateway's token; its schema (_service { sdl }) does not, so that `subgraph:check --url` reads it.
  const requireToken = (context: SchoolContext) => {
    if (!context.verified) {
      throw new GraphQLError("Send the gateway's token.", { extensions: { code: "UNAUTHENTICATED" } });
    }
  };
  const server = new ApolloServer<SchoolContext>({
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    schema: buildSubgraphSchema([
      {
        typeDefs: parse(readFileSync(exampleSchoolSchemaPath, "utf8")),
        resolvers: {
          Query: {
            imtExampleAgreements: (_: unknown, __: unknown, context: SchoolContext) => {
              requireToken(context);
              return options.agreements;
            },
          },
          ImtExampleAgreement: {
            partner: (agreement: ExampleAgreement) => ({ schacCode: agreement.partnerSchacCode }),
          },
          Institution: {
            __resolveReference: (reference: { schacCode: string }) => reference,
            imtExampleAgreements: (
              institution: { schacCode: string },
              _: unknown,
              context: SchoolContext,
            ) => {
              requireToken(context);
              return agreementsWith(institution.schacCode);
            },
          },
        },
      },
    ]),
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: "127.0.0.1" },
    context: async ({ req }) => {
      requests.push(req.headers);
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (token === undefined) return { verified: false };
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: options.tokenIssuer ?? "intl-graph-gateway",
          audience: exampleSchoolName,
        });
        claims.push(payload);
      } catch (error) {
        throw new GraphQLError(`IMT Example refuses this token: ${(error as Error).message}`, {
          extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
        });
      }
      return { verified: true };
    },
  });
  return { url, requests, claims, stop: () => server.stop() };
}
