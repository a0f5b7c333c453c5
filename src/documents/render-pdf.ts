/**
 * PDF renderer: ReportDocument → PDF through Typst (report.typ).
 *
 * Security: the template is fixed text; the document reaches Typst only as JSON in the input `document`, decoded
 * there with `json(bytes(sys.inputs.document))` and placed as text content, so nothing in the data can become Typst
 * markup or code («#set page(…)» in a paragraph prints as those characters).
 */
import { readFileSync } from "node:fs";
import { NodeCompiler, type NodeError } from "@myriaddreamin/typst-ts-node-compiler";
import {
  type Alignment,
  type Block,
  type Inline,
  layOutTable,
  type ReportDocument,
  type Resolution,
  resolveDocument,
  type TableColumn,
  tableRefText,
} from "./report-document.ts";

/** The family the template sets; Typst embeds it, so no system font is needed. Tests check the PDF uses it. */
export const PDF_BODY_FONT = "Libertinus Serif";

const TEMPLATE = readFileSync(new URL("./report.typ", import.meta.url), "utf8");

/** What the template reads: the tree with table labels, footnote numbers and reference texts resolved. */
type PdfInline =
  | { kind: "text"; text: string; bold: boolean; italic: boolean }
  | { kind: "footnote"; number: number; content: PdfInline[] };

type PdfBlock =
  | { kind: "heading"; level: 1 | 2 | 3; label: string | null; text: string; isInToc: boolean }
  | { kind: "paragraph"; align: Alignment; content: PdfInline[] }
  | { kind: "list"; isOrdered: boolean; items: PdfInline[][] }
  | {
      kind: "table";
      label: string | null;
      caption: string | null;
      hasRowNumbers: boolean;
      columns: {
        header: string;
        width: number;
        align: NonNullable<TableColumn["align"]>;
        group: string | null;
      }[];
      rows: { number: number; cells: { paragraphs: PdfInline[][]; rowSpan: number }[] }[];
    }
  | { kind: "pageBreak" }
  | { kind: "toc"; title: string };

type PdfDocument = {
  meta: { title: string; author: string; institution: string; periodLabel: string };
  cover: { lines: { text: string; isEmphasised: boolean; spaceBefore: boolean }[] };
  blocks: PdfBlock[];
};

let compiler: NodeCompiler | undefined;

/** Renders the document as PDF bytes (US letter, Spanish hyphenation, índice with page numbers, «Página X de Y»). */
export function renderPdf(document: ReportDocument): Uint8Array {
  const input = JSON.stringify(toPdfDocument(document));
  compiler ??= NodeCompiler.create();
  const typst = compiler;
  const args = { mainFileContent: TEMPLATE, inputs: { document: input } };
  try {
    const result = typst.compile(args);
    const error = result.takeError();
    if (error || !result.result) throw new Error(`Typst failed: ${describe(typst, error)}`);
    // An unknown font is only a warning in Typst, and the text would silently fall back to another family.
    const warnings = result.takeWarnings();
    const fontProblem = warnings ? describe(typst, warnings) : "";
    if (/font/i.test(fontProblem)) throw new Error(`Typst font problem: ${fontProblem}`);
    return new Uint8Array(typst.pdf(result.result));
  } finally {
    typst.evictCache(10);
  }
}

function describe(typst: NodeCompiler, error: NodeError | null): string {
  if (!error) return "unknown error";
  return typst
    .fetchDiagnostics(error)
    .map((diagnostic: { message?: string }) => diagnostic.message ?? JSON.stringify(diagnostic))
    .join("; ");
}

/** Builds the JSON the template reads; exported for tests. */
export function toPdfDocument(document: ReportDocument): PdfDocument {
  const resolution = resolveDocument(document);
  return {
    meta: {
      title: document.meta.title,
      author: document.meta.author,
      institution: document.meta.institution,
      periodLabel: document.meta.periodLabel,
    },
    cover: {
      lines: document.cover.lines.map((line) => ({
        text: line.text,
        isEmphasised: line.isEmphasised ?? false,
        spaceBefore: line.spaceBefore ?? false,
      })),
    },
    blocks: document.blocks.map((block) => toPdfBlock(block, resolution)),
  };
}

function toPdfBlock(block: Block, resolution: Resolution): PdfBlock {
  const inlines = (content: Inline[]) => toPdfInlines(content, resolution);
  switch (block.kind) {
    case "heading":
      return {
        kind: "heading",
        level: block.level,
        label: block.label ?? null,
        text: block.text,
        isInToc: block.isInToc ?? false,
      };
    case "paragraph":
      return { kind: "paragraph", align: block.align ?? "justify", content: inlines(block.content) };
    case "list":
      return { kind: "list", isOrdered: block.isOrdered, items: block.items.map(inlines) };
    case "table":
      return {
        kind: "table",
        label: resolution.tableLabels.get(block.id) ?? null,
        caption: block.caption ?? null,
        hasRowNumbers: block.hasRowNumbers ?? false,
        columns: block.columns.map((column) => ({
          header: column.header,
          width: column.width !== undefined && column.width > 0 ? column.width : 1,
          align: column.align ?? "left",
          group: column.group ?? null,
        })),
        // Typst skips the slots a rowspan covers, so each row carries its cells and its gaps, never the covered.
        rows: layOutTable(block).map((slots, index) => ({
          number: index + 1,
          cells: slots.flatMap((slot) =>
            slot.kind === "covered"
              ? []
              : slot.kind === "empty"
                ? [{ paragraphs: [], rowSpan: 1 }]
                : [{ paragraphs: slot.cell.paragraphs.map(inlines), rowSpan: slot.rowSpan }],
          ),
        })),
      };
    case "pageBreak":
      return { kind: "pageBreak" };
    case "toc":
      return { kind: "toc", title: block.title };
  }
}

function toPdfInlines(content: Inline[], resolution: Resolution): PdfInline[] {
  return content.map((inline) => toPdfInline(inline, resolution));
}

function toPdfInline(inline: Inline, resolution: Resolution): PdfInline {
  switch (inline.kind) {
    case "text":
      return { kind: "text", text: inline.text, bold: inline.bold ?? false, italic: inline.italic ?? false };
    case "tableRef":
      return { kind: "text", text: tableRefText(resolution, inline), bold: false, italic: false };
    case "footnote":
      return {
        kind: "footnote",
        number: resolution.footnoteNumbers.get(inline) as number,
        content: toPdfInlines(inline.content, resolution),
      };
  }
}
