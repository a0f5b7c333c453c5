/**
 * iCalendar (RFC 5545) writer for published calendars: VCALENDAR with VEVENTs, pure and domain-agnostic.
 *
 * - Lines end in CRLF and are folded at 75 octets (a CRLF and a space), never inside a UTF-8 character.
 * - TEXT values escape backslash, semicolon, comma and line breaks (§3.3.11); other control characters are dropped.
 * - An event with a time of day is written in UTC (`…Z`), converted from the wall-clock time in `timeZone`
 *   with the tz database the runtime carries, so no VTIMEZONE has to restate Mexico's past daylight-saving rules
 *   (in force until October 2022). An event without a time is an all-day event: DTSTART;VALUE=DATE and the next
 *   day as the exclusive DTEND.
 * - No METHOD: the file is a published feed, so DTSTAMP is when the event's information last changed
 *   (§3.8.7.2), which keeps the output identical while the records are.
 */

export type CalendarEvent = {
  /** Globally unique and stable across downloads, e.g. `session-<uuid>@vincula`. */
  uid: string;
  summary: string;
  description?: string;
  location?: string;
  /** `YYYY-MM-DD` in the calendar's time zone. */
  date: string;
  /** `HH:MM` wall-clock time in the calendar's time zone; absent for an all-day event. */
  startTime?: string | null;
  status?: "TENTATIVE" | "CONFIRMED" | "CANCELLED";
  categories?: string[];
  /** When the event's information last changed: DTSTAMP and LAST-MODIFIED. */
  lastModified: Date;
};

export type Calendar = {
  /** PRODID, e.g. `-//Vincula//Calendario de sesiones//ES`. */
  productId: string;
  /** Shown by clients as the calendar's name (X-WR-CALNAME). */
  name: string;
  /** IANA zone of the events' dates and times, e.g. `America/Mexico_City`. */
  timeZone: string;
  events: CalendarEvent[];
};

const CRLF = "\r\n";
const MAX_OCTETS = 75;

/** Renders the calendar as iCalendar text (UTF-8, CRLF line endings, folded). */
export function renderICalendar(calendar: Calendar): string {
  const lines: string[] = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${escapeText(calendar.productId)}`,
    "CALSCALE:GREGORIAN",
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `X-WR-TIMEZONE:${escapeText(calendar.timeZone)}`,
  ];
  for (const event of calendar.events) lines.push(...eventLines(event, calendar.timeZone));
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}

function eventLines(event: CalendarEvent, timeZone: string): string[] {
  const stamp = utcStamp(event.lastModified);
  const lines = ["BEGIN:VEVENT", `UID:${escapeText(event.uid)}`, `DTSTAMP:${stamp}`];
  if (event.startTime) {
    lines.push(`DTSTART:${utcStamp(zonedTimeToUtc(event.date, event.startTime, timeZone))}`);
  } else {
    lines.push(`DTSTART;VALUE=DATE:${compactDate(event.date)}`);
    lines.push(`DTEND;VALUE=DATE:${compactDate(nextDay(event.date))}`);
  }
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.categories && event.categories.length > 0)
    lines.push(`CATEGORIES:${event.categories.map(escapeText).join(",")}`);
  if (event.status) lines.push(`STATUS:${event.status}`);
  lines.push(`LAST-MODIFIED:${stamp}`, "TRANSP:OPAQUE", "END:VEVENT");
  return lines;
}

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\r\n|\r|\n|\u2028|\u2029/g, "\n")
      // Control characters other than the line breaks just normalised are not allowed in TEXT.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, "")
      .replace(/[\\;,\n]/g, (char) => (char === "\n" ? "\\n" : `\\${char}`))
  );
}

/** Folds one content line at 75 octets; continuation lines start with a space (§3.1). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  // Iterating by code point keeps every character, surrogate pairs included, on one side of a fold.
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** The instant at which the clocks of `timeZone` show `date` `time` (the later reading if it falls in a gap). */
export function zonedTimeToUtc(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  const wallClock = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes settle the offset even next to a change of offset (a daylight-saving transition).
  let instant = wallClock - offsetMinutes(new Date(wallClock), timeZone) * 60_000;
  instant = wallClock - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

/** Minutes east of UTC that `timeZone` is at `instant` (−360 for Mexico City since 2022). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(instant)
    .find((part) => part.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? "");
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
}

function utcStamp(instant: Date): string {
  return `${instant.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
}

const compactDate = (date: string): string => date.replaceAll("-", "");

function nextDay(date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}
