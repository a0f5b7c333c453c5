/**
 * Backup and restore through the use cases: the demo data with a stored document, an account and an approved
 * report goes from PGlite to PostgreSQL and back into a backup with the same records and files; a restore refuses
 * a database with records, a damaged file and a backup from a newer Vincula, leaving the database as it was.
 */
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agreementResource } from "../src/domain/agreements/agreements.resources.ts";
import { uploadAttachment } from "../src/domain/attachments/upload-attachment.ts";
import { createBackup } from "../src/domain/backup/create-backup.ts";
import { contentDigest } from "../src/domain/backup/read-backup.ts";
import { restoreBackup } from "../src/domain/backup/restore-backup.ts";
import { importDatasetText } from "../src/domain/dataset/import-dataset.ts";
import {
  approveReport,
  createReportDraft,
  downloadReport,
  presentReport,
} from "../src/domain/reports/report-workflow.ts";
import { adoptResolution } from "../src/domain/resolutions/adopt-resolution.ts";
import { searchRecords } from "../src/domain/search/search-records.ts";
import { addAgendaItem } from "../src/domain/sessions/add-agenda-item.ts";
import { sessionResource } from "../src/domain/sessions/sessions.resources.ts";
import type { UseCaseContext } from "../src/domain/shared/context.ts";
import { accounts, commissions } from "../src/platform/db/schema.ts";
import { LocalFileStore, sha256Hex } from "../src/platform/files.ts";
import { readTar, TarWriter } from "../src/platform/tar.ts";
import { databaseDigest, openBackup, storedFileNames } from "./support/backups.ts";
import { availableEngines, describeEachEngine, openTestDatabase } from "./support/databases.ts";
import { writeDirectly } from "./support/factories.ts";
import { minimalPdf } from "./support/files.ts";
import { DEMO_PATH } from "./support/large-dataset.ts";

const DEMO = readFileSync(DEMO_PATH, "utf8");
const contextOf = (db: UseCaseContext["db"]): UseCaseContext => ({
  actor: { kind: "system", name: "test" },
  db,
});

/** The demo, plus a signed agreement's PDF, an administrator account, and the quarter's report approved. */
async function loadDemoWithFilesAndReport(ctx: UseCaseContext, files: LocalFileStore): Promise<string> {
  await importDatasetText(ctx, DEMO);
  const commissionId = (await ctx.db.query.commissions.findFirst({ where: eq(commissions.key, "cvoe") }))
    ?.id as string;
  const pdf = await uploadAttachment(
    ctx,
    { files, maxUploadBytes: 1_000_000 },
    { bytes: minimalPdf("Convenio firmado"), filename: "convenio-firmado.pdf" },
  );
  const [agreement] = (await agreementResource.list(ctx, { commissionId, limit: 1 })).items;
  await agreementResource.update(ctx, agreement?.id as string, {
    documents: [{ attachmentId: pdf.id, label: "Convenio firmado" }],
  });
  await writeDirectly(ctx, (tx) =>
    tx.insert(accounts).values({
      username: "administracion",
      name: "Administración",
      passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
      isAdministrator: true,
    }),
  );
  const fourth = await sessionResource.create(ctx, {
    commissionId,
    kind: "ordinary",
    number: 4,
    date: "2021-04-23",
    modality: "remote",
    status: "held",
  });
  const item = await addAgendaItem(ctx, fourth.id, {
    kind: "resolution",
    title: "Primer informe trimestral",
  });
  const adopted = await adoptResolution(ctx, {
    sessionId: fourth.id,
    agendaItemId: item.id,
    title: "Aprobación del primer informe trimestral de actividades 2021",
  });
  const draft = await createReportDraft(ctx, { commissionId, period: "2021-Q1" });
  await presentReport(ctx, draft.id, { agendaItemId: item.id });
  await approveReport(ctx, files, draft.id, { resolutionId: adopted.id });
  return draft.id;
}

const target = availableEngines().includes("postgres") ? "postgres" : "pglite";

