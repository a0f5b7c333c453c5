/**
 * `npx tsx bench/backup.ts`: how long a backup and a restore take, and how large the file is, for the demo data
 * and for a synthetic 100× volume (the demo commission and 99 copies sharing the catalogues, as `npm run bench`
 * builds it). Backups are made on PGlite (a data directory, as `vincula` uses it) and restored into a fresh PGlite
 * and into PostgreSQL (a throwaway cluster, or a new database on `DATABASE_URL`'s server). Figures only: nothing
 * here asserts a timing.
 */
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { createBackup } from "../src/domain/backup/create-backup.ts";
import { restoreBackup } from "../src/domain/backup/restore-backup.ts";
import { importDataset, importDatasetText } from "../src/domain/dataset/import-dataset.ts";
import type { UseCaseContext } from "../src/domain/shared/context.ts";
import { type Database, openDatabase } from "../src/platform/db/open.ts";
import { LocalFileStore } from "../src/platform/files.ts";
import { withDatabase } from "../tests/support/global-setup.ts";
import { DEMO_PATH, demoCopy } from "../tests/support/large-dataset.ts";
import { type Cluster, startCluster } from "../tests/support/postgres-cluster.ts";

const SCALE = Number(process.env.BENCH_SCALE ?? 100);
const dir = mkdtempSync(join(tmpdir(), "vincula-bench-backup-"));
const context = (database: Database): UseCaseContext => ({
  actor: { kind: "system", name: "bench" },
  db: database.db,
});
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function time<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

let cluster: Cluster | undefined;
let serverUrl = process.env.DATABASE_URL;
async function freshPostgres(name: string): Promise<Database> {
  if (!serverUrl) {
    cluster = await startCluster();
    serverUrl = cluster.url;
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const database = await openDatabase({ kind: "postgres", url: withDatabase(serverUrl, name) });
  await database.migrate();
  return database;
}

async function measure(label: string, fill: (ctx: UseCaseContext) => Promise<void>) {
  const source = await openDatabase({ kind: "pglite", dataDir: join(dir, `${label}-source`) });
  await source.migrate();
  const [importMs] = await time(() => fill(context(source)));
  const files = new LocalFileStore(join(dir, `${label}-files`));
  const file = join(dir, `${label}.tar.gz`);
  const [backupMs, summary] = await time(() =>
    createBackup(context(source), { files, output: createWriteStream(file), engine: "pglite" }),
  );
  await source.close();
  const rows = summary.tables.reduce((sum, table) => sum + table.rows, 0);

  const restoreInto = async (target: Database) => {
    const [ms] = await time(() =>
      restoreBackup(context(target), {
        files: new LocalFileStore(join(dir, `${label}-restored-files-${target.kind}`)),
        open: () => createReadStream(file),
      }),
    );
    await target.close();
    return ms;
  };
  const embedded = await openDatabase({ kind: "pglite", dataDir: join(dir, `${label}-target`) });
  await embedded.migrate();
  const pgliteMs = await restoreInto(embedded);
  const postgresMs = await restoreInto(await freshPostgres(`vincula_bench_backup_${label}`));
  console.log(
    `${label.padEnd(6)} ${String(rows).padStart(8)} rows  import ${seconds(importMs).padStart(8)}  ` +
      `backup ${seconds(backupMs).padStart(8)}  ${(statSync(file).size / 1024).toFixed(0).padStart(7)} KiB  ` +
      `restore → PGlite ${seconds(pgliteMs).padStart(8)}  → PostgreSQL ${seconds(postgresMs).padStart(8)}`,
  );
}

try {
  console.log(
    `Backup and restore (PGlite data directory → PGlite / PostgreSQL), ${SCALE}× = demo + ${SCALE - 1} copies`,
  );
  await measure("demo", async (ctx) => {
    await importDatasetText(ctx, readFileSync(DEMO_PATH, "utf8"));
  });
  await measure(`${SCALE}x`, async (ctx) => {
    await importDatasetText(ctx, readFileSync(DEMO_PATH, "utf8"));
    for (let i = 1; i < SCALE; i++) await importDataset(ctx, demoCopy(i));
  });
} finally {
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
