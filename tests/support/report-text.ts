/**
 * Reading a generated report back from its real files, as a person (or Word) would: the DOCX body as an ordered
 * list of paragraphs (with their style) and tables (with grid spans and vertical merges resolved into a grid), and
 * the PDF's text through poppler's `pdftotext -raw` (content-stream order: a table comes out cell by cell, row by
 * row). Plus the normalisations used to compare texts: whitespace collapsed, dates reduced to their value (the
 * weekday is recomputed by the generator, so it is not compared), and a compact form for PDF text, where lines
 * are broken and words hyphenated.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { SPANISH_MONTHS } from "../../src/domain/shared/calendar.ts";

// ---------------------------------------------------------------------------------------------------------------
// DOCX

/** One position of a table row's grid: the text of the cell that starts there, or a cell merged from above. */
export type GridCell = { text: string; isCovered: boolean; rowSpan: number };

export type DocxBlock =
  | { kind: "paragraph"; style: string; text: string }
  | { kind: "table"; rows: GridCell[][]; headerRows: number };

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decode = (value: string) =>
  value.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X"))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] as string;
  });

/** The text of a paragraph's runs: text, tabs and breaks, in order (footnote marks and field codes left out). */
function paragraphText(xml: string): string {
  return [
    ...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:t(?:\s[^>]*)?\/>|<w:(tab|br|cr)(?:\s[^>]*)?\/>/g),
  ]
    .map((m) => (m[2] === "tab" ? "\t" : m[2] ? "\n" : decode(m[1] ?? "")))
    .join("");
}

const PARAGRAPH = /<w:p(?:\s[^>]*)?\/>|<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g;

/** A cell's paragraphs, one per line. */
const cellText = (xml: string) => [...xml.matchAll(PARAGRAPH)].map((m) => paragraphText(m[0])).join("\n");

/**
 * A table as a grid: a cell spanning n grid columns (`w:gridSpan`) fills n positions, the first with its text; a
 * cell continuing a vertical merge (`w:vMerge` without «restart») is `isCovered`, and the cell that starts the merge
 * counts the rows it spans. Rows marked `w:tblHeader` are the header rows.
 */
function readTable(xml: string): Extract<DocxBlock, { kind: "table" }> {
  const rows: GridCell[][] = [];
  let headerRows = 0;
  for (const row of xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)) {
    if (/<w:tblHeader(?:\s[^>]*)?\/>/.test(row[0]) && rows.length === headerRows) headerRows += 1;
    const cells: GridCell[] = [];
    for (const tc of row[0].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)) {
      const body = tc[1] as string;
      const span = Number(/<w:gridSpan w:val="(\d+)"/.exec(body)?.[1] ?? 1);
      const merge = /<w:vMerge(?: w:val="(\w+)")?\s*\/>/.exec(body);
      const isCovered = merge !== null && merge[1] !== "restart";
      const text = isCovered ? "" : cellText(body);
      for (let i = 0; i < span; i++) cells.push({ text: i === 0 ? text : "", isCovered, rowSpan: 1 });
    }
    rows.push(cells);
  }
  // Count the rows each merge covers.
  rows.forEach((cells, r) => {
    cells.forEach((cell, c) => {
      if (cell.isCovered) return;
      let below = r + 1;
      while (rows[below]?.[c]?.isCovered) below += 1;
      cell.rowSpan = below - r;
    });
  });
  return { kind: "table", rows, headerRows };
}

/** The body of a DOCX, in document order: paragraphs (with their style id) and tables. */
export async function readDocx(bytes: Uint8Array): Promise<DocxBlock[]> {
  const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")?.async("string");
  if (!xml) throw new Error("word/document.xml missing");
  const body = xml.slice(xml.indexOf("<w:body>"), xml.lastIndexOf("</w:body>"));
  // A table is taken whole (its own paragraphs with it); tables are never nested in these documents.
  return [
    ...body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p(?:\s[^>]*)?\/>|<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g),
  ].map((m): DocxBlock => {
    if (m[0].startsWith("<w:tbl>")) return readTable(m[0]);
    return {
      kind: "paragraph",
      style: /<w:pStyle w:val="([^"]+)"/.exec(m[0])?.[1] ?? "",
      text: paragraphText(m[0]),
    };
  });
}

