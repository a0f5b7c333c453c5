/**
 * Outreach (issue 6): the import of 100,000 contacts from CSV — the preview (every row checked, nothing saved)
 * and the commit (the rows, their consents and the audit trail's entries, in one transaction) — on PGlite and on
 * PostgreSQL, in the same run; then a campaign's throughput into a local SMTP server (the durable sender with one
 * and with eight connections). `BENCH_ONLY=outreach npm run bench` runs only this part.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import pg from "pg";
import { importDatasetText } from "../src/domain/dataset/import-dataset.ts";
import { runCampaignSender } from "../src/domain/outreach/campaign-sender.ts";
import { startCampaign } from "../src/domain/outreach/campaigns.ts";
import { insertContacts } from "../src/domain/outreach/contacts.repository.ts";
import { importContacts } from "../src/domain/outreach/import-contacts.ts";
import { createOutreachList } from "../src/domain/outreach/lists.ts";
import type { UseCaseContext } from "../src/domain/shared/context.ts";
import { type Database, openDatabase } from "../src/platform/db/open.ts";
import { campaigns } from "../src/platform/db/schema.ts";
import { createMailTransport } from "../src/platform/mail.ts";
import { startCluster } from "../tests/support/postgres-cluster.ts";
import { startSmtpServer } from "../tests/support/smtp-server.ts";

export const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
/** Messages of the campaign-throughput figure. */
export const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 3_000);
const SENDER_CONNECTIONS = [1, 8];
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
    // Not the demo's own «voto-chilango» list (a dataset list, decision 026): keys are unique per commission.
    key: "bench-voto-chilango",
    name: "Voto Chilango (medición)",
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

/**
 * Campaign throughput into a local SMTP server (in this process): a list of MESSAGES contacts, a campaign started,
 * and the durable sender run to the end with `connections` messages in flight; messages per second.
 */
async function measureSending(database: Database, connections: number): Promise<number> {
  const ctx: UseCaseContext = { actor: { kind: "system", name: "bench" }, db: database.db };
  const commission = await database.db.query.commissions.findFirst();
  if (!commission) throw new Error("the demo has no commission");
  const list = await createOutreachList(ctx, {
    commissionId: commission.id,
    key: `envio-${connections}`,
    name: "Envío de prueba",
    purpose: "Medir el envío",
    retentionMonths: 36,
    privacyNoticeVersion: "2021-01",
  });
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`select vincula_audit_begin('bench')`);
    await insertContacts(
      tx as unknown as Database["db"],
      list.id,
      Array.from({ length: MESSAGES }, (_, n) => ({
        name: `Persona ${n}`,
        email: `envio${connections}.${n}@example.com`,
        normalizedEmail: `envio${connections}.${n}@example.com`,
        country: "US",
        city: null,
        language: "es",
        tags: [],
        consent: {
          givenOn: "2021-01-10",
          source: "bench",
          privacyNoticeVersion: "2021-01",
          purposes: ["bench"],
        },
      })),
    );
  });
  const [campaign] = await database.db.transaction(async (tx) => {
    await tx.execute(sql`select vincula_audit_begin('bench')`);
    return tx
      .insert(campaigns)
      .values({
        listId: list.id,
        subject: "Hola {nombre}",
        bodyMarkdown: "Hola {nombre}.",
        ratePerMinute: 100_000,
      })
      .returning();
  });
  await startCampaign(ctx, campaign?.id as string);
  const smtp = await startSmtpServer();
  const from = "Comisión <avisos@example.mx>";
  const transport = createMailTransport(
    { smtpUrl: smtp.url, from, rejectUnauthorized: true, requireTls: false, ratePerMinute: 100_000 },
    { pool: true, maxConnections: connections },
  );
  try {
    const start = performance.now();
    const result = await runCampaignSender(
      database.db,
      campaign?.id as string,
      transport,
      {
        from,
        publicUrl: "https://vincula.example.mx",
        privacyNoticeUrl: "https://example.mx/privacidad",
        maxRatePerMinute: 100_000,
      },
      { concurrency: connections, batchSize: Math.max(20, connections * 5) },
    );
    const seconds = (performance.now() - start) / 1000;
    if (result.sent !== MESSAGES || smtp.messages.length !== MESSAGES)
      throw new Error(`sent ${result.sent}, received ${smtp.messages.length} of ${MESSAGES}`);
    return MESSAGES / seconds;
  } finally {
    transport.close();
    await smtp.close();
  }
}

export async function runOutreachBench(write: (line: string) => void): Promise<void> {
  const bytes = contactsCsv(CONTACTS);
  write(
    `\n## Outreach: importing ${CONTACTS.toLocaleString("en")} contacts (CSV, ${(bytes.length / 1e6).toFixed(1)} MB)`,
  );
  const embedded = await openDatabase({ kind: "pglite", dataDir: undefined });
  let a: Figures;
  const rates: { pglite: number[]; postgres: number[] } = { pglite: [], postgres: [] };
  try {
    a = await measure(embedded, bytes);
    for (const connections of SENDER_CONNECTIONS)
      rates.pglite.push(await measureSending(embedded, connections));
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
    for (const connections of SENDER_CONNECTIONS)
      rates.postgres.push(await measureSending(server, connections));
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
  write(
    `\n## Outreach: campaign of ${MESSAGES.toLocaleString("en")} messages into a local SMTP server (messages per second)`,
  );
  write(`${"".padEnd(34)} ${"PGlite".padStart(10)} ${"PostgreSQL".padStart(12)}`);
  for (const [i, connections] of SENDER_CONNECTIONS.entries())
    write(
      `${`${connections} connection${connections === 1 ? "" : "s"}`.padEnd(34)} ${(rates.pglite[i] ?? 0).toFixed(0).padStart(10)} ${(rates.postgres[i] ?? 0).toFixed(0).padStart(12)}`,
    );
}
