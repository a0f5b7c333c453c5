/**
 * `npm run bench`: import time and list/search latencies on PGlite and on PostgreSQL, for the demo data and for
 * a synthetic 100× volume (100 commissions of demo size sharing the catalogues), printed side by side with their
 * ratio. PostgreSQL is `DATABASE_URL` when set (its database is used as is), otherwise a throwaway cluster.
 * Figures only: nothing here asserts a timing.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { parse } from "yaml";
import { resolveDocument } from "../src/documents/report-document.ts";
import { activityResource } from "../src/domain/activities/activities.resources.ts";
import { agreementResource } from "../src/domain/agreements/agreements.resources.ts";
import { organisationResource } from "../src/domain/catalogs/catalogs.resources.ts";
import type { DatasetInput } from "../src/domain/dataset/dataset.schema.ts";
import { importDataset } from "../src/domain/dataset/import-dataset.ts";
import { collectReportFacts } from "../src/domain/reports/collect-report-facts.ts";
import { composeReport } from "../src/domain/reports/compose-report.ts";
import { REPORT_FORMATS, renderReport } from "../src/domain/reports/generate-report.ts";
import { searchRecords } from "../src/domain/search/search-records.ts";
import { sessionResource } from "../src/domain/sessions/sessions.resources.ts";
import type { UseCaseContext } from "../src/domain/shared/context.ts";
import { type Database, openDatabase } from "../src/platform/db/open.ts";
import { startCluster } from "../tests/support/postgres-cluster.ts";

const SCALE = Number(process.env.BENCH_SCALE ?? 100);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 100);
/** How many times larger the synthetic quarter is, and how many samples its report gets. */
const LARGE = Number(process.env.BENCH_LARGE ?? 100);
const LARGE_ITERATIONS = Number(process.env.BENCH_LARGE_ITERATIONS ?? 3);
const demo = parse(
  readFileSync(new URL("../demo/cvoe-2021-q1.yaml", import.meta.url), "utf8"),
) as DatasetInput;

