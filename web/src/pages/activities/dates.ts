/**
 * Dates as people type them in the quick entry («2021-02-11, 18/02/2021», or a period «2021-03-01 a
 * 2021-03-31»), the same forms the XLSX import reads, and as tables show them (the shared short date).
 */
import { shortDate } from "../../format.ts";

/** «21/01/2021» → «2021-01-21»; anything else is left as typed for the API to judge. */
function isoOf(token: string): string {
  const mexican = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(token.trim());
  if (!mexican) return token.trim();
  const [, day = "", month = "", year = ""] = mexican;
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

/** The `dates` or the `span` of an activity from what was typed. */
export function parseDates(text: string): { dates: string[] } | { span: { from: string; to: string } } {
  const period = /^\s*(\S+)\s+(?:a|al|hasta)\s+(\S+)\s*$/i.exec(text);
  if (period) return { span: { from: isoOf(period[1] ?? ""), to: isoOf(period[2] ?? "") } };
  return {
    dates: text
      .split(/[;,]/)
      .map((part) => part.trim())
      .filter((part) => part !== "")
      .map(isoOf),
  };
}

/** How an activity's days are typed back into the field. */
export function datesText(activity: { dates: string[]; span: { from: string; to: string } | null }): string {
  return activity.span ? `${activity.span.from} a ${activity.span.to}` : activity.dates.join(", ");
}

/** An activity's days for a table: «11/02/2021, 18/02/2021», or a period «01/03/2021 – 31/03/2021». */
export function activityDays(activity: {
  dates: string[];
  span: { from: string; to: string } | null;
}): string {
  if (activity.span) return `${shortDate(activity.span.from)} – ${shortDate(activity.span.to)}`;
  return activity.dates.map(shortDate).join(", ");
}
