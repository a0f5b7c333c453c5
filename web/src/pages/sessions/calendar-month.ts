/** The months of the sessions calendar: «2021-04», the month before or after, and the weeks a month shows. */
import { today } from "../../format.ts";

const pad = (value: number) => String(value).padStart(2, "0");
const isoDate = (date: Date) =>
  `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

/** «2021-04» for the month of today in Mexico City. */
export const currentMonth = (): string => today().slice(0, 7);

/** The month `delta` months after `month` («2021-04», -1 → «2021-03»). */
export function shiftMonth(month: string, delta: number): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const date = new Date(Date.UTC(year, monthNumber - 1 + delta, 1));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`;
}

/** The weeks shown for a month: from the Sunday on or before its first day to the Saturday on or after its last. */
export function monthWeeks(month: string): string[][] {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(year, monthNumber - 1, 1));
  const last = new Date(Date.UTC(year, monthNumber, 0));
  const start = new Date(first);
  start.setUTCDate(first.getUTCDate() - first.getUTCDay());
  const weeks: string[][] = [];
  for (
    const day = new Date(start);
    day <= last || day.getUTCDay() !== 0;
    day.setUTCDate(day.getUTCDate() + 1)
  ) {
    if (day.getUTCDay() === 0) weeks.push([]);
    weeks[weeks.length - 1]?.push(isoDate(day));
  }
  return weeks;
}
