import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  DEVELOPMENT_JWT_SECRET,
  mintDevelopmentToken,
} from "@intl/auth";

export const EXPORT_USAGE = `Usage: npm run personal-data:export -- --person <KIND>:<id> --out <file.json> [options]

Writes everything the graph holds on a person (GDPR arts. 15, 20) to a JSON file, read through the
gateway's personalDataExport as ADMIN. KIND: STUDENT | FACULTY | PHD_CANDIDATE | CO_SUPERVISOR | CONTACT
(a CONTACT is named by email: --person CONTACT --email <email>).

Options:
  --gateway <url>   the gateway (default: GATEWAY_URL or http://127.0.0.1:4000/graphql)
  --token <jwt>     an ADMIN token (default: one minted with AUTH_JWT_SECRET, the development secret)
  --help            show this help`;

export const PERSONAL_DATA_EXPORT = /* GraphQL */ `
  query PersonalDataExport($person: PersonInput!) {
    personalDataExport(person: $person) {
      id
      partnerships
      students
      research
      campaigns
    }
  }
`;

export interface ExportCommandResult {
  exitCode: 0 | 1;
  stdout: string;
  stderr: string;
}

const failure = (message: string): ExportCommandResult => ({
  exitCode: 1,
  stdout: "",
  stderr: `${message}\n\n${EXPORT_USAGE}\n`,
});

/** Runs `npm run personal-data:export -- <args>`; kept apart from `process` so that it can be tested. */
export async function runExportCommand(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<ExportCommandResult> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        person: { type: "string" },
        email: { type: "string" },
        out: { type: "string" },
        gateway: { type: "string" },
        token: { type: "string" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    return failure((error as Error).message);
  }
  if (values.help) return { exitCode: 0, stdout: `${EXPORT_USAGE}\n`, stderr: "" };
  if (!values.person || !values.out) return failure("--person and --out are required.");
  const [kind, ...rest] = values.person.split(":");
  const person = kind === "CONTACT" ? { kind, email: values.email } : { kind, id: rest.join(":") };
  const token =
    values.token ??
    (await mintDevelopmentToken({
      secret: env.AUTH_JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
      issuer: env.AUTH_ISSUER ?? DEVELOPMENT_ISSUER,
      audience: env.AUTH_AUDIENCE ?? DEVELOPMENT_AUDIENCE,
      role: "ADMIN",
      subject: "personal-data-export",
      expiresIn: "5m",
    }));
  const gateway = values.gateway ?? env.GATEWAY_URL ?? "http://127.0.0.1:4000/graphql";
  const response = await fetch(gateway, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: PERSONAL_DATA_EXPORT, variables: { person } }),
  });
  const body = (await response.json()) as { data?: { personalDataExport?: unknown }; errors?: unknown[] };
  if (body.errors?.length || !body.data?.personalDataExport) {
    return {
      exitCode: 1,
      stdout: "",
      stderr: `The gateway refused the export: ${JSON.stringify(body.errors)}\n`,
    };
  }
  const document = { exportedAt: new Date().toISOString(), ...body.data.personalDataExport };
  await writeFile(values.out, `${JSON.stringify(document, null, 2)}\n`);
  return { exitCode: 0, stdout: `wrote ${values.out}\n`, stderr: "" };
}
