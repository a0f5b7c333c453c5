/** Sessions as a CRUD resource: the year follows the date, and the date must fall in the commission's validity. */
import { and, eq, gte, lte, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../platform/db/open.ts";
import { attachments, commissions, resolutions, sessions } from "../../platform/db/schema.ts";
import { ZSessionKind, ZSessionStatus } from "../dataset/dataset.schema.ts";
import { formatSpanishLongDate, yearOf } from "../shared/calendar.ts";
import { AppError } from "../shared/errors.ts";
import { ZUuid, ZYear } from "../shared/primitives.ts";
import { defineResource } from "../shared/resource.ts";
import { sessionName } from "./session-name.ts";
import { ZSession, ZSessionCreate, ZSessionListFilters, ZSessionUpdate } from "./sessions.schema.ts";

type Row = Record<string, unknown>;

function describeValidity(from: string | null, to: string | null): string {
  if (from && to) return `debe estar entre ${from} y ${to}`;
  return from ? `no puede ser anterior al ${from}` : `no puede ser posterior al ${to}`;
}

/**
 * Two sessions of a commission cannot share kind and number in a year: said on the number field (the unique
 * constraint would only say «duplicaría un valor único»), so a form can show it next to the field.
 */
async function refuseRepeatedNumber(
  db: Db,
  session: { commissionId: string; year: number; kind: string; number: number; id?: string },
): Promise<void> {
  const [other] = await db
    .select({ date: sessions.date })
    .from(sessions)
    .where(
      and(
        eq(sessions.commissionId, session.commissionId),
        eq(sessions.year, session.year),
        eq(sessions.kind, session.kind as never),
        eq(sessions.number, session.number),
        session.id ? ne(sessions.id, session.id) : undefined,
      ),
    )
    .limit(1);
  if (!other) return;
  const name = sessionName(session);
  throw new AppError("conflict", `Ya existe la ${name.toLowerCase()} de ${session.year} (${other.date}).`, [
    {
      path: "number",
      message: `ya existe la ${name.toLowerCase()} de ${session.year}`,
      value: session.number,
    },
  ]);
}

/** The minutes' file must be an uploaded attachment. */
async function requireAttachment(db: Db, id: string): Promise<void> {
  const [found] = await db.select({ id: attachments.id }).from(attachments).where(eq(attachments.id, id));
  if (!found)
    throw new AppError("reference_not_found", "El archivo de la minuta no existe; súbalo primero.", [
      { path: "minutesAttachmentId", message: "no existe", value: id },
    ]);
}

export const sessionResource = defineResource({
  name: "session",
  plural: "sessions",
  label: "la sesión",
  tag: "Sesiones",
  table: sessions,
  create: ZSessionCreate,
  update: ZSessionUpdate,
  output: ZSession,
  access: { read: "sessions.read" },
  filters: {
    commissionId: { schema: ZUuid, where: (value: string) => eq(sessions.commissionId, value) },
    from: { schema: ZSessionListFilters.from, where: (value: string) => gte(sessions.date, value) },
    to: { schema: ZSessionListFilters.to, where: (value: string) => lte(sessions.date, value) },
    year: { schema: z.coerce.number().pipe(ZYear), where: (value: number) => eq(sessions.year, value) },
    kind: { schema: ZSessionKind, where: (value: string) => eq(sessions.kind, value as never) },
    status: { schema: ZSessionStatus, where: (value: string) => eq(sessions.status, value as never) },
  },
  sort: { date: sessions.date, number: sessions.number, createdAt: sessions.createdAt },
  defaultSort: "date",
  toRow: async (db, input, existing) => {
    const commissionId = (existing?.commissionId ?? input.commissionId) as string;
    const [commission] = await db
      .select({
        validFrom: commissions.validFrom,
        validTo: commissions.validTo,
        acronym: commissions.acronym,
      })
      .from(commissions)
      .where(eq(commissions.id, commissionId));
    if (!commission)
      throw new AppError("reference_not_found", "La comisión de la sesión no existe.", [
        { path: "commissionId", message: "no existe", value: commissionId },
      ]);
    const date = (input.date ?? existing?.date) as string;
    const year = yearOf(date);
    const isOutside =
      (commission.validFrom !== null && date < commission.validFrom) ||
      (commission.validTo !== null && date > commission.validTo);
    // Checked when the date is set: a later change of the commission's validity is checked there.
    if (input.date !== undefined && isOutside)
      throw new AppError(
        "validation_failed",
        `La fecha de la sesión queda fuera de la vigencia de la comisión ${commission.acronym}.`,
        [
          {
            path: "date",
            message: describeValidity(commission.validFrom, commission.validTo),
            value: date,
          },
        ],
      );
    if (existing && year !== existing.year) {
      const numbered = await db
        .select({ id: resolutions.id })
        .from(resolutions)
        .where(eq(resolutions.sessionId, existing.id as string))
        .limit(1);
      if (numbered.length > 0)
        throw new AppError(
          "in_use",
          `La sesión tiene acuerdos numerados en ${existing.year}; no puede pasar a otro año.`,
          [{ path: "date", message: `debe seguir en ${existing.year}`, value: date }],
        );
    }
    await refuseRepeatedNumber(db, {
      commissionId,
      year,
      kind: (input.kind ?? existing?.kind) as string,
      number: (input.number ?? existing?.number) as number,
      id: existing?.id as string | undefined,
    });
    if (typeof input.minutesAttachmentId === "string") await requireAttachment(db, input.minutesAttachmentId);
    if (existing) return input.date === undefined ? input : { ...input, year };
    return { ...input, year, key: input.key ?? `${year}-${input.kind}-${input.number}` };
  },
  // `time` columns read back as HH:MM:SS; the API speaks HH:MM. The name and the long date are derived here so
  // that every client writes them as the reports do.
  readChildren: async (_db, rows: Row[]) =>
    rows.map((row) => ({
      ...row,
      startTime: typeof row.startTime === "string" ? row.startTime.slice(0, 5) : null,
      name: sessionName(row as { kind: string; number: number }),
      dateText: formatSpanishLongDate(String(row.date)),
    })),
  beforeDelete: async (db, id) => {
    const numbered = await db
      .select({ number: resolutions.number })
      .from(resolutions)
      .where(eq(resolutions.sessionId, id))
      .limit(1);
    if (numbered[0])
      throw new AppError(
        "in_use",
        `No se puede eliminar la sesión: en ella se adoptó el acuerdo ${numbered[0].number}.`,
      );
  },
});
