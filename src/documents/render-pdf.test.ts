import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasPoppler, poppler } from "../../tests/support/report-text.ts";
import { HOSTILE_TEXT, sampleReport } from "../../tests/support/sample-report.ts";
import { renderPdf, toPdfDocument } from "./render-pdf.ts";
import { cell, DocumentError, type ReportDocument } from "./report-document.ts";

// Text is read back with poppler's pdftotext (Debian package poppler-utils), as a person copying from the PDF would.

/** Whitespace collapsed: for phrases that may wrap across lines. */
const collapse = (value: string) => value.replace(/[\s\u2060]+/g, " ").trim();
/**
 * No whitespace at all, words joined again where the line was hyphenated, soft hyphens dropped: Typst may break a
 * line inside «</script>» or hyphenate «itá-licas», so only the characters themselves can be compared.
 */
const compact = (value: string) => value.replace(/-\n/g, "").replace(/[\s\u00ad\u2060]+/g, "");

describe("toPdfDocument", () => {
  it("hands Typst the resolved labels, reference texts and footnote numbers, not the raw tree", () => {
    const input = toPdfDocument(sampleReport());
    const tables = input.blocks.filter((block) => block.kind === "table");
    expect(tables.map((table) => table.label)).toEqual(["Tabla 2.1", "Tabla 2.2", null]);
    const texts = JSON.stringify(input.blocks);
    expect(texts).toContain('"text":"tabla 2.1"');
    expect(texts).toContain('"text":"Tabla 2.2"');
    expect(texts).toContain('"kind":"footnote","number":1');
    expect(texts).not.toContain("tableRef");
  });

  it("refuses a table row with more cells than the columns left free by a rowspan", () => {
    const document: ReportDocument = {
      ...sampleReport(),
      blocks: [
        { kind: "heading", level: 2, label: "1.", text: "Capítulo" },
        {
          kind: "table",
          id: "bad",
          isNumbered: true,
          columns: [{ header: "A" }, { header: "B" }],
          rows: [
            [cell("a1"), { paragraphs: [], rowSpan: 2 }],
            [cell("a2"), cell("sobra")],
          ],
        },
      ],
    };
    expect(() => toPdfDocument(document)).toThrow(DocumentError);
  });
});

describe.runIf(hasPoppler || process.env.CI)("renderPdf", () => {
  let directory: string;
  let pdfPath: string;
  let pdf: Uint8Array;
  let pages: string[];
  let allText: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), "vincula-pdf-"));
    pdfPath = join(directory, "report.pdf");
    pdf = renderPdf(sampleReport({ longTableRows: 60 }));
    writeFileSync(pdfPath, pdf);
    const pageCount = Number(/Pages:\s+(\d+)/.exec(poppler("pdfinfo", [pdfPath]))?.[1]);
    pages = Array.from({ length: pageCount }, (_, index) =>
      poppler("pdftotext", ["-f", String(index + 1), "-l", String(index + 1), pdfPath, "-"]),
    );
    allText = pages.join("\n");
  });

  afterAll(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it("prints markup characters in the data literally, with no effect on the layout", () => {
    // Once in the list, once in a narrow table cell.
    expect(compact(allText).split(compact(HOSTILE_TEXT)).length - 1).toBe(2);
    // «#set page(paper: "a0")» in the text did not change the paper: every page is US letter.
    const info = poppler("pdfinfo", ["-f", "1", "-l", String(pages.length), pdfPath]);
    const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+ x [\d.]+)/g)].map((match) => match[1]);
    expect(sizes).toHaveLength(pages.length);
    expect(new Set(sizes)).toEqual(new Set(["612 x 792"]));
  });

  it("captions numbered tables and resolves references in the running text", () => {
    const text = collapse(allText);
    expect(text).toContain("Tabla 2.1. Gestión directa de convenios interinstitucionales");
    expect(text).toContain("Tabla 2.2. Instrumentos jurídicos suscritos");
    expect(text).toContain("de los cuales da cuenta la tabla 2.1.");
    expect(text).toContain("Tabla 2.2 lista los instrumentos suscritos.");
    expect(text).toContain("Las sesiones se celebraron a distancia.");
  });

  it("numbers pages «Página X de Y» from the page after the cover", () => {
    expect(pages.length).toBeGreaterThan(1);
    const numbered = pages.length - 1;
    expect(collapse(pages[0] ?? "")).not.toMatch(/Página/);
    expect(collapse(pages[1] ?? "")).toContain(`Página 1 de ${numbered}`);
    expect(collapse(pages.at(-1) ?? "")).toContain(`Página ${numbered} de ${numbered}`);
  });

  it("lists the headings in the índice with the page numbers they are printed on", () => {
    const toc = collapse(pages[1] ?? "");
    expect(toc).toContain("ÍNDICE");
    const entry = /III\. Principales resultados[ .]*(\d+)/.exec(toc);
    expect(entry).not.toBeNull();
    // The page where the heading is printed (after the índice), in the numbering that starts after the cover.
    const printedOn = pages.findIndex(
      (page, index) => index > 1 && collapse(page).includes("III. Principales resultados"),
    );
    expect(Number(entry?.[1])).toBe(printedOn);
    expect(toc).toMatch(/A\) La realización de gestiones tendentes a la suscripción de convenios\.[ .]*\d+/);
  });

  it("repeats the header row of a table on every page it continues on", () => {
    const tablePages = pages.filter((page) => /Convenio número \d+ con una institución/.test(page));
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
    for (const page of tablePages) expect(page).toMatch(/^Instrumento$/m);
    expect(pages.filter((page) => /^Instrumento$/m.test(page)).length).toBeGreaterThanOrEqual(2);
  });

  it("embeds Libertinus Serif and no other font", () => {
    const fonts = [
      ...Buffer.from(pdf)
        .toString("latin1")
        .matchAll(/\/BaseFont\s*\/([^\s/<>[\]()]+)/g),
    ].map((match) => match[1] ?? "");
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^[A-Z]{6}\+LibertinusSerif-/);
  });

  it("gives the same bytes for the same document, so a frozen report keeps its hash", () => {
    expect(Buffer.from(renderPdf(sampleReport({ longTableRows: 60 }))).equals(Buffer.from(pdf))).toBe(true);
  });
});
