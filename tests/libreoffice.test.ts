/**
 * The demo quarter's DOCX as LibreOffice lays it out (`soffice --headless --convert-to pdf`, Debian's
 * libreoffice-writer-nogui): every page but the cover reads «Página N de M», the índice gives each heading the page
 * on which LibreOffice really put it, every numbered table prints its caption on the page where the table starts,
 * and a table that runs onto the next pages starts each of them with its header (both rows of the attendance
 * table's). Under CI a missing LibreOffice fails the run (`.ci/run` installs it); elsewhere the file is skipped.
 *
 * The PDF is read with `pdftotext -raw` (content-stream order: a table cell by cell, row by row) and compared in
 * `compact` form (no whitespace, no hyphens), so nothing here depends on where lines break: the same assertions
 * hold whichever font stands in for Times New Roman (Liberation Serif, which `.ci/run` installs, or DejaVu
 * Serif), only the page numbers differ. The engine does not matter to the file, so it runs on PGlite only.
 */
import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Block,
  headerRuns,
  layOutTable,
  plainText,
  type Resolution,
  resolveDocument,
} from "../src/documents/report-document.ts";
import { importDatasetText } from "../src/domain/dataset/import-dataset.ts";
import { generateReport } from "../src/domain/reports/generate-report.ts";
import type { UseCaseContext } from "../src/domain/shared/context.ts";
import { commissions } from "../src/platform/db/schema.ts";
import { openTestDatabase } from "./support/databases.ts";
import { collapse, compact, hasPoppler, poppler } from "./support/report-text.ts";

const ROOT = path.join(import.meta.dirname, "..");

function findOnPath(names: string[]): string | undefined {
  for (const directory of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = path.join(directory, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not in this directory
      }
    }
  }
  return undefined;
}

const office = findOnPath(["soffice", "libreoffice"]);
if (process.env.CI && (!office || !hasPoppler)) {
  throw new Error("CI needs LibreOffice (libreoffice-writer-nogui) and poppler-utils: .ci/run installs them");
}

type TableBlock = Extract<Block, { kind: "table" }>;

/** The header as LibreOffice writes it: row by row, a merged cell once («No.», then groups over their columns). */
function headerText(table: TableBlock): string {
  const number = table.hasRowNumbers ? ["No."] : [];
  const runs = headerRuns(table.columns);
  if (!runs) return [...number, ...table.columns.map((column) => column.header)].join(" ");
  const grouped = table.columns.filter((column) => column.group).map((column) => column.header);
  return [...number, ...runs.map((run) => run.group ?? run.header), ...grouped].join(" ");
}

/** A body row's text, its cells left to right (with its «N.»), cells merged from above left out. */
function rowText(table: TableBlock, resolution: Resolution, index: number): string {
  const slots = layOutTable(table)[index] ?? [];
  const cells = slots.flatMap((slot) =>
    slot.kind === "cell" ? slot.cell.paragraphs.map((inlines) => plainText(inlines, resolution)) : [],
  );
  return [...(table.hasRowNumbers ? [`${index + 1}.`] : []), ...cells].join(" ");
}

