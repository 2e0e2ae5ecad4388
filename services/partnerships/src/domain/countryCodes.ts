import { enumOf, type EnumValue } from "@intl/errors";
/**
 * Every officially assigned ISO 3166-1 alpha-2 code, grouped by the zone the
 * office reads it in. The seed's zones (Africa, South America, Asia, Europe,
 * Mediterranean basin) are kept; North Africa and the Levant are read as
 * Mediterranean, the rest of the world gets its continent (or OTHER).
 */
export const Zone = enumOf(
  "AFRICA",
  "SOUTH_AMERICA",
  "NORTH_AMERICA",
  "ASIA",
  "EUROPE",
  "MEDITERRANEAN",
  "OCEANIA",
  "OTHER",
);
export type Zone = EnumValue<typeof Zone>;
export const zones = Object.values(Zone);

const codesByZone: Record<Zone, string> = {
  AFRICA:
    "AO BF BI BJ BW CD CF CG CI CM CV DJ EH ER ET GA GH GM GN GQ GW KE KM LR LS MG ML MR MU MW MZ NA NE NG " +
    "RE RW SC SD SH SL SN SO SS ST SZ TD TG TZ UG YT ZA ZM ZW",
  MEDITERRANEAN: "DZ EG IL JO LB LY MA PS SY TN TR",
  SOUTH_AMERICA: "AR BO BR CL CO EC FK GF GY PE PY SR UY VE",
  NORTH_AMERICA:
    "AG AI AW BB BL BM BQ BS BZ CA CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS MX NI PA PM PR " +
    "SV SX TC TT UM US VC VG VI",
  ASIA:
    "AE AF AM AZ BD BH BN BT CN GE HK ID IN IO IQ IR JP KG KH KP KR KW KZ LA LK MM MN MO MV MY NP OM PH PK " +
    "QA SA SG TH TJ TL TM TW UZ VN YE",
  EUROPE:
    "AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC " +
    "MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA",
  OCEANIA: "AS AU CC CK CX FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU WF WS",
  OTHER: "AQ BV GS HM TF",
};

const zoneByCode = new Map<string, Zone>(
  (Object.entries(codesByZone) as [Zone, string][]).flatMap(([zone, codes]) =>
    codes.split(" ").map((code) => [code, zone] as const),
  ),
);

/** All assigned codes, sorted. */
export const isoCountryCodes: readonly string[] = [...zoneByCode.keys()].sort();

export function isIsoCountryCode(code: string): boolean {
  return zoneByCode.has(code);
}

/** The zone of an assigned code (callers validate the code first). */
export function zoneOf(code: string): Zone {
  return zoneByCode.get(code) ?? Zone.OTHER;
}

const englishNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });

/** The English short name, e.g. "South Korea" for KR. */
export function countryName(code: string): string {
  return englishNames.of(code) ?? code;
}
