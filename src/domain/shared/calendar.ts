/** Calendar dates as `YYYY-MM-DD` strings: validity, weekdays and Spanish long form, always computed. */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export const SPANISH_WEEKDAYS = [
  "domingo",
  "lunes",
  "martes",
  "miércoles",
  "jueves",
  "viernes",
  "sábado",
] as const;
export const SPANISH_MONTHS = [
  "enero",
  "febrero",
  "marzo",
  "abril",
  "mayo",
  "junio",
  "julio",
  "agosto",
  "septiembre",
  "octubre",
  "noviembre",
  "diciembre",
] as const;

function parts(value: string): { year: number; month: number; day: number } | undefined {
  const match = DATE_PATTERN.exec(value);
  if (!match) return undefined;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** True when `value` is `YYYY-MM-DD` and names a day that exists («2021-02-29» does not). */
export function isValidCalendarDate(value: string): boolean {
  const p = parts(value);
  if (!p || p.year < 1900 || p.year > 2999 || p.month < 1 || p.month > 12 || p.day < 1) return false;
  const date = new Date(Date.UTC(p.year, p.month - 1, p.day));
  return date.getUTCMonth() === p.month - 1 && date.getUTCDate() === p.day;
}

function utc(value: string): Date {
  const p = parts(value);
  if (!p || !isValidCalendarDate(value)) throw new RangeError(`Not a calendar date: ${value}`);
  return new Date(Date.UTC(p.year, p.month - 1, p.day));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(value: string): number {
  return utc(value).getUTCDay();
}

export function yearOf(value: string): number {
  return utc(value).getUTCFullYear();
}

/** 1–4. */
export function quarterOf(value: string): number {
  return Math.floor(utc(value).getUTCMonth() / 3) + 1;
}

/** «jueves 21 de enero de 2021» (the weekday is computed, never typed). */
export function formatSpanishLongDate(value: string, options: { padDay?: boolean } = {}): string {
  const d = utc(value);
  const day = options.padDay ? String(d.getUTCDate()).padStart(2, "0") : String(d.getUTCDate());
  return `${SPANISH_WEEKDAYS[d.getUTCDay()]} ${day} de ${SPANISH_MONTHS[d.getUTCMonth()]} de ${d.getUTCFullYear()}`;
}

/** Today's date in Mexico City, as the institution's calendar sees it. */
export function todayInMexicoCity(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "America/Mexico_City" }).format(now);
}

export type Period = { from: string; to: string; label: string };

/** Parses «2021-Q1» (a quarter) or «2021» (a year) into inclusive date bounds. */
export function parsePeriod(value: string): Period | undefined {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(value);
  if (quarter) {
    const year = Number(quarter[1]);
    const q = Number(quarter[2]);
    const startMonth = (q - 1) * 3 + 1;
    const endMonth = startMonth + 2;
    const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
    const pad = (n: number) => String(n).padStart(2, "0");
    return { from: `${year}-${pad(startMonth)}-01`, to: `${year}-${pad(endMonth)}-${lastDay}`, label: value };
  }
  if (/^\d{4}$/.test(value)) return { from: `${value}-01-01`, to: `${value}-12-31`, label: value };
  return undefined;
}

/**
 * Several days in one phrase, the month and year written once where they are shared: «miércoles 6 y viernes 8 de
 * enero de 2021», «lunes 1 de febrero y jueves 4 de marzo de 2021». Days are sorted; weekdays computed.
 */
export function formatSpanishDateList(values: string[], options: { padDay?: boolean } = {}): string {
  const days = [...new Set(values)].sort().map((value) => {
    const d = utc(value);
    return {
      weekday: SPANISH_WEEKDAYS[d.getUTCDay()] as string,
      day: options.padDay ? String(d.getUTCDate()).padStart(2, "0") : String(d.getUTCDate()),
      month: SPANISH_MONTHS[d.getUTCMonth()] as string,
      year: d.getUTCFullYear(),
    };
  });
  const parts = days.map((current, index) => {
    const next = days[index + 1];
    let part = `${current.weekday} ${current.day}`;
    if (!next || next.month !== current.month || next.year !== current.year) part += ` de ${current.month}`;
    if (!next || next.year !== current.year) part += ` de ${current.year}`;
    return part;
  });
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} y ${parts[parts.length - 1]}`;
}
