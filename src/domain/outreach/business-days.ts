/**
 * Business days for data-protection deadlines: Monday to Friday, less the mandatory federal rest days of the
 * Ley Federal del Trabajo (art. 74). Holidays an institution declares by itself (its own calendar, Holy Week,
 * 2 November, 12 December) are not modelled: docs/decisions/022.
 */
import { isValidCalendarDate } from "../shared/calendar.ts";

/** Days to answer an access, rectification, cancellation or opposition request (LGPDPPSO art. 51). */
export const ARCO_RESPONSE_BUSINESS_DAYS = 20;

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

/** The `nth` Monday of a month (0-based month), as YYYY-MM-DD. */
function nthMonday(year: number, month: number, nth: number): string {
  const first = new Date(Date.UTC(year, month, 1));
  const offset = (8 - first.getUTCDay()) % 7;
  return toDay(new Date(Date.UTC(year, month, 1 + offset + 7 * (nth - 1))));
}

/** The mandatory rest days of a year: LFT art. 74 (1 October only in years the federal executive changes). */
export function federalHolidays(year: number): Set<string> {
  const pad = (n: number) => String(n).padStart(2, "0");
  const fixed = (month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
  const days = new Set([
    fixed(1, 1),
    nthMonday(year, 1, 1), // first Monday of February (Constitution)
    nthMonday(year, 2, 3), // third Monday of March (Juárez)
    fixed(5, 1),
    fixed(9, 16),
    nthMonday(year, 10, 3), // third Monday of November (Revolution)
    fixed(12, 25),
  ]);
  if (year >= 2024 && (year - 2024) % 6 === 0) days.add(fixed(10, 1));
  return days;
}

export function isBusinessDay(day: string): boolean {
  const weekday = toDate(day).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !federalHolidays(Number(day.slice(0, 4))).has(day);
}

/** The `count`-th business day after `day` (the day itself never counts: terms run from the next day). */
export function addBusinessDays(day: string, count: number): string {
  if (!isValidCalendarDate(day)) throw new RangeError(`Not a calendar date: ${day}`);
  const date = toDate(day);
  let remaining = count;
  while (remaining > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isBusinessDay(toDay(date))) remaining--;
  }
  return toDay(date);
}
