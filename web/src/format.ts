/**
 * Dates and numbers as the institution writes them, computed (never typed): «jueves 21 de enero de 2021». A
 * calendar date (YYYY-MM-DD) is read as that day, whatever the browser's time zone.
 */
import type { Language } from "./i18n/i18n.ts";

const LOCALES: Record<Language, string> = { "es-MX": "es-MX", en: "en-GB" };

function calendarDay(date: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return undefined;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** «jueves 21 de enero de 2021» (the weekday computed); the text as given when it is not a date. */
export function longDate(date: string, language: Language = "es-MX"): string {
  const day = calendarDay(date);
  if (!day) return date;
  const part = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone: "UTC" }).format(day);
  const [weekday, month] = [part({ weekday: "long" }), part({ month: "long" })];
  const [number, year] = [day.getUTCDate(), day.getUTCFullYear()];
  return language === "es-MX"
    ? `${weekday} ${number} de ${month} de ${year}`
    : `${weekday} ${number} ${month} ${year}`;
}

/** «21/01/2021»: for tables where the long form does not fit. */
export function shortDate(date: string): string {
  const day = calendarDay(date);
  if (!day) return date;
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** An instant (ISO 8601) in Mexico City's time: «21/01/2021 10:05». */
export function dateTime(instant: string): string {
  const value = new Date(instant);
  if (Number.isNaN(value.getTime())) return instant;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: "America/Mexico_City",
    })
      .formatToParts(value)
      .map((entry) => [entry.type, entry.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** Today in Mexico City, as the institution's calendar sees it (YYYY-MM-DD). */
export const today = (): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "America/Mexico_City" }).format(new Date());