describe(`backup on PGlite → restore on ${target} → backup again`, () => {
  const dir = mkdtempSync(join(tmpdir(), "vincula-backup-"));
  const sourceFiles = join(dir, "source-files");
  const targetFiles = join(dir, "target-files");
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives the same records, row by row, and the same files", { timeout: 180_000 }, async () => {
    const source = await openTestDatabase("pglite");
    drops.push(source.drop);
    const sourceContext = contextOf(source.database.db);
    const reportId = await loadDemoWithFilesAndReport(sourceContext, new LocalFileStore(sourceFiles));
    const first = join(dir, "first.tar.gz");
    const written = await createBackup(sourceContext, {
      files: new LocalFileStore(sourceFiles),
      output: createWriteStream(first),
      engine: "pglite",
    });

    const restored = await openTestDatabase(target);
    drops.push(restored.drop);
    const targetContext = contextOf(restored.database.db);
    const summary = await restoreBackup(targetContext, {
      files: new LocalFileStore(targetFiles),
      open: () => createReadStream(first),
    });
    expect(summary.contentSha256).toBe(written.contentSha256);
    const second = join(dir, "second.tar.gz");
    await createBackup(targetContext, {
      files: new LocalFileStore(targetFiles),
      output: createWriteStream(second),
      engine: target,
    });

    const a = await openBackup(first);
    const b = await openBackup(second);
    expect([...b.records.keys()].sort()).toEqual([...a.records.keys()].sort());
    for (const [table, rows] of a.records) expect(b.records.get(table), table).toEqual(rows);
    expect(b.files).toEqual(a.files);
    expect(b.manifest.rowCounts).toEqual(a.manifest.rowCounts);
    // What the demo and the additions put there, so the comparison is not of two empty backups.
    expect(a.records.get("public.activities")).toHaveLength(123);
    expect(a.records.get("public.accounts")).toHaveLength(1);
    expect(a.records.get("public.report_files")).toHaveLength(4);
    expect(a.records.get("public.numbering_counters")?.length).toBeGreaterThan(0);
    expect(a.files.size).toBe(5); // the agreement's PDF and the approved report's DOCX, PDF, HTML and Markdown
    expect(storedFileNames(targetFiles)).toEqual(storedFileNames(sourceFiles));
    expect(a.header.migration).toMatch(/^\d{4}_/);

    // The restored database works: generated search columns were recomputed, the frozen report is the same bytes,
    // and numbering continues after the restored resolutions.
    const hits = await searchRecords(targetContext, { q: "vinculacion" });
    expect(hits.length).toBeGreaterThan(0);
    const pdfBefore = await downloadReport(sourceContext, new LocalFileStore(sourceFiles), reportId, "pdf");
    const pdfAfter = await downloadReport(targetContext, new LocalFileStore(targetFiles), reportId, "pdf");
    expect(pdfAfter.isFrozen).toBe(true);
    expect(Buffer.from(pdfAfter.bytes).equals(Buffer.from(pdfBefore.bytes))).toBe(true);
    const commissionId = (
      await targetContext.db.query.commissions.findFirst({ where: eq(commissions.key, "cvoe") })
    )?.id as string;
    const fifth = await sessionResource.create(targetContext, {
      commissionId,
      kind: "ordinary",
      number: 5,
      date: "2021-05-20",
      modality: "remote",
      status: "held",
    });
    const item = await addAgendaItem(targetContext, fifth.id, {
      kind: "resolution",
      title: "Un acuerdo más",
    });
    const next = await adoptResolution(targetContext, {
      sessionId: fifth.id,
      agendaItemId: item.id,
      title: "Otro",
    });
    expect(next.number).toBe("CVOE/012/21");
  });
});

/**
 * Rewrites a backup entry by entry, replacing what `change` returns for an entry (undefined keeps it). With
 * `reseal`, the manifest is made again to match (as a backup really made that way would be); without it, the
 * manifest stays as it was.
 */
