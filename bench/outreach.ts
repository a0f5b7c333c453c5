/**
 * Outreach (issue 6): the import of 100,000 contacts from CSV — the preview (every row checked, nothing saved)
 * and the commit (the rows, their consents and the audit trail's entries, in one transaction) — on PGlite and on
 * PostgreSQL, in the same run. `BENCH_ONLY=outreach npm run bench` runs only this part. Campaign throughput joins
 * it when the sender exists.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { importDatasetText } from "../src/domain/dataset/import-dataset.ts";
import { importContacts } from "../src/domain/outreach/import-contacts.ts";
import { createOutreachList } from "../src/domain/outreach/lists.ts";
import type { UseCaseContext } from "../src/domain/shared/context.ts";
import { type Database, openDatabase } from "../src/platform/db/open.ts";
import { startCluster } from "../tests/support/postgres-cluster.ts";

export const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const DEMO = readFileSync(new URL("../demo/cvoe-2021-q1.yaml", import.meta.url), "utf8");
const COUNTRIES = ["US", "CA", "ES", "FR", "DE", "AR", "CL", "GB"];

/** A CSV of `count` contacts, each with its consent, as the commission would export them from a form. */
export function contactsCsv(count: number): Uint8Array {
  const lines = [
    "nombre,correo,país,ciudad,idioma,etiquetas,fecha de consentimiento,fuente del consentimiento",
  ];
  for (let i = 0; i < count; i++)
    lines.push(
      `Persona ${i},persona.${i}@ejemplo-${i % 97}.mx,${COUNTRIES[i % COUNTRIES.length]},Ciudad ${i % 50},es,voto 2021,2021-01-${String((i % 28) + 1).padStart(2, "0")},formulario web`,
    );
  return new TextEncoder().encode(`${lines.join("\r\n")}\r\n`);
}

type Figures = { previewMs: number; commitMs: number; imported: number };

async function measure(database: Database, bytes: Uint8Array): Promise<Figures> {
  await database.migrate();
  const ctx: UseCaseContext = { actor: { kind: "system", name: "bench" }, db: database.db };
  await importDatasetText(ctx, DEMO);
  const commission = await database.db.query.commissions.findFirst();
  if (!commission) throw new Error("the demo has no commission");
  const list = await createOutreachList(ctx, {
    commissionId: commission.id,
    key: "voto-chilango",
    name: "Voto Chilango",
    purpose: "Informar sobre el voto desde el extranjero",
    retentionMonths: 36,
    privacyNoticeVersion: "2021-01",
  });
  let start = performance.now();
  const preview = await importContacts(ctx, { listId: list.id, bytes, commit: false, today: "2021-03-31" });
  const previewMs = performance.now() - start;
  start = performance.now();
  const result = await importContacts(ctx, { listId: list.id, bytes, commit: true, today: "2021-03-31" });
  const commitMs = performance.now() - start;
  const imported = result.imported;
  if (imported !== CONTACTS)
    throw new Error(`imported ${imported} of ${CONTACTS}: ${JSON.stringify(preview).slice(0, 300)}`);
  return { previewMs, commitMs, imported };
}

export async function runOutreachBench(write: (line: string) => void): Promise<void> {
  const bytes = contactsCsv(CONTACTS);
  write(
    `\n## Outreach: importing ${CONTACTS.toLocaleString("en")} contacts (CSV, ${(bytes.length / 1e6).toFixed(1)} MB)`,
  );
  const embedded = await openDatabase({ kind: "pglite", dataDir: undefined });
  let a: Figures;
  try {
    a = await measure(embedded, bytes);
  } finally {
    await embedded.close();
  }
  const cluster = process.env.DATABASE_URL ? undefined : await startCluster();
  const adminUrl = process.env.DATABASE_URL ?? (cluster?.url as string);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query("drop database if exists vincula_bench_outreach");
  await admin.query("create database vincula_bench_outreach");
  const url = new URL(adminUrl);
  url.pathname = "/vincula_bench_outreach";
  const server = await openDatabase({ kind: "postgres", url: url.toString() });
  let b: Figures;
  try {
    b = await measure(server, bytes);
  } finally {
    await server.close();
    await admin.query("drop database if exists vincula_bench_outreach");
    await admin.end();
    cluster?.stop();
  }
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const row = (name: string, x: number, y: number) =>
    write(
      `${name.padEnd(34)} ${seconds(x).padStart(10)} ${seconds(y).padStart(12)} ${(y / x).toFixed(2).padStart(10)}×`,
    );
  write(`${"".padEnd(34)} ${"PGlite".padStart(10)} ${"PostgreSQL".padStart(12)} ${"PG/PGlite".padStart(11)}`);
  row("preview (check every row)", a.previewMs, b.previewMs);
  row("commit (rows, consents, audit)", a.commitMs, b.commitMs);
  write(
    `contacts per second on commit: PGlite ${Math.round(a.imported / (a.commitMs / 1000)).toLocaleString("en")}, PostgreSQL ${Math.round(b.imported / (b.commitMs / 1000)).toLocaleString("en")}`,
  );
}
