/**
 * A report's life: a draft per commission and period (with the narrative paragraphs people write) → presented
 * (an agenda item of a session) → approved (a resolution adopted in that session) → frozen. On approval the
 * ReportDocument and every rendered file are stored, the files in the content-addressed store with their sha256,
 * so downloading an approved report later gives the same bytes even after the records change.
 */
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { ReportDocument } from "../../documents/report-document.ts";
import {
  agendaItems,
  attachments,
  programmedActions,
  reportFiles,
  reports,
  resolutions,
  sessions,
  strategicLines,
  workProgrammes,
} from "../../platform/db/schema.ts";
import type { FileStore } from "../../platform/files.ts";
import { formatSpanishLongDate, parsePeriod, quarterOf } from "../shared/calendar.ts";
import {
  authorize,
  commissionsWhere,
  inTransaction,
  type Permission,
  type UseCaseContext,
} from "../shared/context.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { ZLongText, ZUuid } from "../shared/primitives.ts";
import { guardDb, parseInput } from "../shared/resource.ts";
import { quarterName } from "../shared/spanish.ts";
import { checkReportPeriod } from "./check-report-period.ts";
import { ZReportFactsQuery } from "./collect-report-facts.ts";
import { sessionName } from "./compose-report.ts";
import {
  composeFromRecords,
  MEDIA_TYPES,
  REPORT_FORMATS,
  type ReportFormat,
  renderReport,
} from "./generate-report.ts";

const ZParagraphs = z.array(ZLongText.min(1)).max(50);
/** Opening paragraphs of parts of section III, keyed by line number and action letter («2A»). */
const ZPartTexts = z.record(
  z.string().regex(/^\d{1,2}[A-Z]$/, { message: "clave de parte inválida: use línea y letra, p. ej. 2A" }),
  ZParagraphs,
);
export const ZCreateReportDraft = ZReportFactsQuery.extend({
  introduction: ZParagraphs.default([]),
  partTexts: ZPartTexts.default({}),
});
export const ZUpdateReportDraft = z
  .object({ introduction: ZParagraphs, partTexts: ZPartTexts })
  .partial()
  .refine((input) => input.introduction !== undefined || input.partTexts !== undefined, {
    message: "indique introduction o partTexts",
  });
export const ZPresentReport = z.object({
  agendaItemId: ZUuid.describe("Punto del orden del día en que se presenta"),
});
export const ZApproveReport = z.object({
  resolutionId: ZUuid.describe("Acuerdo que lo aprueba, adoptado en esa sesión"),
});

export const REPORT_STATUSES = ["draft", "presented", "approved"] as const;

export const ZReport = z.object({
  id: z.string(),
  commissionId: z.string(),
  period: z.string(),
  periodName: z.string().describe("«primer trimestre de 2021», «año 2021»"),
  status: z.enum(REPORT_STATUSES),
  introduction: z.array(z.string()),
  partTexts: z.record(z.string(), z.array(z.string())),
  presentedAgendaItemId: z.string().nullable(),
  approvedByResolutionId: z.string().nullable(),
  approvedAt: z.string().nullable(),
  presentation: z
    .object({
      sessionId: z.string(),
      sessionName: z.string(),
      date: z.string(),
      dateText: z.string(),
      position: z.number().int(),
      title: z.string(),
    })
    .nullable()
    .describe("Sesión y punto del orden del día en que se presentó"),
  approval: z.object({ number: z.string(), title: z.string() }).nullable().describe("Acuerdo que lo aprobó"),
  createdAt: z.string(),
  updatedAt: z.string(),
  files: z.array(z.object({ format: z.string(), sha256: z.string(), size: z.number().int() })),
});
export type Report = z.infer<typeof ZReport>;

export const ZReportListQuery = z.object({
  commissionId: ZUuid.optional().describe("Solo los informes de esta comisión"),
  status: z.enum(REPORT_STATUSES).optional().describe("Solo los de este estado"),
});

/** «primer trimestre de 2021» for 2021-Q1, «año 2021» for 2021. */
export function reportPeriodName(period: string): string {
  const bounds = parsePeriod(period);
  if (!bounds) return period;
  const year = Number(period.slice(0, 4));
  return period.includes("Q") ? quarterName(quarterOf(bounds.from), year) : `año ${year}`;
}

type Db = UseCaseContext["db"];

async function loadReport(db: Db, id: string) {
  if (!ZUuid.safeParse(id).success) throw notFound("el informe", id);
  const [row] = await db.select().from(reports).where(eq(reports.id, id));
  if (!row) throw notFound("el informe", id);
  return row;
}

