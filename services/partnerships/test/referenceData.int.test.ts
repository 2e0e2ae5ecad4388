import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadReferenceData } from "../src/application/referenceData.ts";
import { PartnershipsTestService, office } from "./partnershipsTestService.ts";

// No seed runs here: what the service answers is what it loads itself at start.
const partnerships = new PartnershipsTestService();
beforeAll(() => partnerships.start());
afterAll(() => partnerships.stop());

const REFERENCE = /* GraphQL */ `
  query Reference {
    countries(filter: { priority: [IMT_PRIORITY] }) {
      nodes {
        code
        imtPriority
        schoolTarget
      }
    }
    networks {
      nodes {
        id
        name
      }
    }
    schoolLabels {
      nodes {
        name
        kind
        criteria
      }
    }
  }
`;

interface Reference {
  countries: { nodes: { code: string; imtPriority: boolean; schoolTarget: boolean }[] };
  networks: { nodes: { id: string; name: string }[] };
  schoolLabels: { nodes: { name: string; kind: string; criteria: string[] }[] };
}

describe("reference data: part of the system, not of the demo", () => {
  it("answers the strategy's priority countries, networks and labels without any demo data", async () => {
    const answer = await partnerships.graphql<Reference>(REFERENCE, {}, { role: "ANALYST" });
    expect(answer.errors).toBeUndefined();
    const { countries, networks, schoolLabels } = answer.data!;
    expect(countries.nodes.map((country) => country.code).sort()).toEqual(["BR", "CN", "IN"]);
    expect(countries.nodes.find((country) => country.code === "BR")).toMatchObject({ schoolTarget: true });
    expect(networks.nodes.map((network) => network.id).sort()).toEqual([
      "net-alliance-aura",
      "net-imt",
      "net-udl",
    ]);
    const cequint = schoolLabels.nodes.find((label) => label.name.startsWith("CeQuint"));
    expect(cequint?.criteria).toHaveLength(5);
    expect(schoolLabels.nodes.map((label) => label.kind).sort()).toEqual(["LABEL", "LABEL", "RANKING"]);
    expect(await partnerships.connection.collection("institutions").countDocuments()).toBe(0);
  });

  it("keeps what the office edited when the reference data is loaded again, as at the next start", async () => {
    const edited = await partnerships.graphql(
      `mutation { setCountryProfile(input: { code: "IN", imtPriority: false, schoolTarget: true, note: "Office's own view" }) { code } }`,
      {},
      office,
    );
    expect(edited.errors).toBeUndefined();
    await loadReferenceData(partnerships.service.app);
    const india = await partnerships.connection
      .collection("country_profiles")
      .findOne({ _id: "IN" as never });
    expect(india).toMatchObject({ imtPriority: false, schoolTarget: true, note: "Office's own view" });
    expect(await partnerships.connection.collection("networks").countDocuments()).toBe(3);
  });
});
