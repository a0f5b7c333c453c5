/** Spanish words the institution's documents write from numbers: counts in words, ordinals of sessions. */

const UNITS = [
  "cero",
  "uno",
  "dos",
  "tres",
  "cuatro",
  "cinco",
  "seis",
  "siete",
  "ocho",
  "nueve",
  "diez",
  "once",
  "doce",
  "trece",
  "catorce",
  "quince",
  "dieciséis",
  "diecisiete",
  "dieciocho",
  "diecinueve",
  "veinte",
  "veintiuno",
  "veintidós",
  "veintitrés",
  "veinticuatro",
  "veinticinco",
  "veintiséis",
  "veintisiete",
  "veintiocho",
  "veintinueve",
] as const;
const TENS = [
  "",
  "",
  "",
  "treinta",
  "cuarenta",
  "cincuenta",
  "sesenta",
  "setenta",
  "ochenta",
  "noventa",
] as const;

/**
 * A count in words, as Spanish style writes numbers up to ninety-nine in running text («tres sesiones»); larger
 * numbers stay in figures. `feminine` gives «una», «veintiuna» before feminine nouns.
 */
export function countInWords(value: number, options: { feminine?: boolean } = {}): string {
  if (!Number.isInteger(value) || value < 0 || value > 99) return String(value);
  let words: string;
  if (value < 30) words = UNITS[value] as string;
  else {
    const unit = value % 10;
    words =
      unit === 0
        ? (TENS[Math.floor(value / 10)] as string)
        : `${TENS[Math.floor(value / 10)]} y ${UNITS[unit]}`;
  }
  if (options.feminine) words = words.replace(/uno$/, "una");
  return words;
}

const ORDINALS = [
  "",
  "primera",
  "segunda",
  "tercera",
  "cuarta",
  "quinta",
  "sexta",
  "séptima",
  "octava",
  "novena",
  "décima",
  "décima primera",
  "décima segunda",
  "décima tercera",
  "décima cuarta",
  "décima quinta",
  "décima sexta",
  "décima séptima",
  "décima octava",
  "décima novena",
  "vigésima",
] as const;

/** Feminine ordinal («tercera», «décima segunda»), as in «tercera sesión ordinaria»; figures past twenty. */
export function feminineOrdinal(value: number): string {
  return (value >= 1 && value < ORDINALS.length ? ORDINALS[value] : `${value}.ª`) as string;
}

const MASCULINE_IN_A = new Set(["sistema", "programa", "problema", "tema", "día", "mapa", "clima"]);

/**
 * «de la Secretaría Ejecutiva», «del Órgano Interno de Control»: «de» and the definite article that the first
 * noun of an institution's name takes (feminine in -a, -ión, -dad, -tad, -tud, -umbre; masculine otherwise).
 */
export function ofInstitution(name: string): string {
  const first = (name.split(/\s+/)[0] ?? "").toLocaleLowerCase("es-MX");
  if (/^(el|la|los|las)$/.test(first)) return `de ${name}`;
  const isPlural = /[^aeiouáéíóú]es$|[aeiou]s$/.test(first) && first.length > 4;
  const singular = isPlural ? first.replace(/es$|s$/, "") : first;
  const isFeminine =
    !MASCULINE_IN_A.has(singular) && /(a|ión|dad|tad|tud|umbre)$/.test(singular.replace(/on$/, "ión"));
  if (isPlural) return `de ${isFeminine ? "las" : "los"} ${name}`;
  return isFeminine ? `de la ${name}` : `del ${name}`;
}

/** «a, b y c» */
export function joinSpanish(items: string[]): string {
  if (items.length <= 1) return items.join("");
  // «y» becomes «e» before a word that starts with the sound /i/ («Ciudad e Iztapalapa»).
  const last = items[items.length - 1] as string;
  const conjunction = /^(i|hi)(?![aeiouáéíóú])/i.test(last) ? "e" : "y";
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${last}`;
}

export const capitalise = (value: string): string =>
  value.charAt(0).toLocaleUpperCase("es-MX") + value.slice(1);

const QUARTER_ORDINALS = ["", "primer", "segundo", "tercer", "cuarto"] as const;

/** «primer», «tercer»: the ordinal of a quarter before a masculine noun («primer informe trimestral»). */
export const quarterOrdinal = (quarter: number): string => QUARTER_ORDINALS[quarter] ?? String(quarter);

/** «primer trimestre de 2021» */
export function quarterName(quarter: number, year: number): string {
  return `${quarterOrdinal(quarter)} trimestre de ${year}`;
}
