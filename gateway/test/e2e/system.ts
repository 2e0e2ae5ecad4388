/**
 * The whole system in one process for end-to-end tests: the four subgraph services
 * (each on its own fresh database, all on the real Kafka broker under one random topic
 * prefix) listening on free ports, and the real gateway in front of them, on the
 * checked-in supergraph. Everything is stopped by `stop()`.
 */
import { readFileSync } from "node:fs";
import { createTokenVerifier, mintDevelopmentToken, type Role } from "@intl/auth";
import { buildService as buildCampaigns } from "@intl/campaigns/subgraph";
import { createKafka, ensureTopics } from "@intl/kafka";
import { connectMongo } from "@intl/mongo";
import { buildService as buildPartnerships } from "@intl/partnerships/subgraph";
import { buildService as buildResearch } from "@intl/research/subgraph";
import { buildService as buildStudents } from "@intl/students/subgraph";
import { createLogger } from "@intl/subgraph";
import { uniqueName } from "@intl/testing";
import type mongoose from "mongoose";
import { buildGateway } from "../../src/gateway.ts";
import type { GatewayDependencies } from "../../src/gateway.ts";
import { supergraphPath } from "../../src/subgraphCatalogue.ts";

const secret = "e2e-secret-0123456789abcdef0123456789";
const issuer = "intl-graph";
const audience = "intl-graph";
/** What the system's services verify tokens with: a service run in a child process needs it too. */
export const tokenSettings = { secret, issuer, audience };

export interface TokenOptions {
  subject?: string;
  hdr?: boolean;
  institutionId?: string;
  facultyId?: string;
  school?: string;
  expiresIn?: string;
}

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export async function startSystem(options: {
  kafkaBrokers: string[];
  mongoUri: string;
  clock?: () => Date;
  /** More gateway settings (other schools' register, limits...). */
  gateway?: Partial<GatewayDependencies>;
}) {
  const topicPrefix = uniqueName("e2e");
  const logger = createLogger("e2e", process.env.E2E_LOG_LEVEL ?? "silent");
  const verifyToken = createTokenVerifier({ secret, issuer, audience });
  const kafka = createKafka({ clientId: topicPrefix, brokers: options.kafkaBrokers, logger });
  const databases: Record<string, mongoose.Connection> = {};

  const deps = async (name: string) => {
    // With the read cache, as the services run (STORE_READ_CACHE_MS).
    const connection = await connectMongo(options.mongoUri, uniqueName(`e2e-${name}`), { readCacheMs: 5000 });
    databases[name] = connection;
    return {
      connection,
      kafka,
      topicPrefix,
      verifyToken,
      logger: logger.child({ service: name }),
      outboxPollMs: 100,
      ...(options.clock ? { clock: options.clock } : {}),
    };
  };

  const services = {
    partnerships: buildPartnerships(await deps("partnerships")),
    students: buildStudents(await deps("students")),
    research: buildResearch(await deps("research")),
    campaigns: buildCampaigns(await deps("campaigns")),
  };
  const allTopics = [...new Set(Object.values(services).flatMap((service) => service.topics))];
  await ensureTopics(kafka, allTopics, { prefix: topicPrefix });

  const listening: { close(): Promise<void> }[] = [];
  const subgraphUrls: Record<string, string> = {};
  for (const [name, service] of Object.entries(services)) {
    await service.start();
    const address = await service.server.listen({ port: 0, host: "127.0.0.1" });
    listening.push(address);
    subgraphUrls[name] = address.url;
  }

  const gateway = buildGateway({
    supergraphSdl: readFileSync(supergraphPath, "utf8"),
    verifyToken,
    logger,
    ...options.gateway,
    // A test may send some subgraphs' fetches elsewhere (the fault suite takes research away); the rest stay.
    subgraphUrls: { ...subgraphUrls, ...options.gateway?.subgraphUrls },
  });
  const gatewayAddress = await gateway.listen({ port: 0, host: "127.0.0.1" });

  /** Sends one GraphQL operation to the gateway, as `role` (or anonymously with `null`). */
  async function query<Data = Record<string, unknown>>(
    authorization: string | null,
    document: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<Data>> {
    const response = await fetch(gatewayAddress.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(authorization ? { authorization: `Bearer ${authorization}` } : {}),
      },
      body: JSON.stringify({ query: document, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<Data>, "status">;
    return { status: response.status, ...body };
  }

  /** Like `query`, but fails the test on any error and returns the data. */
  async function data<Data = Record<string, unknown>>(
    authorization: string | null,
    document: string,
    variables: Record<string, unknown> = {},
  ): Promise<Data> {
    const result = await query<Data>(authorization, document, variables);
    if (result.errors?.length || !result.data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? result)}`);
    }
    return result.data;
  }

  /**
   * Registers a partner through the gateway with an ACTIVE exchange agreement covering ICM and
   * the MSc family (or `programmeCodes`) from 2025-2026 to 2029-2030, two seats each way per year.
   */
  async function registerPartnerWithAgreement(
    authorization: string,
    name: string,
    countryCode: string,
    programmeCodes: string[] = ["ICM", "MSC"],
  ): Promise<{ institutionId: string; agreementId: string }> {
    const { registerInstitution } = await data<{ registerInstitution: { id: string } }>(
      authorization,
      `mutation($input: InstitutionInput!) { registerInstitution(input: $input) { id } }`,
      { input: { name, countryCode } },
    );
    const { draftAgreement } = await data<{ draftAgreement: { id: string } }>(
      authorization,
      `mutation($input: DraftAgreementInput!) { draftAgreement(input: $input) { id } }`,
      {
        input: {
          institutionId: registerInstitution.id,
          type: "EXCHANGE",
          programmeCodes,
          seatsOutgoingPerYear: 2,
          seatsIncomingPerYear: 2,
          firstAcademicYear: "2025-2026",
          lastAcademicYear: "2029-2030",
          signedByPartnerOn: "2025-03-01",
          signedBySchoolOn: "2025-03-05",
        },
      },
    );
    await data(authorization, `mutation($id: ID!) { activateAgreement(id: $id) { status } }`, {
      id: draftAgreement.id,
    });
    return { institutionId: registerInstitution.id, agreementId: draftAgreement.id };
  }

  function token(role: Role, tokenOptions: TokenOptions = {}): Promise<string> {
    return mintDevelopmentToken({ secret, issuer, audience, role, ...tokenOptions });
  }

  async function stop(): Promise<void> {
    await gatewayAddress.close();
    for (const address of listening) await address.close();
    for (const service of Object.values(services)) await service.stop();
    for (const connection of Object.values(databases)) {
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    }
  }

  return {
    services,
    /** Each service's own database, for assertions on what it stored. */
    databases: databases as Record<keyof typeof services, mongoose.Connection>,
    kafka,
    topicPrefix,
    query,
    data,
    token,
    registerPartnerWithAgreement,
    gatewayUrl: gatewayAddress.url,
    subgraphUrls,
    stop,
  };
}

export type System = Awaited<ReturnType<typeof startSystem>>;
