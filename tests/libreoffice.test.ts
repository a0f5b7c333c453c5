/**
 * The demo quarter's DOCX as LibreOffice lays it out (`soffice --headless --convert-to pdf`, Debian's
 * libreoffice-writer-nogui): the índice carries the page on which each heading really falls, every page has
 * «Página N de M», the attendance table keeps its two header rows, and a table longer than a page repeats its
 * header. Under CI a missing LibreOffice fails the run (`.ci/run` installs it); elsewhere the file is skipped.
 * The engine does not matter to the file, so it runs on PGlite only.
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
import { importDatasetText } from "../src/domain/dataset/import-dataset.ts";
import { generateReport } from "../src/domain/reports/generate-report.ts";
import type { UseCaseContext } from "../src/domain/shared/context.ts";
import { commissions } from "../src/platform/db/schema.ts";
import { openTestDatabase } from "./support/databases.ts";
import { collapse, hasPoppler, poppler } from "./support/report-text.ts";

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

describe.runIf(office && hasPoppler)("the demo quarter's DOCX laid out by LibreOffice", () => {
  let directory: string;
  let close: (() => Promise<void>) | undefined;
  /** The text of each page, in order. */
  let pages: string[] = [];
  let headings: string[] = [];

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
    headings = document.blocks.flatMap((block) =>
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
    pages = poppler("pdftotext", ["-layout", path.join(directory, "informe.pdf"), "-"]).split("\f");
    if (pages.at(-1)?.trim() === "") pages.pop();
  }, 180_000);
  afterAll(async () => {
    await close?.();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it("numbers every page but the cover «Página N de M»", () => {
    expect(pages.length).toBeGreaterThan(15);
    pages.slice(1).forEach((page, index) => {
      expect(page).toMatch(new RegExp(`Página ${index + 2} de ${pages.length}\\s*$`));
    });
    expect(pages[0]).not.toContain("Página");
  });

  it("gives each heading of the índice the page on which LibreOffice put it", () => {
    // The índice's pages: from «ÍNDICE» to the page before the introduction.
    const first = pages.findIndex((page) => page.includes("ÍNDICE"));
    const numbers: number[] = [];
    let last = first;
    for (let p = first; p < pages.length; p++) {
      const found = [...(pages[p] as string).matchAll(/\.{4,}\s*(\d+)\s*$/gm)].map((m) => Number(m[1]));
      if (found.length === 0) break;
      numbers.push(...found);
      last = p;
    }
    expect(numbers).toHaveLength(headings.length);
    // Each heading, looked for in order after the índice, is on the page its entry gives.
    const body = pages.map((page) => collapse(page));
    let page = last + 1;
    headings.forEach((heading, i) => {
      const start = heading.slice(0, 40);
      while (page < body.length && !(body[page] as string).includes(start)) page += 1;
      expect(page, `«${heading}» found after the índice`).toBeLessThan(body.length);
      expect(numbers[i], `page of «${heading}»`).toBe(page + 1);
    });
  });

  it("prints the attendance table's two header rows, and repeats a table's header on the next page", () => {
    const attendance = pages.findIndex((page) => page.includes("Asistencia a las sesiones"));
    expect(attendance).toBeGreaterThan(0);
    expect(collapse(pages[attendance] as string)).toMatch(
      /Asistencia a las sesiones\s+Integrantes e invitados/,
    );
    // The attendance table runs onto the next page, headers first.
    expect(collapse(pages[attendance + 1] as string)).toMatch(
      /^Asistencia a las sesiones\s+Integrantes e invitados/,
    );
    // Tabla 2.3 (60 progress reports) spans pages: its header is on each of them.
    // (Its header cells wrap over lines, so one of them stands for it.)
    const withTable = pages.filter((page) => /^\s*No\.\s+Contraparte\s*$/m.test(page));
    expect(withTable.length).toBeGreaterThan(1);
  });
});
