/**
 * `npm run bench`: import time and list/search latencies on PGlite and on PostgreSQL, for the demo data and for
 * a synthetic 100× volume (100 commissions of demo size sharing the catalogues), printed side by side with their
 * ratio; then the report of 2021-Q1 for the demo quarter and for a synthetic quarter 100× larger (imported into a
 * fresh database of each engine): collecting the facts, composing the document and rendering each format, each
 * divided by the collection time, on both engines. PostgreSQL is `DATABASE_URL` when set (its database is used as
 * is; the large quarter gets a database of its own when the role may create one), otherwise a throwaway cluster.
 * Last, through HTTP (bench/http.ts): argon2id's cost, sign-ins per second and requests per second on an
 * authenticated list, per engine. `BENCH_ONLY=http` runs only that part. Last of all (bench/web.ts,
 * `BENCH_ONLY=web` alone): the web interface's initial JavaScript, gzip'd, and sign-in → Inicio in Chromium;
 * before it (bench/outreach.ts, `BENCH_ONLY=outreach` alone) the import of 100,000 contacts per engine.
 * Figures only: nothing asserts a timing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { type ReportDocument, resolveDocument } from "../src/documents/report-document.ts";
import { activityResource } from "../src/domain/activities/activities.resources.ts";
import { agreementResource } from "../src/domain/agreements/agreements.resources.ts";
import { organisationResource } from "../src/domain/catalogs/catalogs.resources.ts";
import type { DatasetInput } from "../src/domain/dataset/dataset.schema.ts";
import { importDataset } from "../src/domain/dataset/import-dataset.ts";
import { collectReportFacts } from "../src/domain/reports/collect-report-facts.ts";
import { composeReport } from "../src/domain/reports/compose-report.ts";
import { REPORT_FORMATS, type ReportFormat, renderReport } from "../src/domain/reports/generate-report.ts";
import { loadReportTemplate } from "../src/domain/reports/report-templates.ts";
import { searchRecords } from "../src/domain/search/search-records.ts";
import { sessionResource } from "../src/domain/sessions/sessions.resources.ts";
import type { UseCaseContext } from "../src/domain/shared/context.ts";
import { type Database, openDatabase } from "../src/platform/db/open.ts";
import { demo, demoCopy } from "../tests/support/large-dataset.ts";
import { startCluster } from "../tests/support/postgres-cluster.ts";
import { type HttpFigures, measureHashing, measureHttp, printHttp } from "./http.ts";
import { runOutreachBench } from "./outreach.ts";
import { runWebBench } from "./web.ts";

const SCALE = Number(process.env.BENCH_SCALE ?? 100);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 100);
/** How many times larger the synthetic quarter is, and how many samples its report gets. */
const LARGE = Number(process.env.BENCH_LARGE ?? 100);
const LARGE_ITERATIONS = Number(process.env.BENCH_LARGE_ITERATIONS ?? 3);
/** The large quarter's PDF takes about a minute per render: one sample, no warm-up, unless asked. */
const LARGE_PDF_ITERATIONS = Number(process.env.BENCH_LARGE_PDF_ITERATIONS ?? 1);
const QUARTER_START = Date.UTC(2021, 0, 1);
const QUARTER_DAYS = 90;
const DAY_MS = 86_400_000;

