/**
 * Approved reports for the public: the list (period, approving resolution, frozen files with their sha256) and the
 * download of a frozen file. Drafts and presented reports are never listed and never served here: to the public
 * they do not exist (not_found), whatever their id.
 */
import type { FileStore } from "../../platform/files.ts";
import { sessionName } from "../reports/compose-report.ts";
import { MEDIA_TYPES, REPORT_FORMATS, type ReportFormat } from "../reports/generate-report.ts";
import { reportPeriodName } from "../reports/report-workflow.ts";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { notFound } from "../shared/errors.ts";
import { ZUuid } from "../shared/primitives.ts";
import { parseInput } from "../shared/resource.ts";
import { findCommission, selectApprovedReports, selectReportFiles } from "./transparency.repository.ts";
import { type ApprovedReport, ZApprovedReportsQuery } from "./transparency.schema.ts";

const formatOrder = (format: string) => REPORT_FORMATS.indexOf(format as ReportFormat);

async function approvedReports(ctx: UseCaseContext, filter: Parameters<typeof selectApprovedReports>[1]) {
  const rows = await selectApprovedReports(ctx.db, filter);
  const files = await selectReportFiles(
    ctx.db,
    rows.map((row) => row.id),
  );
  return rows.map(
    (row): ApprovedReport => ({
      id: row.id,
      commission: row.commission,
      period: row.period,
      periodName: reportPeriodName(row.period),
      approvedAt: row.approvedAt?.toISOString() ?? null,
      approvedBy:
        row.resolution && row.session
          ? { number: row.resolution.number, date: row.session.date, sessionName: sessionName(row.session) }
          : null,
      files: files
        .filter((file) => file.reportId === row.id)
        .sort((a, b) => formatOrder(a.format) - formatOrder(b.format))
        .map((file) => ({
          format: file.format,
          mediaType: MEDIA_TYPES[file.format as ReportFormat] ?? "application/octet-stream",
          sha256: file.sha256,
          size: file.size,
        })),
    }),
  );
}

/** The approved reports (of a commission, of a year), by commission and period. */
export async function listApprovedReports(ctx: UseCaseContext, rawQuery: unknown): Promise<ApprovedReport[]> {
  authorize(ctx.actor, "public.read");
  const query = parseInput(ZApprovedReportsQuery, rawQuery ?? {});
  const commission = query.commission ? await findCommission(ctx.db, query.commission) : undefined;
  return approvedReports(ctx, { commissionId: commission?.id, year: query.year });
}

/** The stored bytes of an approved report's file; not_found for a draft, a presented report or an unknown id. */
export async function downloadApprovedReport(
  ctx: UseCaseContext,
  files: FileStore,
  id: string,
  format: ReportFormat,
): Promise<{ bytes: Uint8Array; mediaType: string; sha256: string; period: string }> {
  authorize(ctx.actor, "public.read");
  if (!ZUuid.safeParse(id).success) throw notFound("el informe aprobado", id);
  const [report] = await approvedReports(ctx, { id });
  const file = report?.files.find((candidate) => candidate.format === format);
  if (!report) throw notFound("el informe aprobado", id);
  if (!file) throw notFound("el archivo del informe", format);
  // The files of an approved report are frozen: their bytes are the stored ones, by sha256.
  return {
    bytes: await files.get(file.sha256),
    mediaType: MEDIA_TYPES[format],
    sha256: file.sha256,
    period: report.period,
  };
}
