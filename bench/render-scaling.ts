/**
 * `npx tsx bench/render-scaling.ts`: how each renderer's time grows with the size of the document, without a
 * database in the measurement. The demo quarter's report is composed once (PGlite, in memory), then every table's
 * rows and every list's items are repeated k times (k = 1, 10, 25, 50, 100 by default; `SCALING_FACTORS`) and each
 * format is rendered `SCALING_ITERATIONS` times (default 1; p50), after one warm-up per format on the smallest
 * document. Every render gets a document never rendered before (its title carries a counter): Typst memoises
 * compilations in the process, and rendering the same input again takes a fraction of the first time (the 100×
 * PDF: about 2 s instead of 60 s), which is not what generating a report costs. A renderer that scales linearly
 * keeps its time per table row flat as k grows. Figures only: nothing here asserts a timing.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parse } from "yaml";
import { type ReportDocument, resolveDocument } from "../src/documents/report-document.ts";
import type { DatasetInput } from "../src/domain/dataset/dataset.schema.ts";
import { importDataset } from "../src/domain/dataset/import-dataset.ts";
import { collectReportFacts } from "../src/domain/reports/collect-report-facts.ts";
import { composeReport } from "../src/domain/reports/compose-report.ts";
import { REPORT_FORMATS, type ReportFormat, renderReport } from "../src/domain/reports/generate-report.ts";
import { loadReportTemplate } from "../src/domain/reports/report-templates.ts";
import type { UseCaseContext } from "../src/domain/shared/context.ts";
import { openDatabase } from "../src/platform/db/open.ts";

const FACTORS = (process.env.SCALING_FACTORS ?? "1,10,25,50,100").split(",").map(Number);
const ITERATIONS = Number(process.env.SCALING_ITERATIONS ?? 1);

async function demoDocument(): Promise<ReportDocument> {
  const database = await openDatabase({ kind: "pglite", dataDir: undefined });
  try {
    await database.migrate();
    const ctx: UseCaseContext = { actor: { kind: "system", name: "bench" }, db: database.db };
    const demo = parse(readFileSync(new URL("../demo/cvoe-2021-q1.yaml", import.meta.url), "utf8"));
    await importDataset(ctx, demo as DatasetInput);
    const commission = await ctx.db.query.commissions.findFirst({ where: (c, { eq }) => eq(c.key, "cvoe") });
    if (!commission) throw new Error("demo commission missing");
    const facts = await collectReportFacts(ctx, { commissionId: commission.id, period: "2021-Q1" });
    return composeReport(facts, { template: await loadReportTemplate(ctx.db, commission.id) });
  } finally {
    await database.close();
  }
}

/** The document with every table's rows and every list's items repeated `k` times. */
function enlarged(document: ReportDocument, k: number): ReportDocument {
  const times = <T>(items: T[]) => Array.from({ length: k }, () => items).flat();
  return {
    ...document,
    blocks: document.blocks.map((block) => {
      if (block.kind === "table") return { ...block, rows: times(block.rows) };
      if (block.kind === "list") return { ...block, items: times(block.items) };
      return block;
    }),
  };
}

let renders = 0;
/** The document under a title never used before, so no renderer can reuse an earlier result. */
const fresh = (document: ReportDocument): ReportDocument => {
  renders += 1;
  return { ...document, meta: { ...document.meta, title: `${document.meta.title} (${renders})` } };
};

async function p50(document: ReportDocument, format: ReportFormat): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const input = fresh(document);
    const started = performance.now();
    await renderReport(input, format);
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)] as number;
}

const base = await demoDocument();
const rowsOf = (document: ReportDocument) =>
  document.blocks.reduce((sum, block) => sum + (block.kind === "table" ? block.rows.length : 0), 0);
process.stdout.write(
  `Render time by document size — node ${process.version}, p50 of ${ITERATIONS}; µs per table row in brackets\n`,
);
process.stdout.write(
  `${"×".padStart(5)} ${"rows".padStart(7)}${REPORT_FORMATS.map((f) => f.padStart(22)).join("")}\n`,
);
for (const format of REPORT_FORMATS) await renderReport(fresh(enlarged(base, Math.min(...FACTORS))), format);
for (const k of FACTORS) {
  const document = enlarged(base, k);
  resolveDocument(document);
  const rows = rowsOf(document);
  const cells: string[] = [];
  for (const format of REPORT_FORMATS) {
    const ms = await p50(document, format);
    cells.push(`${ms.toFixed(0)} ms (${((ms * 1000) / rows).toFixed(0)})`.padStart(22));
  }
  process.stdout.write(`${String(k).padStart(5)} ${String(rows).padStart(7)}${cells.join("")}\n`);
}
