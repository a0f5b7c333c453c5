/** The sessions calendar as iCalendar (RFC 5545), for calendar applications to subscribe to. */
import { type CalendarEvent, renderICalendar } from "../../documents/icalendar.ts";
import type { UseCaseContext } from "../shared/context.ts";
import { loadPublicSessions, presentPublicSession } from "./list-public-sessions.ts";
import type { PublicSession } from "./transparency.schema.ts";

export const CALENDAR_TIME_ZONE = "America/Mexico_City";

const MODALITY_LABELS: Record<PublicSession["modality"], string> = {
  remote: "a distancia",
  in_person: "presencial",
  hybrid: "semipresencial",
};
const STATUS_LABELS: Record<PublicSession["status"], string> = {
  scheduled: "programada",
  held: "celebrada",
  cancelled: "cancelada",
  postponed: "pospuesta",
};
const ICAL_STATUS: Record<PublicSession["status"], NonNullable<CalendarEvent["status"]>> = {
  scheduled: "CONFIRMED",
  held: "CONFIRMED",
  cancelled: "CANCELLED",
  postponed: "TENTATIVE",
};

/** One event per session: «Tercera sesión ordinaria (CVOE)», all day when the session has no time. */
export function sessionEvent(session: PublicSession, updatedAt: Date): CalendarEvent {
  const isOff = session.status === "cancelled" || session.status === "postponed";
  return {
    uid: `session-${session.id}@vincula`,
    summary: `${session.name} (${session.commission.acronym})${isOff ? ` — ${STATUS_LABELS[session.status]}` : ""}`,
    description: [
      `${session.name} de la ${session.commission.name}.`,
      `Modalidad: ${MODALITY_LABELS[session.modality]}.`,
      `Estado: ${STATUS_LABELS[session.status]}.`,
    ].join("\n"),
    location: session.place ?? (session.modality === "remote" ? "A distancia" : undefined),
    date: session.date,
    startTime: session.startTime,
    status: ICAL_STATUS[session.status],
    categories: [session.commission.acronym],
    lastModified: updatedAt,
  };
}

/** The calendar text: the same sessions and filters as the JSON list. */
export async function exportSessionCalendar(ctx: UseCaseContext, rawQuery: unknown): Promise<string> {
  const { commission, rows } = await loadPublicSessions(ctx, rawQuery);
  return renderICalendar({
    productId: "-//Vincula//Calendario de sesiones//ES",
    name: commission ? `Sesiones de la ${commission.acronym}` : "Sesiones de las comisiones",
    timeZone: CALENDAR_TIME_ZONE,
    events: rows.map((row) => sessionEvent(presentPublicSession(row), row.updatedAt)),
  });
}
