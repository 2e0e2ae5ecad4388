import { programmes } from "../domain/programmes.ts";
import { StudentStatus } from "../domain/studentRegistration.ts";
import type { StudentRegistration } from "../domain/studentRegistration.ts";
import { demoSurnames, pick, pickWeighted, seededRandom } from "@intl/subgraph";

/** Demo data only: every email of a demo student ends with this domain. */
export const DEMO_EMAIL_DOMAIN = "students.demo.example";

const frenchFirstNames = [
  "Louise",
  "Jules",
  "Camille",
  "Hugo",
  "Manon",
  "Lucas",
  "Chloé",
  "Nathan",
  "Léa",
  "Théo",
  "Inès",
  "Arthur",
  "Emma",
  "Paul",
  "Zoé",
  "Victor",
];

/** First and last names by nationality, for believable demo people. */
const namesByCountry: Record<string, [string[], string[]]> = {
  CN: [
    ["Wei", "Fang", "Jing", "Hao", "Lei", "Yu"],
    ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang"],
  ],
  IN: [
    ["Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Isha"],
    ["Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Nair"],
  ],
  BR: [
    ["Ana", "João", "Beatriz", "Pedro", "Mariana", "Lucas"],
    ["Silva", "Souza", "Oliveira", "Santos", "Lima", "Costa"],
  ],
  MA: [
    ["Yassine", "Salma", "Omar", "Imane", "Mehdi", "Sara"],
    ["El Amrani", "Benali", "Alaoui", "Tazi", "Idrissi", "Berrada"],
  ],
  LB: [
    ["Karim", "Nour", "Elie", "Maya", "Rami", "Lea"],
    ["Haddad", "Khoury", "Nassar", "Aoun", "Saliba", "Fares"],
  ],
  CO: [
    ["Santiago", "Valentina", "Andrés", "Camila", "Felipe", "Laura"],
    ["Rodríguez", "Gómez", "López", "Martínez", "Díaz", "Torres"],
  ],
  CL: [
    ["Matías", "Catalina", "Benjamín", "Javiera", "Tomás", "Fernanda"],
    ["González", "Muñoz", "Rojas", "Díaz", "Pérez", "Soto"],
  ],
  AR: [
    ["Juan", "Sofía", "Martín", "Lucía", "Nicolás", "Julieta"],
    ["Fernández", "Gómez", "Álvarez", "Romero", "Sosa", "Ruiz"],
  ],
  KR: [
    ["Minjun", "Seoyeon", "Jiho", "Hayoon", "Dohyun", "Jiwoo"],
    ["Kim", "Lee", "Park", "Choi", "Jung", "Kang"],
  ],
  JP: [
    ["Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi"],
    ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito"],
  ],
  VN: [
    ["Minh", "Linh", "Huy", "Trang", "Duc", "Mai"],
    ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu"],
  ],
  DE: [
    ["Lukas", "Anna", "Felix", "Lena", "Jonas", "Marie"],
    ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner"],
  ],
  ES: [
    ["Alejandro", "Lucía", "Pablo", "Paula", "Daniel", "Carmen"],
    ["García", "Fernández", "González", "Rodríguez", "López", "Sánchez"],
  ],
  IT: [
    ["Francesco", "Giulia", "Alessandro", "Chiara", "Lorenzo", "Sara"],
    ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano"],
  ],
  ZA: [
    ["Thabo", "Naledi", "Sipho", "Lerato", "Pieter", "Amara"],
    ["Nkosi", "Dlamini", "Botha", "Naidoo", "Mokoena", "van der Merwe"],
  ],
  SN: [
    ["Moussa", "Awa", "Cheikh", "Fatou", "Ibrahima", "Aminata"],
    ["Diop", "Ndiaye", "Fall", "Sow", "Ba", "Sarr"],
  ],
  CI: [
    ["Kouassi", "Aya", "Yao", "Adjoua", "Koffi", "Affoué"],
    ["Kouamé", "Konan", "Traoré", "Koné", "Yao", "Bamba"],
  ],
  TN: [
    ["Aziz", "Ines", "Skander", "Amira", "Hamza", "Rim"],
    ["Ben Ali", "Trabelsi", "Jebali", "Gharbi", "Mansour", "Chaabane"],
  ],
  MX: [
    ["Diego", "Ximena", "Emiliano", "Regina", "Mateo", "Valeria"],
    ["Hernández", "García", "Martínez", "López", "González", "Pérez"],
  ],
};

/**
 * Origins of the demo's international students: the school's target countries
 * first (DOMAIN.md), IMT's priority countries (China, India, Brazil) weighing
 * most, and a few others ("targeting never forbids action elsewhere").
 */
const internationalOrigins: readonly (readonly [string, number])[] = [
  ["CN", 14],
  ["IN", 10],
  ["BR", 10],
  ["MA", 9],
  ["LB", 7],
  ["CO", 5],
  ["CL", 4],
  ["AR", 4],
  ["KR", 5],
  ["JP", 3],
  ["VN", 5],
  ["DE", 4],
  ["ES", 4],
  ["IT", 4],
  ["ZA", 2],
  ["SN", 4],
  ["CI", 3],
  ["TN", 2],
  ["MX", 1],
];

export interface DemoStudent extends StudentRegistration {
  /** Stable across runs: `demo-0001`. */
  key: string;
}

const codes = (kind: string) =>
  programmes.filter((programme) => programme.kind === kind).map((programme) => programme.code);

/**
 * `count` demo students over five cohorts (two already graduated), about 30 %
 * of them international. Homes institutions are set by the loader, from the
 * partners known at the time (see loadDemoData).
 */
export function demoStudents(count: number, currentAcademicYearStart: number, seed = 2026): DemoStudent[] {
  const random = seededRandom(seed);
  const cohorts = [0, 1, 2, 3, 4].map((offset) => currentAcademicYearStart - 1 + offset);
  return Array.from({ length: count }, (_, index) => {
    const international = random() < 0.3;
    const nationality = international ? pickWeighted(random, internationalOrigins) : "FR";
    const kind = international
      ? pickWeighted(random, [
          ["ENGINEERING", 30],
          ["MSC", 35],
          ["PHD", 10],
          ["EXCHANGE", 25],
        ] as const)
      : pickWeighted(random, [
          ["ENGINEERING", 80],
          ["MSC", 8],
          ["PHD", 12],
        ] as const);
    const programmeCode = pick(random, codes(kind));
    const cohort = pick(random, cohorts);
    const [firstNames, lastNames] = namesByCountry[nationality] ?? [frenchFirstNames, demoSurnames];
    const key = `demo-${String(index + 1).padStart(5, "0")}`;
    const firstName = pick(random, firstNames);
    const lastName = pick(random, lastNames);
    const birthYear = cohort - (kind === "PHD" ? 27 : 23) + Math.floor(random() * 3);
    return {
      key,
      firstName,
      lastName,
      email: `${key}@${DEMO_EMAIL_DOMAIN}`,
      birthDate: `${birthYear}-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`,
      nationality,
      programmeCode,
      cohort,
      homeInstitutionId: null,
      status: cohort <= currentAcademicYearStart ? StudentStatus.GRADUATED : StudentStatus.ENROLLED,
    };
  });
}
