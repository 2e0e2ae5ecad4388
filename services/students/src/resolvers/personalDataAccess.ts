import { subjectIdOf } from "@intl/subgraph";
import type { PersonalDataAccess } from "@intl/subgraph";
import type { ApplicationRecord } from "../models/application.ts";
import type { StudentRecord } from "../models/student.ts";
import type { OwnedDossier } from "./applicationFields.ts";

const student = (id: string) => subjectIdOf({ kind: "STUDENT", id });
const names = ["firstName", "lastName", "email", "birthDate"];

/** What is personal here, for the record of access (`@intl/subgraph` access-record.ts). */
export const personalDataAccess: PersonalDataAccess = {
  reads: {
    Student: { fields: names, subject: (record: StudentRecord) => student(record._id) },
    Dossier: { fields: ["documents"], subject: (dossier: OwnedDossier) => student(dossier.studentId) },
  },
  writes: {
    registerStudent: { fields: names, subject: (_args, record: StudentRecord) => student(record._id) },
    submitNomination: {
      fields: [...names, "documents"],
      subject: (_args, application: ApplicationRecord) => student(application.studentId),
    },
    eraseStudent: { fields: [...names, "documents"], subject: (args: { id: string }) => student(args.id) },
  },
};