/** A date of 2021-Q1 moved `offset` days later, wrapping round within the quarter; other dates unchanged. */
function shiftInQuarter(date: string, offset: number): string {
  const day = (Date.parse(`${date}T00:00:00Z`) - QUARTER_START) / DAY_MS;
  if (!(day >= 0 && day < QUARTER_DAYS)) return date;
  return new Date(QUARTER_START + ((day + offset) % QUARTER_DAYS) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The demo quarter 100× larger, as one commission: every activity, agreement and progress report a hundred times
 * (copies keyed «…-x2» …), the same sessions, programme, template and catalogues. Copy i of an activity keeps its
 * programmed action and kind (so each part of section III grows 100×, and an action's template still fits its
 * activities) and has its dates moved 37·(i − 1) days on, wrapping round within the quarter, so the copies fall on
 * every day of it; the four activities spanning the whole quarter keep their span. Agreements and progress reports
 * keep their dates and sessions; pertinence opinions, being numbered, are not copied.
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
  quarter.activities = times(demo.activities, (a, i) => ({
    ...a,
    key: copyKey(a.key, i),
    dates: [...new Set((a.dates ?? []).map((date) => shiftInQuarter(String(date), 37 * (i - 1))))].sort(),
  }));
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

/** Samples a function `iterations` times, after one warm-up run unless `warmUp` is false. */
async function sample(iterations: number, work: () => Promise<unknown>, warmUp = true): Promise<Sample> {
  if (warmUp) await work();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) samples.push((await time(work))[0]);
  return percentiles(samples);
}

let renders = 0;
/**
 * The document under a title never rendered before. Typst memoises compilations within the process: rendering
 * the same input again takes a fraction of the first time (the 100× quarter's PDF: about 2 s instead of a minute),
 * which is not what generating a report costs. So every render, warm-up included, gets a new input.
 */
function fresh(document: ReportDocument): ReportDocument {
  renders += 1;
  return { ...document, meta: { ...document.meta, title: `${document.meta.title} (${renders})` } };
}

type ReportFigures = {
  importMs?: number;
  collect: Sample;
  compose: Sample;
  render: Record<ReportFormat, Sample>;
  /** Size of what was generated: table rows and list items of the document, and bytes of each format. */
  rows: number;
  items: number;
  bytes: Record<ReportFormat, number>;
  /** The resolved document as JSON, to check that both engines compose the same report. */
  json: string;
};

const tableRows = (document: ReportDocument) =>
  document.blocks.reduce((sum, block) => sum + (block.kind === "table" ? block.rows.length : 0), 0);
const listItems = (document: ReportDocument) =>
  document.blocks.reduce((sum, block) => sum + (block.kind === "list" ? block.items.length : 0), 0);

/**
 * The report of 2021-Q1 of a commission: collecting the facts, composing the document with the commission's
 * template, and rendering each format.
 */
async function measureReport(
  ctx: UseCaseContext,
  key: string,
  iterations: number,
  pdf: { iterations: number; warmUp: boolean } = { iterations, warmUp: true },
): Promise<ReportFigures> {
  const commission = await ctx.db.query.commissions.findFirst({ where: (c, { eq }) => eq(c.key, key) });
  if (!commission) throw new Error(`commission ${key} missing`);
  const query = { commissionId: commission.id, period: "2021-Q1" };
  const template = await loadReportTemplate(ctx.db, commission.id);
  const collect = await sample(iterations, () => collectReportFacts(ctx, query));
  const facts = await collectReportFacts(ctx, query);
  const compose = await sample(iterations, async () => resolveDocument(composeReport(facts, { template })));
  const document = composeReport(facts, { template });
  resolveDocument(document);
  const render = {} as Record<ReportFormat, Sample>;
  const bytes = {} as Record<ReportFormat, number>;
  for (const format of REPORT_FORMATS) {
    render[format] =
      format === "pdf"
        ? await sample(pdf.iterations, () => renderReport(fresh(document), format), pdf.warmUp)
        : await sample(iterations, () => renderReport(fresh(document), format));
    bytes[format] = (await renderReport(document, format)).byteLength;
  }
  return {
    collect,
    compose,
    render,
    rows: tableRows(document),
    items: listItems(document),
    bytes,
    json: JSON.stringify(document),
  };
}

type EngineFigures = Record<"demo" | "100x", Figures> & { reports: Record<"demo" | "large", ReportFigures> };

async function openEngine(kind: "pglite" | "postgres", url?: string) {
  const dir = mkdtempSync(join(tmpdir(), "vincula-bench-"));
  const database =
    kind === "pglite"
      ? await openDatabase({ kind, dataDir: dir })
      : await openDatabase({ kind, url: url as string });
  await database.migrate();
  return {
    database,
    ctx: { actor: { kind: "system", name: "bench" }, db: database.db } as UseCaseContext,
    close: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function runEngine(
  kind: "pglite" | "postgres",
  urls?: { main: string; large: string },
): Promise<EngineFigures> {
  let demoFigures: Figures;
  let scaled: Figures;
  let demoReport: ReportFigures;
  const main = await openEngine(kind, urls?.main);
  try {
    demoFigures = await measure(main.database, "demo");
    demoReport = await measureReport(main.ctx, "cvoe", Math.min(ITERATIONS, 20));
    scaled = await measure(main.database, "100x");
  } finally {
    await main.close();
  }
  // The quarter 100× larger, alone in a fresh database.
  const large = await openEngine(kind, urls?.large);
  try {
    const [importMs] = await time(() => importDataset(large.ctx, largeQuarter(LARGE)));
    // The compiler and the renderers' code are warm from the demo quarter.
    const largeReport = await measureReport(large.ctx, "cvoe-large", LARGE_ITERATIONS, {
      iterations: LARGE_PDF_ITERATIONS,
      warmUp: false,
    });
    return {
      demo: demoFigures,
      "100x": scaled,
      reports: { demo: demoReport, large: { importMs, ...largeReport } },
    };
  } finally {
    await large.close();
  }
}

/** The demo quarter alone in a fresh database, measured through HTTP. */
async function runHttp(kind: "pglite" | "postgres", url?: string): Promise<HttpFigures> {
  const engine = await openEngine(kind, url);
  try {
    await importDataset(engine.ctx, demo);
    return await measureHttp(engine.database);
  } finally {
    await engine.close();
  }
}

/** The PostgreSQL databases: the main one, and fresh ones for the large quarter and for HTTP. */
async function postgresTarget(): Promise<{
  main: string;
  large: string;
  http: string;
  note?: string;
  stop(): Promise<void>;
}> {
  const databaseUrl = process.env.DATABASE_URL;
  const cluster = databaseUrl ? undefined : await startCluster();
  const adminUrl = databaseUrl ?? (cluster?.url as string);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const created: string[] = [];
  const create = async (name: string): Promise<string | undefined> => {
    try {
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`create database ${name}`);
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    } catch {
      return undefined;
    }
  };
  const main = databaseUrl ?? ((await create("vincula_bench")) as string);
  const large = await create("vincula_bench_large");
  const http = await create("vincula_bench_http");
  return {
    main,
    large: large ?? main,
    http: http ?? main,
    note: large
      ? undefined
      : "the role cannot create databases: the large quarter shares DATABASE_URL's database",
    stop: async () => {
      if (databaseUrl) for (const name of created) await admin.query(`drop database if exists ${name}`);
      await admin.end();
      await cluster?.stop();
    },
  };
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(2)} ms`);
const ratio = (a: number, b: number) => (a > 0 ? `${(b / a).toFixed(2)}×` : "—");
const growth = (factor: number) => `×${factor.toFixed(factor < 10 ? 1 : 0)}`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const write = (line: string) => process.stdout.write(`${line}\n`);

/** Where two documents' JSON first differ, with a little of each. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  return `from character ${i}: PGlite «${a.slice(Math.max(0, i - 60), i + 60)}» PostgreSQL «${b.slice(Math.max(0, i - 60), i + 60)}»`;
}

function printReports(embedded: EngineFigures, server: EngineFigures) {
  const labels = {
    demo: `demo quarter (${demo.activities?.length} activities)`,
    large: `${LARGE}× quarter (${LARGE * (demo.activities?.length ?? 0)} activities, ${LARGE * (demo.agreements?.length ?? 0)} agreements, ${LARGE * (demo.agreementProgress?.length ?? 0)} progress reports), fresh database`,
  };
  for (const volume of ["demo", "large"] as const) {
    const a = embedded.reports[volume];
    const b = server.reports[volume];
    const samples =
      volume === "demo"
        ? `${Math.min(ITERATIONS, 20)}`
        : `${LARGE_ITERATIONS} (pdf: ${LARGE_PDF_ITERATIONS}, not warmed up)`;
    write(`\n## Report of 2021-Q1, ${labels[volume]}: p50 of ${samples}`);
    write(
      `${"".padEnd(24)} ${"PGlite".padStart(11)} ${"÷ collect".padStart(10)} ${"PostgreSQL".padStart(11)} ${"÷ collect".padStart(10)}   output`,
    );
    const row = (name: string, x: number, y: number, output = "") =>
      write(
        `${name.padEnd(24)} ${fmt(x).padStart(11)} ${ratio(a.collect.p50, x).padStart(10)} ${fmt(y).padStart(11)} ${ratio(b.collect.p50, y).padStart(10)}   ${output}`,
      );
    if (a.importMs !== undefined && b.importMs !== undefined) {
      write(
        `${"import".padEnd(24)} ${fmt(a.importMs).padStart(11)} ${"".padStart(10)} ${fmt(b.importMs).padStart(11)}`,
      );
    }
    row("collect the facts", a.collect.p50, b.collect.p50);
    row("compose the document", a.compose.p50, b.compose.p50, `${a.rows} table rows, ${a.items} list items`);
    for (const format of REPORT_FORMATS) {
      row(`render ${format}`, a.render[format].p50, b.render[format].p50, kib(a.bytes[format]));
    }
    write(
      `same document from both engines: ${a.json === b.json ? "yes" : `NO, ${firstDifference(a.json, b.json)}`}`,
    );
  }
  // How each step grows from the demo quarter to the large one, against how the document grows.
  const d = embedded.reports.demo;
  const l = embedded.reports.large;
  const e = server.reports.demo;
  const m = server.reports.large;
  write(`\n## Growth from the demo quarter to the ${LARGE}× quarter (large p50 ÷ demo p50)`);
  write(
    `table rows ${growth(l.rows / d.rows)} (${d.rows} → ${l.rows}), list items ${growth(l.items / d.items)} (${d.items} → ${l.items})`,
  );
  write(`${"".padEnd(24)} ${"PGlite".padStart(9)} ${"PostgreSQL".padStart(11)}   output`);
  const grow = (name: string, x: (f: ReportFigures) => number, out = "") =>
    write(
      `${name.padEnd(24)} ${growth(x(l) / x(d)).padStart(9)} ${growth(x(m) / x(e)).padStart(11)}   ${out}`,
    );
  grow("collect the facts", (f) => f.collect.p50);
  grow("compose the document", (f) => f.compose.p50);
  for (const format of REPORT_FORMATS) {
    grow(`render ${format}`, (f) => f.render[format].p50, growth(l.bytes[format] / d.bytes[format]));
  }
}