async function present(db: Db, id: string): Promise<Report> {
  return presentRow(db, await loadReport(db, id));
}

async function presentRow(db: Db, row: typeof reports.$inferSelect): Promise<Report> {
  const id = row.id;
  const files = await db
    .select({ format: reportFiles.format, sha256: attachments.sha256, size: attachments.size })
    .from(reportFiles)
    .innerJoin(attachments, eq(attachments.id, reportFiles.attachmentId))
    .where(eq(reportFiles.reportId, id));
  const [presentation] = row.presentedAgendaItemId
    ? await db
        .select({ position: agendaItems.position, title: agendaItems.title, session: sessions })
        .from(agendaItems)
        .innerJoin(sessions, eq(sessions.id, agendaItems.sessionId))
        .where(eq(agendaItems.id, row.presentedAgendaItemId))
    : [];
  const [approval] = row.approvedByResolutionId
    ? await db
        .select({ number: resolutions.number, title: resolutions.title })
        .from(resolutions)
        .where(eq(resolutions.id, row.approvedByResolutionId))
    : [];
  return {
    id: row.id,
    commissionId: row.commissionId,
    period: row.period,
    periodName: reportPeriodName(row.period),
    status: row.status,
    introduction: row.introduction,
    partTexts: row.partTexts,
    presentedAgendaItemId: row.presentedAgendaItemId,
    approvedByResolutionId: row.approvedByResolutionId,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    presentation: presentation
      ? {
          sessionId: presentation.session.id,
          sessionName: sessionName(presentation.session),
          date: presentation.session.date,
          dateText: formatSpanishLongDate(presentation.session.date),
          position: presentation.position,
          title: presentation.title,
        }
      : null,
    approval: approval ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    files: files.sort(
      (a, b) =>
        REPORT_FORMATS.indexOf(a.format as ReportFormat) - REPORT_FORMATS.indexOf(b.format as ReportFormat),
    ),
  };
}

/** A part's opening text must belong to an action of the programme of the report's year. */
async function checkPartKeys(
  ctx: UseCaseContext,
  commissionId: string,
  period: string,
  partTexts: Record<string, string[]>,
): Promise<void> {
  const keys = Object.keys(partTexts);
  if (keys.length === 0) return;
  const actions = await ctx.db
    .select({ line: strategicLines.number, letter: programmedActions.letter })
    .from(programmedActions)
    .innerJoin(strategicLines, eq(strategicLines.id, programmedActions.lineId))
    .innerJoin(workProgrammes, eq(workProgrammes.id, strategicLines.programmeId))
    .where(
      and(eq(workProgrammes.commissionId, commissionId), eq(workProgrammes.year, Number(period.slice(0, 4)))),
    );
  const known = new Set(actions.map((a) => `${a.line}${a.letter}`));
  const unknown = keys.filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new AppError(
      "inconsistent_reference",
      "Hay textos para partes que no son acciones del programa anual de trabajo del periodo.",
      unknown.map((key) => ({
        path: `partTexts.${key}`,
        message: "no hay acción programada con esa clave",
        value: key,
      })),
    );
  }
}

/**
 * The check on one report: `permission` in its commission; reading (no permission given) needs
 * «reports.readApproved» once approved and «reports.read» before, so a draft is never shown to a guest.
 */
function authorizeReport(
  ctx: UseCaseContext,
  row: { commissionId: string; status: string },
  permission?: Permission,
): void {
  const needed = permission ?? (row.status === "approved" ? "reports.readApproved" : "reports.read");
  authorize(ctx.actor, needed, { commissionId: row.commissionId });
}

const frozen = (period: string) =>
  new AppError(
    "report_frozen",
    `El informe de ${period} ya fue aprobado: está congelado y no puede modificarse.`,
  );

export async function createReportDraft(ctx: UseCaseContext, rawInput: unknown): Promise<Report> {
  authorize(ctx.actor, "reports.write");
  const input = parseInput(ZCreateReportDraft, rawInput);
  await checkPartKeys(ctx, input.commissionId, input.period, input.partTexts);
  const [row] = await guardDb({ label: "el informe del periodo" }, () =>
    inTransaction(ctx, (tx) =>
      tx
        .insert(reports)
        .values({
          commissionId: input.commissionId,
          period: input.period,
          introduction: input.introduction,
          partTexts: input.partTexts,
        })
        .returning(),
    ),
  );
  return present(ctx.db, (row as { id: string }).id);
}

