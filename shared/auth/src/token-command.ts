import { parseArgs } from "node:util";
import { DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER, DEVELOPMENT_JWT_SECRET } from "./development.ts";
import { mintDevelopmentToken } from "./mint-token.ts";
import { Role, isRole } from "./roles.ts";

export const TOKEN_USAGE = `Usage: npm run token -- --role <ROLE> [options]

Prints a development access token (HS256) for the local services.

Options:
  --role <ROLE>          ${Object.values(Role).join(" | ")} (required)
  --subject <id>         the sub claim (default: dev-<role>)
  --hdr                  the faculty member holds the HDR
  --institution <id>     institution_id claim (required for PARTNER)
  --faculty <id>         faculty_id claim
  --school <imt-name>    school claim (required for IMT_SCHOOL), e.g. imt-atlantique
  --expires <span>       lifetime, e.g. 30m, 8h, 7d (default: 8h)
  --help                 show this help

Environment: AUTH_JWT_SECRET (default: the development secret),
             AUTH_ISSUER and AUTH_AUDIENCE (default: ${DEVELOPMENT_ISSUER}).`;

/** What the CLI should print and exit with; kept apart from `process` so it can be tested. */
export interface TokenCommandResult {
  exitCode: 0 | 1;
  stdout: string;
  stderr: string;
}

function failure(message: string): TokenCommandResult {
  return { exitCode: 1, stdout: "", stderr: `${message}\n\n${TOKEN_USAGE}\n` };
}

/** Runs `npm run token -- <args>` against `env` and says what to print. */
export async function runTokenCommand(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<TokenCommandResult> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        role: { type: "string" },
        subject: { type: "string" },
        hdr: { type: "boolean", default: false },
        institution: { type: "string" },
        faculty: { type: "string" },
        school: { type: "string" },
        expires: { type: "string", default: "8h" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    return failure((error as Error).message);
  }
  if (values.help) return { exitCode: 0, stdout: `${TOKEN_USAGE}\n`, stderr: "" };
  if (values.role === undefined) return failure("Missing --role.");
  const role = values.role.toUpperCase();
  if (!isRole(role)) {
    return failure(`Unknown role "${values.role}": expected one of ${Object.values(Role).join(", ")}.`);
  }
  if (role === Role.PARTNER && values.institution === undefined) {
    return failure("A PARTNER token needs --institution <id>.");
  }
  if (role === Role.IMT_SCHOOL && values.school === undefined) {
    return failure("An IMT_SCHOOL token needs --school <imt-name>.");
  }
  const secret = env.AUTH_JWT_SECRET || DEVELOPMENT_JWT_SECRET;
  if (secret.length < 32) return failure("AUTH_JWT_SECRET must be at least 32 characters.");
  try {
    const token = await mintDevelopmentToken({
      secret,
      issuer: env.AUTH_ISSUER || DEVELOPMENT_ISSUER,
      audience: env.AUTH_AUDIENCE || DEVELOPMENT_AUDIENCE,
      role,
      hdr: values.hdr,
      institutionId: values.institution ?? null,
      facultyId: values.faculty ?? null,
      expiresIn: values.expires,
      ...(values.subject !== undefined ? { subject: values.subject } : {}),
      ...(values.school !== undefined ? { school: values.school } : {}),
    });
    return { exitCode: 0, stdout: `${token}\n`, stderr: "" };
  } catch (error) {
    // jose rejects a malformed --expires span with a TypeError naming the problem.
    return failure(`Could not mint the token: ${(error as Error).message}`);
  }
}