/** Copy i of the demo commission: own key and acronym (and so own resolution numbers), same catalogues. */
function demoCopy(i: number): DatasetInput {
  const acronym = `C${String(i).padStart(3, "0")}`;
  const renumber = (value: string | undefined) => value?.replace(/^CVOE\//, `${acronym}/`);
  const copy = structuredClone(demo);
  copy.commission = {
    ...copy.commission,
    key: `cvoe-copy-${i}`,
    acronym,
    name: `${copy.commission.name} (copia ${i})`,
  };
  copy.resolutions = copy.resolutions?.map((r) => ({ ...r, number: renumber(r.number) as string }));
  copy.sessions = copy.sessions?.map((s) => ({ ...s, minutesApprovedBy: renumber(s.minutesApprovedBy) }));
  copy.programmes = copy.programmes?.map((p) => ({
    ...p,
    approvedBy: renumber(p.approvedBy),
    ratifiedBy: renumber(p.ratifiedBy),
  }));
  return copy;
}

/**
 * The demo quarter 100× larger, as one commission: every activity, agreement and progress report a hundred times
 * (copies keyed «…-x2» …), the same sessions, programme and catalogues.
 */
function largeQuarter(factor: number): DatasetInput {
  const quarter = demoCopy(0);
  quarter.commission = {
    ...quarter.commission,
    key: "cvoe-large",
    acronym: "CVL",
    name: `${demo.commission.name} (×${factor})`,
  };
  quarter.resolutions = quarter.resolutions?.map((r) => ({
    ...r,
    number: r.number.replace(/^C000\//, "CVL/"),
  }));
  quarter.sessions = quarter.sessions?.map((s) => ({
    ...s,
    minutesApprovedBy: s.minutesApprovedBy?.replace(/^C000\//, "CVL/"),
  }));
  quarter.programmes = quarter.programmes?.map((p) => ({
    ...p,
    approvedBy: p.approvedBy?.replace(/^C000\//, "CVL/"),
    ratifiedBy: p.ratifiedBy?.replace(/^C000\//, "CVL/"),
  }));
  const keys = new Set((demo.agreements ?? []).map((a) => a.key));
  const copyKey = (key: string, i: number) => (i === 1 ? key : `${key}-x${i}`);
  const times = <T>(rows: T[] | undefined, copy: (row: T, i: number) => T) =>
    Array.from({ length: factor }, (_, k) => (rows ?? []).map((row) => copy(row, k + 1))).flat();
  quarter.agreements = times(demo.agreements, (a, i) => ({
    ...a,
    key: copyKey(a.key, i),
    parent: a.parent && keys.has(a.parent) ? copyKey(a.parent, i) : a.parent,
  }));
  quarter.agreementProgress = times(demo.agreementProgress, (g, i) => ({
    ...g,
    agreement: copyKey(g.agreement, i),
  }));
  quarter.activities = times(demo.activities, (a, i) => ({ ...a, key: copyKey(a.key, i) }));
  return quarter;
}

type Sample = { p50: number; p95: number };
function percentiles(values: number[]): Sample {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { p50: at(0.5), p95: at(0.95) };
}

async function time<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

type Queries = Record<string, (ctx: UseCaseContext) => Promise<unknown>>;

async function queriesFor(ctx: UseCaseContext): Promise<Queries> {
  const commission = await ctx.db.query.commissions.findFirst({ where: (c, { eq }) => eq(c.key, "cvoe") });
  if (!commission) throw new Error("demo commission missing");
  const commissionId = commission.id;
  return {
    "sessions of the commission": (c) => sessionResource.list(c, { commissionId, year: 2021 }),
    "activities in 2021-Q1 (page of 50)": (c) =>
      activityResource.list(c, { commissionId, from: "2021-01-01", to: "2021-03-31", limit: 50 }),
    "agreements in force on 2021-03-31": (c) =>
      agreementResource.list(c, { commissionId, inForceOn: "2021-03-31" }),
    "organisations named «consulado»": (c) => organisationResource.list(c, { name: "consulado" }),
    "search «vinculacion»": (c) => searchRecords(c, { q: "vinculacion" }),
    "search «convenios juventud»": (c) => searchRecords(c, { q: "convenios juventud" }),
    "search «universidad autonoma»": (c) => searchRecords(c, { q: "universidad autonoma" }),
  };
}

type Figures = { importMs: number; importRows: string; latencies: Record<string, Sample> };

async function measure(database: Database, volume: "demo" | "100x"): Promise<Figures> {
  const ctx: UseCaseContext = { actor: { kind: "system", name: "bench" }, db: database.db };
  let importMs: number;
  if (volume === "demo") {
    [importMs] = await time(() => importDataset(ctx, demo));
  } else {
    const started = performance.now();
    for (let i = 1; i < SCALE; i++) await importDataset(ctx, demoCopy(i));
    importMs = performance.now() - started;
  }
  const queries = await queriesFor(ctx);
  const latencies: Record<string, Sample> = {};
  for (const [name, query] of Object.entries(queries)) {
    const iterations = ITERATIONS;
    for (let i = 0; i < 3; i++) await query(ctx);
    const samples: number[] = [];
    for (let i = 0; i < iterations; i++) samples.push((await time(() => query(ctx)))[0]);
    latencies[name] = percentiles(samples);
  }
  const activities = SCALE * (demo.activities?.length ?? 0);
  return {
    importMs,
    importRows:
      volume === "demo"
        ? `${demo.activities?.length} activities`
        : `+${SCALE - 1} commissions, ${activities} act.`,
    latencies,
  };
}

/** Samples a function `iterations` times after one warm-up run. */
async function sample(iterations: number, work: () => Promise<unknown>): Promise<Sample> {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) samples.push((await time(work))[0]);
  return percentiles(samples);
}

type ReportFigures = {
  label: string;
  importMs?: number;
  collect: Sample;
  compose: Sample;
  /** Rendering reads only the document: measured once, on the first engine, and shown for both. */
  render: Record<string, Sample>;
};

/** The report of 2021-Q1 of a commission: collecting the facts, composing, and rendering each format. */
async function measureReport(
  ctx: UseCaseContext,
  key: string,
  iterations: number,
  render: Record<string, Sample> | undefined,
): Promise<Omit<ReportFigures, "label">> {
  const commission = await ctx.db.query.commissions.findFirst({ where: (c, { eq }) => eq(c.key, key) });
  const query = { commissionId: commission?.id, period: "2021-Q1" };
  const collect = await sample(iterations, () => collectReportFacts(ctx, query));
  const facts = await collectReportFacts(ctx, query);
  const compose = await sample(iterations, async () => resolveDocument(composeReport(facts)));
  const document = composeReport(facts);
  resolveDocument(document);
  if (!render) {
    render = {};
    for (const format of REPORT_FORMATS) {
      render[format] = await sample(iterations, () => renderReport(document, format));
    }
  }
  return { collect, compose, render };
}

async function runEngine(
  kind: "pglite" | "postgres",
  url?: string,
  rendered?: Record<"demo" | "large", Record<string, Sample>>,
): Promise<Record<"demo" | "100x", Figures> & { reports: Record<"demo" | "large", ReportFigures> }> {
  const dir = mkdtempSync(join(tmpdir(), "vincula-bench-"));
  const database =
    kind === "pglite"
      ? await openDatabase({ kind, dataDir: dir })
      : await openDatabase({ kind, url: url as string });
  try {
    await database.migrate();
    const demoFigures = await measure(database, "demo");
    const ctx: UseCaseContext = { actor: { kind: "system", name: "bench" }, db: database.db };
    const demoReport = await measureReport(ctx, "cvoe", Math.min(ITERATIONS, 20), rendered?.demo);
    const scaled = await measure(database, "100x");
    // The quarter 100× larger, in a database that already holds the 100× volume.
    const [importMs] = await time(() => importDataset(ctx, largeQuarter(LARGE)));
    const largeReport = await measureReport(ctx, "cvoe-large", LARGE_ITERATIONS, rendered?.large);
    const activities = LARGE * (demo.activities?.length ?? 0);
    const agreements = LARGE * (demo.agreements?.length ?? 0);
    return {
      demo: demoFigures,
      "100x": scaled,
      reports: {
        demo: { label: `demo quarter (${demo.activities?.length} activities)`, ...demoReport },
        large: {
          label: `${LARGE}× quarter (${activities} activities, ${agreements} agreements)`,
          importMs,
          ...largeReport,
        },
      },
    };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresTarget(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const cluster = await startCluster();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query("create database vincula_bench");
  await admin.end();
  const url = new URL(cluster.url);
  url.pathname = "/vincula_bench";
  return { url: url.toString(), stop: async () => cluster.stop() };
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(2)} ms`);
const ratio = (a: number, b: number) => (a > 0 ? `${(b / a).toFixed(2)}×` : "—");

async function main() {
  process.stdout.write(
    `Vincula bench — node ${process.version}, ${ITERATIONS} iterations per query, scale ${SCALE}×\n`,
  );
  const embedded = await runEngine("pglite");
  const server = await postgresTarget();
  let serverFigures: Awaited<ReturnType<typeof runEngine>>;
  try {
    serverFigures = await runEngine("postgres", server.url, {
      demo: embedded.reports.demo.render,
      large: embedded.reports.large.render,
    });
  } finally {
    await server.stop();
  }
  for (const volume of ["demo", "100x"] as const) {
    const a = embedded[volume];
    const b = serverFigures[volume];
    process.stdout.write(
      `\n## ${volume === "demo" ? "Demo data (CVOE 2021-Q1)" : `Synthetic ${SCALE}× volume`}\n`,
    );
    process.stdout.write(
      `${"".padEnd(40)} ${"PGlite".padStart(22)} ${"PostgreSQL".padStart(22)} ${"PG/PGlite".padStart(10)}\n`,
    );
    process.stdout.write(
      `${`import (${a.importRows})`.padEnd(40).slice(0, 40)} ${fmt(a.importMs).padStart(22)} ${fmt(b.importMs).padStart(22)} ${ratio(a.importMs, b.importMs).padStart(10)}\n`,
    );
    for (const name of Object.keys(a.latencies).filter((n) => n in b.latencies)) {
      const x = a.latencies[name] as Sample;
      const y = b.latencies[name] as Sample;
      const cell = (s: Sample) => `${fmt(s.p50)} / ${fmt(s.p95)}`;
      process.stdout.write(
        `${name.padEnd(40).slice(0, 40)} ${cell(x).padStart(22)} ${cell(y).padStart(22)} ${ratio(x.p50, y.p50).padStart(10)}\n`,
      );
    }
  }
  for (const volume of ["demo", "large"] as const) {
    const a = embedded.reports[volume];
    const b = serverFigures.reports[volume];
    process.stdout.write(`\n## Report of 2021-Q1, ${a.label}\n`);
    process.stdout.write(
      `${"".padEnd(28)} ${"PGlite".padStart(12)} ${"÷ collect".padStart(10)} ${"PostgreSQL".padStart(12)} ${"÷ collect".padStart(10)}\n`,
    );
    const row = (name: string, x: Sample, y: Sample) =>
      process.stdout.write(
        `${name.padEnd(28)} ${fmt(x.p50).padStart(12)} ${ratio(a.collect.p50, x.p50).padStart(10)} ${fmt(y.p50).padStart(12)} ${ratio(b.collect.p50, y.p50).padStart(10)}\n`,
      );
    if (a.importMs !== undefined && b.importMs !== undefined) {
      process.stdout.write(
        `${"import".padEnd(28)} ${fmt(a.importMs).padStart(12)} ${"".padStart(10)} ${fmt(b.importMs).padStart(12)}\n`,
      );
    }
    row("collect the facts", a.collect, b.collect);
    row("compose the document", a.compose, b.compose);
    for (const format of REPORT_FORMATS) {
      row(`render ${format}`, a.render[format] as Sample, b.render[format] as Sample);
    }
  }
  process.stdout.write(
    "\nLatencies are p50 / p95 (reports: p50); ratio columns compare p50 (import: total time). Rendering reads only\n" +
      "the document, so it is measured once (on PGlite's) and divided by each engine's collection time.\n",
  );
}

await main();
