import type { AuthenticatedViewer } from "@intl/auth";
import type { CountryProfileInput } from "../domain/countryProfile.ts";
import type { NetworkInput } from "../domain/networkMembership.ts";
import type { SchoolLabelInput } from "../domain/schoolLabel.ts";

/**
 * The real reference data of the school's international policy (the seed text):
 * priority countries, networks, labels and rankings. Scores per criterion are not
 * in the source: they are left unscored for the office to fill in.
 */
export const referenceCountries: CountryProfileInput[] = [
  ...["CN", "IN"].map((code) => ({
    code,
    imtPriority: true,
    schoolTarget: false,
    note: "IMT priority country: the school acts there through IMT.",
  })),
  {
    code: "BR",
    imtPriority: true,
    schoolTarget: true,
    note: "IMT priority country and school target (South America).",
  },
  { code: "ZA", imtPriority: false, schoolTarget: true, note: "School target, zone Africa (South Africa)." },
  ...["SN", "CI", "BJ", "BF", "ML", "TG", "GH", "NG"].map((code) => ({
    code,
    imtPriority: false,
    schoolTarget: true,
    note: "School target, zone Africa: the seed targets West Africa as a whole.",
  })),
  ...["AR", "CO", "CL"].map((code) => ({
    code,
    imtPriority: false,
    schoolTarget: true,
    note: "School target, zone South America.",
  })),
  ...["KR", "JP", "VN"].map((code) => ({
    code,
    imtPriority: false,
    schoolTarget: true,
    note: "School target, zone Asia.",
  })),
  ...["DE", "ES", "IT"].map((code) => ({
    code,
    imtPriority: false,
    schoolTarget: true,
    note: "School target, zone Europe.",
  })),
  ...["MA", "LB"].map((code) => ({
    code,
    imtPriority: false,
    schoolTarget: true,
    note: "School target, Mediterranean basin.",
  })),
];

export interface ReferenceNetwork {
  id: string;
  input: NetworkInput;
  /** Named in the source (false: an illustrative international network, marked demo). */
  fromSource: boolean;
}

export const referenceNetworks: ReferenceNetwork[] = [
  {
    id: "net-imt",
    fromSource: true,
    input: {
      name: "Institut Mines-Télécom",
      acronym: "IMT",
      scope: "NATIONAL",
      schoolMember: true,
      description: "The national network of engineering schools the school belongs to.",
    },
  },
  {
    id: "net-udl",
    fromSource: true,
    input: {
      name: "Université de Lyon",
      acronym: "UdL",
      scope: "REGIONAL",
      schoolMember: true,
      description: "Regional network of higher education institutions.",
    },
  },
  {
    id: "net-alliance-aura",
    fromSource: true,
    input: {
      name: "Alliance des Grandes Écoles Auvergne-Rhône-Alpes",
      scope: "REGIONAL",
      schoolMember: true,
      description: "Regional alliance of Grandes Écoles in Auvergne-Rhône-Alpes.",
    },
  },
  {
    id: "net-demo-cesaer",
    fromSource: false,
    input: {
      name: "CESAER (demo)",
      acronym: "CESAER",
      scope: "INTERNATIONAL",
      schoolMember: false,
      description:
        "Demo: an international network of universities of science and technology; the school's membership is not asserted.",
    },
  },
  {
    id: "net-demo-time",
    fromSource: false,
    input: {
      name: "T.I.M.E. (demo)",
      acronym: "T.I.M.E.",
      scope: "INTERNATIONAL",
      schoolMember: false,
      description:
        "Demo: Top Industrial Managers for Europe, a double-degree network; the school's membership is not asserted.",
    },
  },
  {
    id: "net-demo-erasmus",
    fromSource: false,
    input: {
      name: "Erasmus+ (demo)",
      acronym: "ERASMUS+",
      scope: "INTERNATIONAL",
      schoolMember: true,
      description: "Demo: the EU programme the European exchange agreements run under.",
    },
  },
];

export const referenceLabels: { id: string; input: SchoolLabelInput }[] = [
  {
    id: "label-cequint",
    input: {
      name: "CeQuint — Certificate for Quality in Internationalisation",
      kind: "LABEL",
      awardedBy: "European Consortium for Accreditation",
      obtainedOn: "2018-11-01",
      criteria: [
        "Internationalisation strategy and objectives",
        "International and intercultural competences",
        "Programme content, environment and teaching methods",
        "Human resources: composition and experience of the teams",
        "Engineering students: group composition, experience, services offered to students",
      ],
      note: "Obtained in November 2018 (the day is not in the source).",
    },
  },
  {
    id: "label-bienvenue-en-france",
    input: {
      name: "Bienvenue en France",
      kind: "LABEL",
      awardedBy: "Campus France",
      obtainedOn: "2019-01-01",
      criteria: ["Quality of the welcome of international students"],
      note: "Obtained in 2019 (month and day are not in the source).",
    },
  },
  {
    id: "ranking-the-2020",
    input: {
      name: "Times Higher Education World University Rankings",
      kind: "RANKING",
      awardedBy: "Times Higher Education",
      obtainedOn: "2020-01-01",
      rank: 5,
      rankScope: "French engineering schools, 2020",
      note: "First engineering school of its region in France (year 2020; the day is not in the source).",
    },
  },
];

/** The operations the reference data is loaded through (a subset of the application). */
export interface ReferenceDataTarget {
  ensureCountryProfile(viewer: AuthenticatedViewer, input: CountryProfileInput): Promise<void>;
  findNetwork(id: string): Promise<unknown>;
  createNetwork(
    viewer: AuthenticatedViewer,
    input: NetworkInput,
    options: { id: string; demo: boolean },
  ): Promise<unknown>;
  findSchoolLabel(id: string): Promise<unknown>;
  recordSchoolLabel(
    viewer: AuthenticatedViewer,
    input: SchoolLabelInput,
    options: { id: string },
  ): Promise<unknown>;
}

/** Who writes the reference data: the system, with the office's rights. */
const referenceLoader: AuthenticatedViewer = {
  authenticated: true,
  subject: "system:reference-data",
  role: "INTERNATIONAL_OFFICE",
  hdr: false,
  institutionId: null,
  facultyId: null,
};

/**
 * Loads the source's reference data at every start of the service (not only with the demo): the
 * country priorities and targets, the networks and the labels and rankings of the strategy.
 * Adds only what is missing: a profile, network or label the office has edited stays as edited.
 * `networks`: which of `referenceNetworks` (default: those of the source; the demo adds its own).
 */
export async function loadReferenceData(
  app: ReferenceDataTarget,
  networks = referenceNetworks.filter((network) => network.fromSource),
): Promise<{ countries: number; networks: number; labels: number }> {
  for (const country of referenceCountries) await app.ensureCountryProfile(referenceLoader, country);
  for (const network of networks) {
    if (!(await app.findNetwork(network.id)))
      await app.createNetwork(referenceLoader, network.input, { id: network.id, demo: !network.fromSource });
  }
  for (const label of referenceLabels) {
    if (!(await app.findSchoolLabel(label.id)))
      await app.recordSchoolLabel(referenceLoader, label.input, { id: label.id });
  }
  return { countries: referenceCountries.length, networks: networks.length, labels: referenceLabels.length };
}
