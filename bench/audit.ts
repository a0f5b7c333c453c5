/**
 * `npx tsx bench/audit.ts`: what the audit trail costs. Imports into a fresh database of each engine, with the
 * audit triggers and with them dropped (everything else equal), of the demo, of the 100× volume `npm run bench`
 * uses (the demo commission and 99 copies sharing the catalogues: 100 imports) and of the 100× quarter (one
 * commission with its activities, agreements and progress reports 100 times: one import, one transaction); then
 * how many entries the trail holds and how long `verifyAuditTrail` takes over them. PostgreSQL is a throwaway
 * cluster, or new databases on `DATABASE_URL`'s server. Figures only: nothing here asserts a timing.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import pg from "pg";
import { verifyAuditTrail } from "../src/domain/audit/verify-audit-trail.ts";
import { importDataset, importDatasetText } from "../src/domain/dataset/import-dataset.ts";
import type { UseCaseContext } from "../src/domain/shared/context.ts";
import { type Database, openDatabase, queryRows } from "../src/platform/db/open.ts";
import { withDatabase } from "../tests/support/global-setup.ts";
import { DEMO_PATH, demoCopy, largeCommission } from "../tests/support/large-dataset.ts";
import { type Cluster, startCluster } from "../tests/support/postgres-cluster.ts";

const SCALE = Number(process.env.BENCH_SCALE ?? 100);
const ENGINES = (process.env.BENCH_ENGINES ?? "pglite,postgres").split(",") as Database["kind"][];
const dir = mkdtempSync(join(tmpdir(), "vincula-bench-audit-"));
const demoText = readFileSync(DEMO_PATH, "utf8");
const context = (database: Database): UseCaseContext => ({
  actor: { kind: "system", name: "bench" },
  db: database.db,
});
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

let cluster: Cluster | undefined;
let serverUrl = process.env.DATABASE_URL;
let serial = 0;

async function fresh(engine: Database["kind"]): Promise<Database> {
  serial++;
  if (engine === "pglite") {
    const database = await openDatabase({ kind: "pglite", dataDir: join(dir, `pglite-${serial}`) });
    await database.migrate();
    return database;
  }
  if (!serverUrl) {
    cluster = await startCluster();
    serverUrl = cluster.url;
  }
  const name = `vincula_bench_audit_${process.pid}_${serial}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const database = await openDatabase({ kind: "postgres", url: withDatabase(serverUrl, name) });
  await database.migrate();
  return database;
}

/** The database as it was before the audit trail: the capture trigger dropped from every table. */
async function dropAuditTriggers(database: Database): Promise<void> {
  const tables = await queryRows<{ name: string }>(
    database.db,
    sql`select c.relname as name from pg_trigger g join pg_class c on c.oid = g.tgrelid
         where g.tgname = 'vincula_audit'`,
  );
  for (const { name } of tables)
    await database.db.execute(sql.raw(`drop trigger vincula_audit on "${name}"`));
}

const DATASETS: { label: string; fill: (ctx: UseCaseContext) => Promise<unknown> }[] = [
  { label: "demo", fill: (ctx) => importDatasetText(ctx, demoText) },
  {
    label: `${SCALE}× volume (${SCALE} imports)`,
    fill: async (ctx) => {
      await importDatasetText(ctx, demoText);
      for (let i = 1; i < SCALE; i++) await importDataset(ctx, demoCopy(i));
    },
  },
  { label: `${SCALE}× quarter (1 import)`, fill: (ctx) => importDataset(ctx, largeCommission(1, SCALE)) },
];

try {
  const rows: string[][] = [];
  for (const engine of ENGINES) {
    for (const dataset of DATASETS) {
      const without = await fresh(engine);
      await dropAuditTriggers(without);
      const withoutMs = await time(() => dataset.fill(context(without)));
      await without.close();

      const audited = await fresh(engine);
      const withMs = await time(() => dataset.fill(context(audited)));
      let entries = 0;
      const verifyMs = await time(async () => {
        const result = await verifyAuditTrail(context(audited));
        if (!result.ok) throw new Error(`verification failed: ${JSON.stringify(result.problem)}`);
        entries = result.entries;
      });
      const [size] = await queryRows<{ size: string }>(
        audited.db,
        sql`select pg_size_pretty(pg_total_relation_size('audit_log')) as size`,
      );
      await audited.close();
      const row = [
        engine,
        dataset.label,
        seconds(withoutMs),
        seconds(withMs),
        `${((withMs / withoutMs - 1) * 100).toFixed(0)} %`,
        String(entries),
        size?.size ?? "?",
        seconds(verifyMs),
      ];
      rows.push(row);
      console.log(row.join(" | "));
    }
  }
  console.log(
    "\n| engine | data | import without trail | import with trail | cost | entries | audit_log size | verify |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
} finally {
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