/** The report of a commission for a period, created as an empty draft when there is none yet. */
export async function findOrCreateReport(ctx: UseCaseContext, rawInput: unknown): Promise<Report> {
  authorize(ctx.actor, "reports.write");
  const input = parseInput(ZReportFactsQuery, rawInput);
  const [row] = await ctx.db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.commissionId, input.commissionId), eq(reports.period, input.period)));
  return row ? present(ctx.db, row.id) : createReportDraft(ctx, input);
}

/**
 * The reports (drafts, presented and approved) of the commissions in which the actor may read drafts, latest
 * period first: a guest or a party representative sees approved reports on the public page instead.
 */
export async function listReports(ctx: UseCaseContext, rawQuery: unknown): Promise<{ items: Report[] }> {
  authorize(ctx.actor, "reports.read");
  const query = parseInput(ZReportListQuery, rawQuery ?? {});
  const conditions: SQL[] = [];
  if (query.commissionId) conditions.push(eq(reports.commissionId, query.commissionId));
  if (query.status) conditions.push(eq(reports.status, query.status));
  const readable = commissionsWhere(ctx.actor, "reports.read");
  if (readable) conditions.push(readable.length > 0 ? inArray(reports.commissionId, readable) : sql`false`);
  const rows = await ctx.db
    .select()
    .from(reports)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(reports.period), reports.commissionId);
  const items: Report[] = [];
  for (const row of rows) items.push(await presentRow(ctx.db, row));
  return { items };
}

export async function getReport(ctx: UseCaseContext, id: string): Promise<Report> {
  authorize(ctx.actor, "reports.readApproved");
  authorizeReport(ctx, await loadReport(ctx.db, id));
  return present(ctx.db, id);
}

export async function updateReportDraft(ctx: UseCaseContext, id: string, rawInput: unknown): Promise<Report> {
  authorize(ctx.actor, "reports.write");
  const input = parseInput(ZUpdateReportDraft, rawInput);
  const row = await loadReport(ctx.db, id);
  authorizeReport(ctx, row, "reports.write");
  if (row.status === "approved") throw frozen(row.period);
  if (input.partTexts) await checkPartKeys(ctx, row.commissionId, row.period, input.partTexts);
  await inTransaction(ctx, (tx) =>
    tx
      .update(reports)
      .set({
        ...(input.introduction ? { introduction: input.introduction } : {}),
        ...(input.partTexts ? { partTexts: input.partTexts } : {}),
        updatedAt: new Date(),
      })
      .where(eq(reports.id, id)),
  );
  return present(ctx.db, id);
}

export async function presentReport(ctx: UseCaseContext, id: string, rawInput: unknown): Promise<Report> {
  authorize(ctx.actor, "reports.approve");
  const input = parseInput(ZPresentReport, rawInput);
  const row = await loadReport(ctx.db, id);
  authorizeReport(ctx, row, "reports.approve");
  if (row.status === "approved") throw frozen(row.period);
  const [item] = await ctx.db
    .select({ id: agendaItems.id, commissionId: sessions.commissionId })
    .from(agendaItems)
    .innerJoin(sessions, eq(sessions.id, agendaItems.sessionId))
    .where(eq(agendaItems.id, input.agendaItemId));
  if (!item) throw notFound("el punto del orden del día", input.agendaItemId);
  if (item.commissionId !== row.commissionId) {
    throw new AppError(
      "inconsistent_reference",
      "El punto del orden del día pertenece a una sesión de otra comisión.",
      [{ path: "agendaItemId", message: "de otra comisión", value: input.agendaItemId }],
    );
  }
  await inTransaction(ctx, (tx) =>
    tx
      .update(reports)
      .set({ status: "presented", presentedAgendaItemId: item.id, updatedAt: new Date() })
      .where(eq(reports.id, id)),
  );
  return present(ctx.db, id);
}