/** A heading paragraph's level (1–3), listed in the table of contents or not; undefined for other paragraphs. */
export const headingLevel = (block: DocxBlock): number | undefined =>
  block.kind === "paragraph" ? Number(/^Heading(\d)/.exec(block.style)?.[1]) || undefined : undefined;

/**
 * The blocks under a heading, up to the next heading of the same or a higher level. `path` names the headings
 * from the top, each by the start of its text («III.», «2.», «B)»), so the same label in two chapters is no
 * ambiguity.
 */
export function blocksUnder(blocks: DocxBlock[], path: string[]): DocxBlock[] {
  let start = 0;
  let end = blocks.length;
  for (const label of path) {
    const index = blocks.findIndex(
      (block, i) =>
        i >= start &&
        i < end &&
        headingLevel(block) !== undefined &&
        block.kind === "paragraph" &&
        block.text.startsWith(label),
    );
    if (index < 0) throw new Error(`heading not found: ${path.join(" › ")}`);
    const level = headingLevel(blocks[index] as DocxBlock) as number;
    const next = blocks.findIndex((block, i) => i > index && (headingLevel(block) ?? 99) <= level);
    start = index + 1;
    end = Math.min(end, next < 0 ? blocks.length : next);
  }
  return blocks.slice(start, end);
}

// ---------------------------------------------------------------------------------------------------------------
// PDF

/** Whether poppler's tools are installed (Debian package poppler-utils). */
export const hasPoppler = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** Runs a poppler tool; its stderr (harmless complaints about Typst's tagged-PDF structure) is dropped. */
export const poppler = (tool: "pdfinfo" | "pdftotext", args: string[]): string =>
  execFileSync(tool, args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
    maxBuffer: 64 * 1024 * 1024,
  });