describe.runIf(office && hasPoppler)("the demo quarter's DOCX laid out by LibreOffice", () => {
  let directory: string;
  let close: (() => Promise<void>) | undefined;
  /** Each page's text as `pdftotext -raw` gives it. */
  let pages: string[] = [];
  /** Each page's text without its footer, in `compact` form, and where it starts in `body` (their concatenation). */
  let compactPages: string[] = [];
  let starts: number[] = [];
  let body = "";
  let blocks: Block[] = [];
  let resolution: Resolution;
  let headings: string[] = [];

  const pageAt = (offset: number) => starts.findLastIndex((start) => start <= offset);
  /** Where `needle` (compacted) is in the body at or after `from`; fails the test when it is not. */
  const find = (needle: string, from: number, what: string) => {
    const at = body.indexOf(compact(needle), from);
    expect(at, `${what}: «${needle}» after offset ${from}`).toBeGreaterThanOrEqual(0);
    return at;
  };

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "vincula-libreoffice-"));
    const opened = await openTestDatabase("pglite");
    close = opened.drop;
    const context: UseCaseContext = { actor: { kind: "system", name: "test" }, db: opened.database.db };
    await importDatasetText(context, await readFile(path.join(ROOT, "demo/cvoe-2021-q1.yaml"), "utf8"));
    const commission = await context.db.query.commissions.findFirst({ where: eq(commissions.key, "cvoe") });
    const { document, files } = await generateReport(context, {
      commissionId: commission?.id,
      period: "2021-Q1",
      formats: ["docx"],
    });
    blocks = document.blocks;
    resolution = resolveDocument(document);
    headings = blocks.flatMap((block) =>
      block.kind === "heading" && block.isInToc ? [collapse(`${block.label ?? ""} ${block.text}`)] : [],
    );
    const input = path.join(directory, "informe.docx");
    await writeFile(input, files[0]?.bytes as Uint8Array);
    await promisify(execFile)(
      office as string,
      [
        // A profile of its own, so parallel runs never share LibreOffice's user installation.
        `-env:UserInstallation=${pathToFileURL(path.join(directory, "profile")).href}`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        directory,
        input,
      ],
      { timeout: 120_000 },
    );
    pages = poppler("pdftotext", ["-raw", path.join(directory, "informe.pdf"), "-"]).split("\f");
    if (pages.at(-1)?.trim() === "") pages.pop();
    // The header (institution and period) is each page's first line, the footer («Página N de M») its last.
    const header = `${document.meta.institution} ${document.meta.periodLabel}`;
    compactPages = pages.map((page) => {
      const content = page.replace(/[^\n]*Página \d+ de \d+\s*$/, "").trimStart();
      return compact(content.startsWith(header) ? content.slice(header.length) : content);
    });
    // Every page but the cover carries the header.
    expect(pages.filter((page) => page.trimStart().startsWith(header))).toHaveLength(pages.length - 1);
    let offset = 0;
    starts = compactPages.map((page) => {
      const start = offset;
      offset += page.length;
      return start;
    });
    body = compactPages.join("");
  }, 180_000);
  afterAll(async () => {
    await close?.();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it("numbers every page but the cover «Página N de M»", () => {
    expect(pages.length).toBeGreaterThan(15);
    pages.slice(1).forEach((page, index) => {
      expect(collapse(page)).toMatch(new RegExp(`Página ${index + 2} de ${pages.length}$`));
    });
    expect(pages[0]).not.toContain("Página");
  });

  it("gives each heading of the índice the page on which LibreOffice put it", () => {
    expect(headings.length).toBeGreaterThan(20);
    // The índice lists the headings in order, each followed by its dot leader and page number; the body starts
    // with the first heading again.
    let cursor = find("ÍNDICE", 0, "the índice");
    const entries = headings.map((heading) => {
      const at = find(heading, cursor, "índice entry");
      cursor = at + compact(heading).length;
      return { end: cursor };
    });
    const bodyStart = find(headings[0] as string, cursor, "the first heading after the índice");
    const numbers = entries.map((entry, i) => {
      const next =
        i + 1 < entries.length ? body.indexOf(compact(headings[i + 1] as string), entry.end) : bodyStart;
      const between = body.slice(entry.end, next);
      expect(between, `índice entry «${headings[i]}»: leader and page`).toMatch(/^\.*\d+$/);
      return Number(between.replace(/^\.*/, ""));
    });
    // Each heading, looked for in order after the índice, is on the page its entry gives.
    cursor = bodyStart;
    headings.forEach((heading, i) => {
      const at = find(heading, cursor, "heading after the índice");
      cursor = at + compact(heading).length;
      expect(numbers[i], `page of «${heading}»`).toBe(pageAt(at) + 1);
    });
  });

  it("prints each table's caption with it, and starts each page a table runs onto with its header", () => {
    const tables = blocks.filter((block): block is TableBlock => block.kind === "table");
    expect(tables.length).toBeGreaterThan(5);
    // After the índice, where the body starts.
    let cursor = find(
      headings[0] as string,
      find(headings.at(-1) as string, 0, "last índice entry") + 1,
      "body",
    );
    let continued = 0;
    for (const table of tables) {
      const label = resolution.tableLabels.get(table.id);
      const header = headerText(table);
      let captionPage: number | undefined;
      if (label) {
        const caption = table.caption ? `${label}. ${table.caption}` : `${label}.`;
        const at = find(caption, cursor, "caption");
        captionPage = pageAt(at);
        cursor = at + compact(caption).length;
      }
      const start = find(header, cursor, `header of ${label ?? table.id}`);
      const last = rowText(table, resolution, table.rows.length - 1);
      const end = find(last, start, `last row of ${label ?? table.id}`) + compact(last).length - 1;
      if (captionPage !== undefined)
        expect(pageAt(start), `${label} starts where its caption is`).toBe(captionPage);
      for (let page = pageAt(start) + 1; page <= pageAt(end); page++) {
        expect(
          compactPages[page]?.startsWith(compact(header)),
          `${label ?? table.id} on page ${page + 1}`,
        ).toBe(true);
        continued += 1;
      }
      cursor = end;
    }
    // The check above is not empty: four tables run onto another page in Liberation Serif, ten in DejaVu Serif.
    expect(continued).toBeGreaterThan(0);
    expect(body).toContain(
      compact(
        "Integrantes e invitados Asistencia a las sesiones Primera sesión ordinaria Segunda sesión ordinaria Tercera sesión ordinaria",
      ),
    );
  });
});