/** Approves a presented report: refuses blocking findings, then composes, renders and freezes every format. */
export async function approveReport(
  ctx: UseCaseContext,
  files: FileStore,
  id: string,
  rawInput: unknown,
): Promise<Report> {
  authorize(ctx.actor, "reports.approve");
  const input = parseInput(ZApproveReport, rawInput);
  const row = await loadReport(ctx.db, id);
  authorizeReport(ctx, row, "reports.approve");
  if (row.status === "approved") throw frozen(row.period);
  if (row.status !== "presented" || !row.presentedAgendaItemId) {
    throw new AppError(
      "report_not_presented",
      "El informe debe presentarse en una sesión antes de aprobarse.",
    );
  }
  const [presentation] = await ctx.db
    .select({ sessionId: agendaItems.sessionId, position: agendaItems.position })
    .from(agendaItems)
    .where(eq(agendaItems.id, row.presentedAgendaItemId));
  const [approval] = await ctx.db
    .select({ number: resolutions.number, outcome: resolutions.outcome, session: sessions })
    .from(resolutions)
    .innerJoin(sessions, eq(sessions.id, resolutions.sessionId))
    .where(and(eq(resolutions.id, input.resolutionId), eq(resolutions.commissionId, row.commissionId)));
  if (!approval) throw notFound("el acuerdo de la comisión", input.resolutionId);
  if (approval.outcome !== "adopted" || approval.session.id !== presentation?.sessionId) {
    throw new AppError(
      "inconsistent_reference",
      "El informe se aprueba con un acuerdo adoptado en la sesión en que se presentó.",
      [
        {
          path: "resolutionId",
          message: "no es un acuerdo adoptado en la sesión de la presentación",
          value: input.resolutionId,
        },
      ],
    );
  }
  const findings = await checkReportPeriod(ctx, { commissionId: row.commissionId, period: row.period });
  const blocking = findings.filter((f) => f.isBlocking);
  if (blocking.length > 0) {
    throw new AppError(
      "report_has_blocking_findings",
      `El informe tiene ${blocking.length} ${blocking.length === 1 ? "hallazgo que impide" : "hallazgos que impiden"} su aprobación; corrija los registros señalados.`,
      blocking.map((f) => ({ path: `${f.record.type}:${f.record.id}`, message: f.message, value: f.code })),
    );
  }

  const document: ReportDocument = await composeFromRecords(
    ctx,
    {
      commissionId: row.commissionId,
      period: row.period,
      introduction: row.introduction,
      partTexts: row.partTexts,
    },
    {
      resolutionNumber: approval.number,
      agendaPosition: presentation.position,
      sessionTitle: sessionName(approval.session),
      sessionDate: formatSpanishLongDate(approval.session.date),
    },
  );
  const stored: { format: ReportFormat; sha256: string; size: number }[] = [];
  for (const format of REPORT_FORMATS) {
    const bytes = await renderReport(document, format);
    stored.push({ format, ...(await files.put(bytes)) });
  }
  await inTransaction(ctx, async (tx) => {
    for (const file of stored) {
      const [attachment] = await tx
        .insert(attachments)
        .values({
          sha256: file.sha256,
          size: file.size,
          mediaType: MEDIA_TYPES[file.format].split(";")[0] as string,
          filename: `informe-${row.period}.${file.format}`,
        })
        .returning({ id: attachments.id });
      await tx
        .insert(reportFiles)
        .values({ reportId: id, format: file.format, attachmentId: (attachment as { id: string }).id });
    }
    await tx
      .update(reports)
      .set({
        status: "approved",
        approvedByResolutionId: input.resolutionId,
        frozenDocument: document,
        approvedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(reports.id, id));
  });
  return present(ctx.db, id);
}

/** A report's file: the frozen bytes once approved; rendered from the current records before. */
export async function downloadReport(
  ctx: UseCaseContext,
  files: FileStore,
  id: string,
  format: ReportFormat,
): Promise<{ bytes: Uint8Array; mediaType: string; isFrozen: boolean; period: string }> {
  authorize(ctx.actor, "reports.readApproved");
  const row = await loadReport(ctx.db, id);
  authorizeReport(ctx, row);
  if (row.status === "approved") {
    const [file] = await ctx.db
      .select({ sha256: attachments.sha256 })
      .from(reportFiles)
      .innerJoin(attachments, eq(attachments.id, reportFiles.attachmentId))
      .where(and(eq(reportFiles.reportId, id), eq(reportFiles.format, format)));
    if (!file) throw notFound("el archivo del informe", format);
    return {
      bytes: await files.get(file.sha256),
      mediaType: MEDIA_TYPES[format],
      isFrozen: true,
      period: row.period,
    };
  }
  const document = await composeFromRecords(ctx, {
    commissionId: row.commissionId,
    period: row.period,
    introduction: row.introduction,
    partTexts: row.partTexts,
  });
  return {
    bytes: await renderReport(document, format),
    mediaType: MEDIA_TYPES[format],
    isFrozen: false,
    period: row.period,
  };
}