/** The PDF's text in content-stream order (`pdftotext -raw`), from a temporary copy of the bytes. */
export function readPdfText(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "vincula-pdf-"));
  try {
    const path = join(dir, "report.pdf");
    writeFileSync(path, bytes);
    return poppler("pdftotext", ["-raw", "-enc", "UTF-8", path, "-"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Normalisation

/** Whitespace (line breaks, tabs, non-breaking spaces) collapsed to single spaces, ends trimmed. */
export const collapse = (value: string) => value.replace(/[\s\u00a0\u2060]+/g, " ").trim();

const WEEKDAY = "(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo)";
const DATE = new RegExp(
  `${WEEKDAY}\\s+(\\d{1,2})(?:\\s+(?:de\\s+)?(${SPANISH_MONTHS.join("|")}))?(?:\\s+de\\s+(\\d{4}))?`,
  "gi",
);

/**
 * Every written date («Miércoles 06 y viernes 08 de enero de 2021», «Lunes 8 de marzo de 2021») replaced by its
 * value in brackets («[2021-01-06] y [2021-01-08]»): the weekday and the padding of the day are not compared, the
 * date is. A month and year written once apply to the days before them; a missing «de» before the month is
 * tolerated. A date that does not exist stays as «[invalid …]».
 */
export function normaliseDates(value: string): string {
  const found = [...value.matchAll(DATE)].map((m) => ({
    index: m.index,
    length: m[0].length,
    day: Number(m[1]),
    month: m[2]?.toLowerCase(),
    year: m[3],
  }));
  for (let i = found.length - 2; i >= 0; i--) {
    const current = found[i] as (typeof found)[number];
    const next = found[i + 1] as (typeof found)[number];
    current.month ??= next.month;
    current.year ??= next.year;
  }
  let result = "";
  let position = 0;
  for (const date of found) {
    const month = SPANISH_MONTHS.indexOf(date.month as (typeof SPANISH_MONTHS)[number]) + 1;
    const iso = `${date.year}-${String(month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
    const real = new Date(`${iso}T00:00:00Z`);
    const exists = month > 0 && !Number.isNaN(real.getTime()) && real.toISOString().startsWith(iso);
    result += `${value.slice(position, date.index)}[${exists ? iso : `invalid ${iso}`}]`;
    position = date.index + date.length;
  }
  return result + value.slice(position);
}

/**
 * For PDF text, where lines break anywhere and words are hyphenated: no whitespace, no soft hyphens and no
 * hyphens at all (Spanish hyphenation repeats a word's own hyphen on the next line, «político-/-electorales»), so
 * only the other characters are compared.
 */
export const compact = (value: string) => value.replace(/[\s\u00a0\u00ad\u2060\-‐‑]+/g, "");

/**
 * The PDF's text as one searchable string: the running header and the «Página N de M» footer of every page left
 * out, pages joined by «§», words broken at a line end (soft hyphen) joined again, written dates reduced to their
 * value, then in `pdfForm`.
 */
export function pdfSearchText(raw: string): string {
  const pages = raw.split("\f").map((page) => page.split("\n"));
  // The running header is the first line most pages share.
  const firstLines = pages.map((lines) => lines[0] ?? "");
  const header = firstLines.find(
    (first) => firstLines.filter((other) => other === first).length > pages.length / 2,
  );
  const text = pages
    .map((lines) => lines.filter((l) => l !== header && !/^Página \d+ de \d+$/.test(l.trim())).join("\n"))
    .join("\n§\n");
  return pdfForm(normaliseDates(collapse(text.replace(/\u00ad\s*/g, ""))));
}

/** `compact`, and no periods: a cell's final period is not compared, and in PDF text nothing marks a cell's end. */
export const pdfForm = (value: string) => compact(value).replace(/\./g, "");

/**
 * Looks for `needles` in `haystack` one after another, each after the previous one; returns the index of the
 * first one not found after its predecessor (or -1 when all are found, in order), and where the search ended.
 */
export function findInOrder(haystack: string, needles: string[], from = 0): { missing: number; end: number } {
  let position = from;
  for (const [index, needle] of needles.entries()) {
    const at = haystack.indexOf(needle, position);
    if (at < 0) return { missing: index, end: position };
    position = at + needle.length;
  }
  return { missing: -1, end: position };
}

/**
 * Where a table row of PDF search text (`pdfSearchText`, page breaks as «§», repeated headers removed) ends, when
 * it starts exactly at `at`: its cells one after another, or — a row split by a page break — each cell's first
 * part before the break and the rest after it, in the same order (Typst breaks a row at one height for all its
 * cells). -1 when the row is not there.
 */
export function rowEndAt(text: string, cells: string[], at: number): number {
  const whole = cells.join("");
  if (text.startsWith(whole, at)) return at + whole.length;
  const pageBreak = text.indexOf("§", at);
  if (pageBreak < 0) return -1;
  const [before, after] = [text.slice(at, pageBreak), text.slice(pageBreak + 1)];
  const tried = new Set<string>();
  const split = (cell: number, a: number, b: number): number => {
    if (cell === cells.length) return a === before.length ? b : -1;
    const key = `${cell},${a},${b}`;
    if (tried.has(key)) return -1;
    tried.add(key);
    const value = cells[cell] as string;
    for (let k = value.length; k >= 0; k--) {
      if (!before.startsWith(value.slice(0, k), a) || !after.startsWith(value.slice(k), b)) continue;
      const end = split(cell + 1, a + k, b + value.length - k);
      if (end >= 0) return end;
    }
    return -1;
  };
  const end = split(0, 0, 0);
  return end < 0 ? -1 : pageBreak + 1 + end;
}
