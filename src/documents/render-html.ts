/**
 * HTML renderer: a ReportDocument as one self-contained HTML5 page (embedded stylesheet; no scripts, fonts or
 * other external resources). Every text of the document goes through `escapeHtml`, so no data becomes markup.

 * Merged cells follow `layOutTable` (report-document.ts).
 */
import {
  type Alignment,
  type Block,
  DocumentError,
  headerRuns,
  type Inline,
  layOutTable,
  type ReportDocument,
  type Resolution,
  resolveDocument,
  type TableColumn,
  tableRefText,
} from "./report-document.ts";

type TableBlock = Extract<Block, { kind: "table" }>;
type HeadingBlock = Extract<Block, { kind: "heading" }>;

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** The five characters that are markup in HTML text and attribute values. */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

const ALIGN_CLASSES: Record<Alignment, string> = {
  left: "align-left",
  center: "align-center",
  right: "align-right",
  justify: "align-justify",
};

const STYLESHEET = `
@page { size: letter; margin: 2.5cm 2.5cm 2cm; }
html { background: #f2f2f2; }
body {
  font-family: "Times New Roman", Times, "Liberation Serif", Georgia, serif;
  font-size: 12pt; line-height: 1.5; color: #111; background: #fff;
  max-width: 21.6cm; box-sizing: border-box; margin: 1.5rem auto; padding: 2.5cm;
}
p { margin: 0 0 0.8em; text-align: justify; hyphens: auto; }
h1, h2, h3 { line-height: 1.3; margin: 1.6em 0 0.7em; break-after: avoid; }
h1 { font-size: 1.2em; }
h2 { font-size: 1.1em; }
h3 { font-size: 1em; }
.align-left { text-align: left; }
.align-center { text-align: center; }
.align-right { text-align: right; }
.align-justify { text-align: justify; }
.cover {
  display: flex; flex-direction: column; justify-content: center; min-height: 20cm; text-align: center;
}
.cover p { margin: 0; text-align: center; }
.cover .space-before { margin-top: 2.5em; }
.toc-title { font-weight: bold; text-align: center; }
.toc ul { list-style: none; padding: 0; }
.toc li { margin: 0.2em 0; }
.toc .toc-level-2 { padding-left: 1.5em; }
.toc .toc-level-3 { padding-left: 3em; }
.toc a { color: inherit; text-decoration: none; }
table { width: 100%; border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
caption { caption-side: top; padding-bottom: 0.4em; font-weight: bold; text-align: center; }
th, td { border: 1px solid #000; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
th { background: #d9d9d9; text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td p { margin: 0; text-align: inherit; }
td p + p { margin-top: 0.4em; }
.row-number { width: 3em; text-align: right; white-space: nowrap; }
.page-break { break-after: page; }
.note-ref { line-height: 0; }
.note-ref a, .note-back { text-decoration: none; }
.notes { margin-top: 2.5em; border-top: 1px solid #000; font-size: 0.9em; }
@media print {
  html { background: none; }
  body { max-width: none; margin: 0; padding: 0; }
  a { color: inherit; }
}
`;

type Context = {
  resolution: Resolution;
  headingIds: Map<HeadingBlock, string>;
  /** Table id → id of its <table> element, for numbered tables (the ones references can point at). */
  tableElementIds: Map<string, string>;
};

/** Renders a ReportDocument as a complete, self-contained HTML5 page with every text escaped. */
export function renderHtml(document: ReportDocument): string {
  const resolution = resolveDocument(document);
  const context = allocateIds(document, resolution);
  const { meta } = document;
  const body = document.blocks.map((block) => renderBlock(block, document, context));
  return [
    "<!DOCTYPE html>",
    `<html lang="${escapeHtml(meta.language)}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(meta.title)}</title>`,
    `<meta name="author" content="${escapeHtml(meta.author)}">`,
    `<meta name="description" content="${escapeHtml(`${meta.institution}. ${meta.periodLabel}.`)}">`,
    `<style>${STYLESHEET}</style>`,
    "</head>",
    "<body>",
    renderCover(document),
    "<main>",
    ...body,
    renderNotes(context),
    "</main>",
    "</body>",
    "</html>",
  ]
    .filter((line) => line !== "")
    .join("\n")
    .concat("\n");
}

