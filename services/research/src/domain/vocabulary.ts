import { collaborationType } from "@intl/events";

/** The school's PhD domains of excellence (the seed); research centres and faculty work in them. */
export const ResearchDomain = {
  MICROELECTRONICS: "MICROELECTRONICS",
  BIOMEDICAL: "BIOMEDICAL",
  INDUSTRIAL_AND_ENVIRONMENTAL_ENGINEERING: "INDUSTRIAL_AND_ENVIRONMENTAL_ENGINEERING",
  COMPUTER_SCIENCE: "COMPUTER_SCIENCE",
  MATERIALS: "MATERIALS",
  MECHANICS: "MECHANICS",
  CHEMICAL_PROCESSES: "CHEMICAL_PROCESSES",
  ENERGY: "ENERGY",
} as const;
export type ResearchDomain = (typeof ResearchDomain)[keyof typeof ResearchDomain];
export const researchDomains = Object.values(ResearchDomain);

/** The collaboration types of the published contract. */
export const CollaborationType = collaborationType.enum;
export type CollaborationType = keyof typeof CollaborationType;
export const collaborationTypes = Object.values(CollaborationType);

/** The partnership dimensions a collaboration can evidence (teaching comes from student flows). */
export const CollaborationDimension = {
  RESEARCH: "RESEARCH",
  CORPORATE_RELATIONS: "CORPORATE_RELATIONS",
  SCIENTIFIC_CULTURE: "SCIENTIFIC_CULTURE",
} as const;
export type CollaborationDimension = (typeof CollaborationDimension)[keyof typeof CollaborationDimension];
export const collaborationDimensions = Object.values(CollaborationDimension);

export const MobilityDirection = { OUTGOING: "OUTGOING", INCOMING: "INCOMING" } as const;
export type MobilityDirection = (typeof MobilityDirection)[keyof typeof MobilityDirection];
