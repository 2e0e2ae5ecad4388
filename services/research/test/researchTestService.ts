import { institutionCreated } from "@intl/events";
import { expectEventually, TestService, testViewer } from "@intl/testing";
import type { GraphQLAnswer, TestClaims } from "@intl/testing";
import { buildService } from "../src/subgraph.ts";
import type { ResearchService } from "../src/subgraph.ts";

export type { GraphQLAnswer };
export type TokenClaims = TestClaims;
export const viewer = testViewer;
export const admin = viewer({ role: "ADMIN" });

/** The research service under test (see `TestService`), with its own scene-setting helpers. */
export class ResearchTestService extends TestService<ResearchService> {
  constructor() {
    super({ name: "research", build: buildService });
  }

  get app() {
    return this.service.app;
  }

  /** Registers institutions as the partnerships service would, and waits until the read model holds them. */
  async knownInstitutions(institutions: { id: string; countryCode: string; name?: string }[]): Promise<void> {
    for (const institution of institutions) {
      await this.publish(institutionCreated, {
        subject: institution.id,
        sequence: 1,
        data: {
          institutionId: institution.id,
          name: institution.name ?? `University ${institution.id}`,
          countryCode: institution.countryCode,
          city: null,
          identifiers: { schac: null, erasmus: null, pic: null, ror: null },
        },
      });
    }
    await expectEventually(async () => {
      const count = await this.app.countKnownInstitutions(institutions.map((institution) => institution.id));
      if (count !== institutions.length)
        throw new Error(`${count}/${institutions.length} institutions known`);
    });
  }
}

/** A centre and faculty for a test, created through the application operations. */
export async function centreWithFaculty<Key extends string>(
  service: ResearchTestService,
  code: string,
  faculty: { key: Key; hdr: boolean }[],
): Promise<{ centreId: string; facultyIds: Record<Key, string> }> {
  const centre = await service.app.createResearchCentre(admin, {
    code,
    name: `Centre ${code}`,
    domains: ["MATERIALS", "MECHANICS"],
  });
  const facultyIds = {} as Record<Key, string>;
  for (const member of faculty) {
    const registered = await service.app.registerFaculty(admin, {
      firstName: "Test",
      lastName: `${member.key}-${code}`,
      email: `${member.key}.${code}@emse.example`.toLowerCase(),
      centreId: centre.id,
      domains: ["MATERIALS"],
      languages: ["fr", "en"],
      hdr: member.hdr,
    });
    facultyIds[member.key] = registered.id;
  }
  return { centreId: centre.id, facultyIds };
}