/** Ids for footnotes first (their names are fixed by number), then numbered tables, then headings. */
function allocateIds(document: ReportDocument, resolution: Resolution): Context {
  const used = new Set<string>();
  const allocate = (base: string) => {
    const root = slug(base) || "seccion";
    let id = root;
    for (let suffix = 2; used.has(id); suffix += 1) id = `${root}-${suffix}`;
    used.add(id);
    return id;
  };
  resolution.footnotes.forEach((_, index) => {
    allocate(noteId(index + 1));
    allocate(noteRefId(index + 1));
  });
  allocate("notas");
  const tableElementIds = new Map<string, string>();
  for (const [tableId, label] of resolution.tableLabels) tableElementIds.set(tableId, allocate(label));
  const headingIds = new Map<HeadingBlock, string>();
  for (const block of document.blocks) {
    if (block.kind === "heading") headingIds.set(block, allocate(`${block.label ?? ""} ${block.text}`));
  }
  return { resolution, headingIds, tableElementIds };
}

function slug(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

const noteId = (number: number) => `nota-${number}`;
const noteRefId = (number: number) => `ref-nota-${number}`;

function renderCover(document: ReportDocument): string {
  if (document.cover.lines.length === 0) return "";
  const lines = document.cover.lines.map((line) => {
    const content = line.isEmphasised ? `<strong>${escapeHtml(line.text)}</strong>` : escapeHtml(line.text);
    return `<p${line.spaceBefore ? ' class="space-before"' : ""}>${content}</p>`;
  });
  return ['<header class="cover">', ...lines, "</header>"].join("\n");
}

function renderBlock(block: Block, document: ReportDocument, context: Context): string {
  switch (block.kind) {
    case "heading": {
      const id = context.headingIds.get(block) as string;
      return `<h${block.level} id="${escapeHtml(id)}">${headingContent(block)}</h${block.level}>`;
    }
    case "paragraph": {
      const align = block.align ? ` class="${ALIGN_CLASSES[block.align]}"` : "";
      return `<p${align}>${renderInlines(block.content, context)}</p>`;
    }
    case "list": {
      const tag = block.isOrdered ? "ol" : "ul";
      const items = block.items.map((item) => `<li>${renderInlines(item, context)}</li>`);
      return [`<${tag}>`, ...items, `</${tag}>`].join("\n");
    }
    case "table":
      return renderTable(block, context);
    case "pageBreak":
      return '<div class="page-break" aria-hidden="true"></div>';
    case "toc":
      return renderToc(block.title, document, context);
  }
}

function headingContent(heading: HeadingBlock): string {
  const label = heading.label ? `<span class="heading-label">${escapeHtml(heading.label)}</span> ` : "";
  return `${label}${escapeHtml(heading.text)}`;
}

function renderToc(title: string, document: ReportDocument, context: Context): string {
  const entries = document.blocks.flatMap((block) => {
    if (block.kind !== "heading" || !block.isInToc) return [];
    const id = context.headingIds.get(block) as string;
    return [
      `<li class="toc-level-${block.level}"><a href="#${escapeHtml(id)}">${headingContent(block)}</a></li>`,
    ];
  });
  return [
    `<nav class="toc" aria-label="${escapeHtml(title)}">`,
    `<p class="toc-title">${escapeHtml(title)}</p>`,
    "<ul>",
    ...entries,
    "</ul>",
    "</nav>",
  ].join("\n");
}

function renderInlines(inlines: Inline[], context: Context): string {
  return inlines.map((inline) => renderInline(inline, context)).join("");
}

function renderInline(inline: Inline, context: Context): string {
  switch (inline.kind) {
    case "text": {
      let html = escapeHtml(inline.text);
      if (inline.italic) html = `<em>${html}</em>`;
      if (inline.bold) html = `<strong>${html}</strong>`;
      return html;
    }
    case "footnote": {
      const number = footnoteNumber(inline, context.resolution);
      const link = `<a href="#${noteId(number)}" id="${noteRefId(number)}" role="doc-noteref">${number}</a>`;
      return `<sup class="note-ref">${link}</sup>`;
    }
    case "tableRef": {
      const href = escapeHtml(context.tableElementIds.get(inline.tableId) as string);
      return `<a class="table-ref" href="#${href}">${escapeHtml(tableRefText(context.resolution, inline))}</a>`;
    }
  }
}

function footnoteNumber(inline: Inline, resolution: Resolution): number {
  const number = resolution.footnoteNumbers.get(inline);
  if (number === undefined) throw new DocumentError("Footnote outside the resolved document");
  return number;
}

function renderTable(table: TableBlock, context: Context): string {
  const label = context.resolution.tableLabels.get(table.id);
  const aligns = table.columns.map((column) =>
    column.align ? ` class="${ALIGN_CLASSES[column.align]}"` : "",
  );
  const runs = headerRuns(table.columns);
  const both = runs ? ' rowspan="2"' : "";
  const numberHeader = table.hasRowNumbers ? `<th scope="col"${both} class="row-number">No.</th>` : "";
  const headerRow = (column: TableColumn, index: number, rowSpan = "") =>
    `<th scope="col"${rowSpan}${aligns[index]}>${escapeHtml(column.header)}</th>`;
  // With grouped columns: a first row of groups (and the ungrouped headers, spanning both rows), then the
  // headers of the grouped columns.
  const head = runs
    ? [
        `<tr>${numberHeader}${runs
          .map((run) =>
            run.group
              ? `<th scope="colgroup" colspan="${run.span}">${escapeHtml(run.group)}</th>`
              : headerRow(table.columns[run.firstColumn] as TableColumn, run.firstColumn, both),
          )
          .join("")}</tr>`,
        `<tr>${table.columns.map((column, index) => (column.group ? headerRow(column, index) : "")).join("")}</tr>`,
      ].join("")
    : `<tr>${numberHeader}${table.columns.map((column, index) => headerRow(column, index)).join("")}</tr>`;
  const rows = layOutTable(table).map((slots, rowIndex) => {
    const cells = slots.map((slot, column) => {
      if (slot.kind === "covered") return "";
      if (slot.kind === "empty") return `<td${aligns[column]}></td>`;
      const span = slot.rowSpan > 1 ? ` rowspan="${slot.rowSpan}"` : "";
      const paragraphs = slot.cell.paragraphs.map((p) => `<p>${renderInlines(p, context)}</p>`).join("");
      return `<td${span}${aligns[column]}>${paragraphs}</td>`;
    });
    const number = table.hasRowNumbers ? `<td class="row-number">${rowIndex + 1}.</td>` : "";
    return `<tr>${number}${cells.join("")}</tr>`;
  });
  const id = context.tableElementIds.get(table.id);
  return [
    `<table${id ? ` id="${escapeHtml(id)}"` : ""}>`,
    renderCaption(label, table.caption),
    renderColumnGroup(table),
    `<thead>${head}</thead>`,
    "<tbody>",
    ...rows,
    "</tbody>",
    "</table>",
  ]
    .filter((line) => line !== "")
    .join("\n");
}

/** «Tabla 2.1. Caption» above the table; a label or a caption alone when the table has only one. */
function renderCaption(label: string | undefined, caption: string | undefined): string {
  if (label && caption) {
    return `<caption><span class="table-label">${escapeHtml(label)}.</span> ${escapeHtml(caption)}</caption>`;
  }
  if (label) return `<caption><span class="table-label">${escapeHtml(label)}</span></caption>`;
  if (caption) return `<caption>${escapeHtml(caption)}</caption>`;
  return "";
}

/** Relative column widths as percentages; a column without a width counts as 1, bad values too. */
function renderColumnGroup(table: TableBlock): string {
  if (!table.columns.some((column) => column.width !== undefined)) return "";
  const widths = table.columns.map((column) =>
    column.width !== undefined && Number.isFinite(column.width) && column.width > 0 ? column.width : 1,
  );
  const total = widths.reduce((sum, width) => sum + width, 0);
  const numberColumn = table.hasRowNumbers ? '<col class="row-number">' : "";
  const columns = widths.map((width) => `<col style="width: ${((width / total) * 100).toFixed(2)}%">`);
  return `<colgroup>${numberColumn}${columns.join("")}</colgroup>`;
}

function renderNotes(context: Context): string {
  const { footnotes } = context.resolution;
  if (footnotes.length === 0) return "";
  const items = footnotes.map((content, index) => {
    const number = index + 1;
    const back = `<a class="note-back" href="#${noteRefId(number)}" role="doc-backlink" aria-label="Volver">↩</a>`;
    return `<li id="${noteId(number)}"><p>${renderInlines(content, context)} ${back}</p></li>`;
  });
  return [
    '<section class="notes" role="doc-endnotes" aria-labelledby="notas">',
    '<h2 id="notas">Notas</h2>',
    "<ol>",
    ...items,
    "</ol>",
    "</section>",
  ].join("\n");
}