async function main() {
  if (process.env.BENCH_ONLY === "web") {
    write(`Vincula bench, web interface only — node ${process.version}`);
    await runWebBench(write);
    return;
  }
  if (process.env.BENCH_ONLY === "outreach") {
    write(`Vincula bench, outreach only — node ${process.version}`);
    await runOutreachBench(write);
    return;
  }
  if (process.env.BENCH_ONLY === "http") {
    write(`Vincula bench, HTTP only — node ${process.version}`);
    const hashing = await measureHashing();
    const embedded = await runHttp("pglite");
    const server = await postgresTarget();
    try {
      printHttp(write, hashing, embedded, await runHttp("postgres", server.http));
    } finally {
      await server.stop();
    }
    return;
  }
  write(
    `Vincula bench — node ${process.version}, ${ITERATIONS} iterations per query, scale ${SCALE}×, large quarter ${LARGE}× (${LARGE_ITERATIONS} samples, pdf ${LARGE_PDF_ITERATIONS})`,
  );
  const embedded = await runEngine("pglite");
  const embeddedHttp = await runHttp("pglite");
  const server = await postgresTarget();
  let serverFigures: EngineFigures;
  let serverHttp: HttpFigures;
  try {
    serverFigures = await runEngine("postgres", server);
    serverHttp = await runHttp("postgres", server.http);
  } finally {
    await server.stop();
  }
  for (const volume of ["demo", "100x"] as const) {
    const a = embedded[volume];
    const b = serverFigures[volume];
    write(`\n## ${volume === "demo" ? "Demo data (CVOE 2021-Q1)" : `Synthetic ${SCALE}× volume`}`);
    write(
      `${"".padEnd(40)} ${"PGlite".padStart(22)} ${"PostgreSQL".padStart(22)} ${"PG/PGlite".padStart(10)}`,
    );
    write(
      `${`import (${a.importRows})`.padEnd(40).slice(0, 40)} ${fmt(a.importMs).padStart(22)} ${fmt(b.importMs).padStart(22)} ${ratio(a.importMs, b.importMs).padStart(10)}`,
    );
    for (const name of Object.keys(a.latencies).filter((n) => n in b.latencies)) {
      const x = a.latencies[name] as Sample;
      const y = b.latencies[name] as Sample;
      const cell = (s: Sample) => `${fmt(s.p50)} / ${fmt(s.p95)}`;
      write(
        `${name.padEnd(40).slice(0, 40)} ${cell(x).padStart(22)} ${cell(y).padStart(22)} ${ratio(x.p50, y.p50).padStart(10)}`,
      );
    }
  }
  printReports(embedded, serverFigures);
  write(
    "\nLatencies are p50 / p95; ratio columns compare p50 (import: total time). Report steps are p50; «÷ collect»\n" +
      "divides each by the same engine's time to collect the facts. Rendering reads only the document, so its\n" +
      "engine column differs only by the state of the process (PGlite runs inside it). Every render is of a\n" +
      "document not rendered before (Typst would reuse an earlier compilation). bench/render-scaling.ts shows how\n" +
      "each renderer grows with the document alone.",
  );
  if (server.note) write(`Note: ${server.note}.`);
  printHttp(write, await measureHashing(), embeddedHttp, serverHttp);
  await runOutreachBench(write);
  await runWebBench(write);
}

await main();
