/**
 * The fields of a contact as people write them, checked and put in the one form the database keeps: e-mail
 * addresses normalised for comparison, countries as ISO 3166-1 alpha-2 codes (or their Spanish or English names),
 * languages as codes. Pure functions, shared by the API, the import and the sender.
 */

/** The address as compared: trimmed, Unicode NFC, lower-cased («Ana@Example.com » = «ana@example.com»). */
export function normalizeEmail(email: string): string {
  return email.trim().normalize("NFC").toLowerCase();
}

const FORBIDDEN = /[\s<>()[\],;:"@]/u;

/**
 * Why a (normalised) address cannot receive mail, or undefined. Pragmatic, not RFC 5322's whole grammar: one
 * «@», a local part and a domain of at least two labels, no spaces, quotes, brackets or separators, no empty or
 * hyphen-edged labels, within the lengths SMTP allows (64 before the «@», 254 in all).
 */
export function emailProblem(email: string): string | undefined {
  if (email === "") return "falta el correo";
  if (email.length > 254) return "el correo pasa de 254 caracteres";
  const at = email.lastIndexOf("@");
  if (at <= 0 || at === email.length - 1)
    return `«${email}» no es un correo válido: falta la parte antes o después de «@»`;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > 64) return "la parte antes de «@» pasa de 64 caracteres";
  if (FORBIDDEN.test(local) || FORBIDDEN.test(domain))
    return `«${email}» no es un correo válido: tiene espacios, comillas, separadores o más de una «@»`;
  if (local.startsWith(".") || local.endsWith(".") || local.includes(".."))
    return `«${email}» no es un correo válido: puntos mal puestos antes de «@»`;
  const labels = domain.split(".");
  if (
    labels.length < 2 ||
    labels.some((label) => label === "" || label.startsWith("-") || label.endsWith("-"))
  )
    return `«${email}» no es un correo válido: el dominio «${domain}» no está bien formado`;
  if (!/^(\p{L}{2,}|xn--[a-z0-9-]+)$/u.test(labels[labels.length - 1] as string))
    return `«${email}» no es un correo válido: el dominio «${domain}» no termina en un dominio de nivel superior`;
  return undefined;
}

/** ISO 3166-1 alpha-2: the 249 officially assigned codes. */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW".split(
    " ",
  ),
);

const comparable = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

let countryNames: Map<string, string> | undefined;

/** Names of each country in Spanish and English, as ICU knows them, plus a few common alternatives. */
function countryByName(): Map<string, string> {
  if (countryNames) return countryNames;
  countryNames = new Map();
  for (const locale of ["es", "en"]) {
    const names = new Intl.DisplayNames([locale], { type: "region" });
    for (const code of COUNTRY_CODES) countryNames.set(comparable(names.of(code) ?? code), code);
  }
  for (const [name, code] of [
    ["eua", "US"],
    ["eeuu", "US"],
    ["ee uu", "US"],
    ["usa", "US"],
    ["estados unidos de america", "US"],
    ["reino unido de gran bretana", "GB"],
    ["inglaterra", "GB"],
    ["holanda", "NL"],
    ["estados unidos mexicanos", "MX"],
  ] as const)
    countryNames.set(name, code);
  return countryNames;
}

/** The ISO code of a country written as a code («us», «MX») or a name («Estados Unidos», «Canada»). */
export function countryCode(text: string): string | undefined {
  const trimmed = text.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const code = trimmed.toUpperCase();
    return COUNTRY_CODES.has(code) ? code : undefined;
  }
  return countryByName().get(comparable(trimmed));
}

const LANGUAGE_NAMES: Record<string, string> = {
  espanol: "es",
  castellano: "es",
  spanish: "es",
  ingles: "en",
  english: "en",
  frances: "fr",
  french: "fr",
  portugues: "pt",
  portuguese: "pt",
  aleman: "de",
  german: "de",
  italiano: "it",
  italian: "it",
  nahuatl: "nah",
};

/** A language as a BCP 47 tag («es», «en-US»), from a tag or a common name («español», «inglés»). */
export function languageTag(text: string): string | undefined {
  const trimmed = text.trim();
  const byName = LANGUAGE_NAMES[comparable(trimmed)];
  if (byName) return byName;
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(trimmed)) return undefined;
  try {
    return Intl.getCanonicalLocales(trimmed)[0];
  } catch {
    return undefined;
  }
}