async function rewriteBackup(
  from: string,
  to: string,
  change: (name: string, data: Buffer) => Buffer | undefined,
  { reseal }: { reseal: boolean },
) {
  const writer = new TarWriter(createWriteStream(to));
  const entries: { name: string; size: number; sha256: string }[] = [];
  let header: Record<string, unknown> = {};
  for await (const { name, data } of readTar(createReadStream(from))) {
    let bytes = change(name, data) ?? data;
    if (name === "vincula-backup.json") header = JSON.parse(bytes.toString("utf8"));
    if (name === "manifest.json" && reseal) {
      const manifest = { ...JSON.parse(bytes.toString("utf8")), ...header, entries };
      manifest.contentSha256 = contentDigest(entries);
      bytes = Buffer.from(JSON.stringify(manifest));
    } else entries.push({ name, size: bytes.byteLength, sha256: sha256Hex(bytes) });
    await writer.add(name, bytes);
  }
  await writer.close();
}

describeEachEngine("restore refuses and leaves the database as it was", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "vincula-restore-"));
  const files = new LocalFileStore(join(dir, "files"));
  const good = join(dir, "good.tar.gz");
  let before: Record<string, string>;
  beforeAll(async () => {
    await importDatasetText(t.context, DEMO);
    await createBackup(t.context, { files, output: createWriteStream(good), engine: t.engine });
    before = await databaseDigest(t.database.db);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const restore = (path: string, replace = false) =>
    restoreBackup(t.context, { files, open: () => createReadStream(path), replace });

  it("refuses a database that holds records unless asked to replace them", async () => {
    await expect(restore(good)).rejects.toMatchObject({
      code: "database_not_empty",
      publicMessage: expect.stringContaining("use --replace"),
    });
    expect(await databaseDigest(t.database.db)).toEqual(before);
    await restore(good, true);
    // The backup was of this very database: replacing it with it changes no row.
    expect(await databaseDigest(t.database.db)).toEqual(before);
  });

  it("refuses a file with one byte changed, wherever it is", async () => {
    const bytes = readFileSync(good);
    // Past the gzip header (its first 10 bytes hold a date and the OS, which no check covers).
    for (const fraction of [0.01, 0.2, 0.5, 0.8, 0.999]) {
      const damaged = Buffer.from(bytes);
      const at = 10 + Math.floor((damaged.length - 11) * fraction);
      damaged[at] = (damaged[at] as number) ^ 0x20;
      const path = join(dir, `damaged-${fraction}.tar.gz`);
      writeFileSync(path, damaged);
      await expect(restore(path, true), `byte ${at}`).rejects.toMatchObject({ code: "backup_invalid" });
    }
    const truncated = join(dir, "truncated.tar.gz");
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(restore(truncated, true)).rejects.toMatchObject({
      code: "backup_invalid",
      publicMessage: expect.stringContaining("No se restauró nada"),
    });
    const notABackup = join(dir, "demo.yaml");
    writeFileSync(notABackup, DEMO);
    await expect(restore(notABackup, true)).rejects.toMatchObject({ code: "backup_invalid" });
    expect(await databaseDigest(t.database.db)).toEqual(before);
  });

  it("refuses a record changed inside an intact archive (its sha256 no longer matches the manifest)", async () => {
    const edited = join(dir, "edited.tar.gz");
    await rewriteBackup(
      good,
      edited,
      (name, data) =>
        name.startsWith("records/public.resolutions/")
          ? Buffer.from(data.toString("utf8").replace("CVOE/001/21", "CVOE/101/21"))
          : undefined,
      { reseal: false },
    );
    await expect(restore(edited, true)).rejects.toMatchObject({
      code: "backup_invalid",
      publicMessage: expect.stringContaining("records/public.resolutions/000001.jsonl"),
    });
    expect(await databaseDigest(t.database.db)).toEqual(before);
  });

  it("refuses a backup made by a newer Vincula, saying so", async () => {
    const newer = join(dir, "newer.tar.gz");
    await rewriteBackup(
      good,
      newer,
      (name, data) => {
        if (name !== "vincula-backup.json") return undefined;
        return Buffer.from(
          JSON.stringify({ ...JSON.parse(data.toString("utf8")), migration: "0099_future" }),
        );
      },
      { reseal: true },
    );
    await expect(restore(newer, true)).rejects.toMatchObject({
      code: "backup_incompatible",
      publicMessage: expect.stringMatching(/versión más reciente de Vincula.*«0099_future»/),
    });
    expect(await databaseDigest(t.database.db)).toEqual(before);
  });
});
