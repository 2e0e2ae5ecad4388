import { enumOf, type EnumValue } from "@intl/errors";
import { collaborationType } from "@intl/events";

/** The school's PhD domains of excellence (the seed); research centres and faculty work in them. */
export const ResearchDomain = enumOf(
  "MICROELECTRONICS",
  "BIOMEDICAL",
  "INDUSTRIAL_AND_ENVIRONMENTAL_ENGINEERING",
  "COMPUTER_SCIENCE",
  "MATERIALS",
  "MECHANICS",
  "CHEMICAL_PROCESSES",
  "ENERGY",
);
export type ResearchDomain = EnumValue<typeof ResearchDomain>;
export const researchDomains = Object.values(ResearchDomain);

/** The collaboration types of the published contract. */
export const CollaborationType = collaborationType.enum;
export type CollaborationType = keyof typeof CollaborationType;
export const collaborationTypes = Object.values(CollaborationType);

/** The partnership dimensions a collaboration can evidence (teaching comes from student flows). */
export const CollaborationDimension = enumOf("RESEARCH", "CORPORATE_RELATIONS", "SCIENTIFIC_CULTURE");
export type CollaborationDimension = EnumValue<typeof CollaborationDimension>;
export const collaborationDimensions = Object.values(CollaborationDimension);

export const MobilityDirection = { OUTGOING: "OUTGOING", INCOMING: "INCOMING" } as const;
export type MobilityDirection = (typeof MobilityDirection)[keyof typeof MobilityDirection];
