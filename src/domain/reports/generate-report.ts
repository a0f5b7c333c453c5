/**
 * Generates the report of a commission for a period in the requested formats: collect → compose → render. The
 * files are returned with their sha256, so a caller can store or compare them.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { renderDocx } from "../../documents/render-docx.ts";
import { renderHtml } from "../../documents/render-html.ts";
import { renderMarkdown } from "../../documents/render-markdown.ts";
import { renderPdf } from "../../documents/render-pdf.ts";
import { type ReportDocument, resolveDocument } from "../../documents/report-document.ts";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { parseInput } from "../shared/resource.ts";
import { collectReportFacts, ZReportFactsQuery } from "./collect-report-facts.ts";
import { type CoverApproval, composeReport } from "./compose-report.ts";
import { loadReportTemplate } from "./report-templates.ts";

export const REPORT_FORMATS = ["docx", "pdf", "html", "md"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const MEDIA_TYPES: Record<ReportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  html: "text/html; charset=utf-8",
  md: "text/markdown; charset=utf-8",
};

export const ZGenerateReport = ZReportFactsQuery.extend({
  formats: z
    .array(z.enum(REPORT_FORMATS, { message: "formato desconocido: use docx, pdf, html o md" }))
    .min(1, { message: "indique al menos un formato" })
    .max(REPORT_FORMATS.length),
});

export type RenderedFile = { format: ReportFormat; bytes: Uint8Array; sha256: string; mediaType: string };

export async function renderReport(document: ReportDocument, format: ReportFormat): Promise<Uint8Array> {
  switch (format) {
    case "docx":
      return renderDocx(document);
    case "pdf":
      return renderPdf(document);
    case "html":
      return new TextEncoder().encode(renderHtml(document));
    case "md":
      return new TextEncoder().encode(renderMarkdown(document));
  }
}

/**
 * Collects the facts and composes the document with the commission's template (and the draft's paragraphs and,
 * once approved, the approval).
 */
export async function composeFromRecords(
  ctx: UseCaseContext,
  query: {
    commissionId: string;
    period: string;
    introduction?: string[];
    partTexts?: Record<string, string[]>;
  },
  approval?: CoverApproval,
): Promise<ReportDocument> {
  const facts = await collectReportFacts(ctx, { commissionId: query.commissionId, period: query.period });
  const template = await loadReportTemplate(ctx.db, facts.commission.id);
  const document = composeReport(facts, {
    introduction: query.introduction,
    partTexts: query.partTexts,
    template,
    approval,
  });
  resolveDocument(document);
  return document;
}

export async function generateReport(
  ctx: UseCaseContext,
  rawInput: unknown,
): Promise<{ document: ReportDocument; files: RenderedFile[] }> {
  authorize(ctx.actor, "reports.read");
  const input = parseInput(ZGenerateReport, rawInput);
  const document = await composeFromRecords(ctx, input);
  const files: RenderedFile[] = [];
  for (const format of [...new Set(input.formats)]) {
    const bytes = await renderReport(document, format);
    files.push({
      format,
      bytes,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      mediaType: MEDIA_TYPES[format],
    });
  }
  return { document, files };
}
