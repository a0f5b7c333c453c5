/**
 * Writes every record and every stored file into one backup (see backup.schema.ts for the layout). The records
 * are read in one repeatable-read, read-only transaction, so the backup is one consistent moment even while the
 * API keeps writing. It holds accounts and their password hashes: only who manages accounts may make one.
 */
import type { Writable } from "node:stream";
import type { Db } from "../../platform/db/open.ts";
import { attachments } from "../../platform/db/schema.ts";
import { type FileStore, sha256Hex } from "../../platform/files.ts";
import { TarWriter } from "../../platform/tar.ts";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { AppError } from "../shared/errors.ts";
import { readRows, readTableShapes, useUtc } from "./backup.repository.ts";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupEntry,
  type BackupHeader,
  type BackupManifest,
  type BackupSummary,
  fileEntryName,
  HEADER_ENTRY,
  MANIFEST_ENTRY,
  recordsEntryName,
} from "./backup.schema.ts";
import { contentDigest } from "./read-backup.ts";
import { planRestore, type TableShape } from "./restore-plan.ts";
import { databaseMigration } from "./schema-version.ts";

/** Rows per `records/…` entry: bounds the memory one entry takes on both sides. */
const ROWS_PER_ENTRY = 5000;

/** Called after each table and after the files: «[3/42] public.sessions». */
export type BackupProgress = (step: string, done: number, total: number) => void;

export type CreateBackupInput = {
  files: FileStore;
  /** Where the gzip'd tar goes; it is ended when the backup is complete. */
  output: Writable;
  engine: BackupHeader["engine"];
  onProgress?: BackupProgress;
};

export async function createBackup(ctx: UseCaseContext, input: CreateBackupInput): Promise<BackupSummary> {
  authorize(ctx.actor, "accounts.manage");
  return ctx.db.transaction(
    async (transaction) => {
      const tx = transaction as unknown as Db;
      await useUtc(tx);
      const shapes = await readTableShapes(tx);
      const plan = planRestore(shapes);
      const byName = new Map(shapes.map((shape) => [shape.name, shape]));
      const createdAt = new Date();
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_FORMAT_VERSION,
        migration: await databaseMigration(tx),
        createdAt: createdAt.toISOString(),
        engine: input.engine,
        tables: plan.order.map((name) => ({ name, columns: byName.get(name)?.columns ?? [] })),
      };
      const writer = new TarWriter(input.output, createdAt);
      const entries: BackupEntry[] = [];
      const add = async (name: string, data: Buffer) => {
        await writer.add(name, data);
        entries.push({ name, size: data.byteLength, sha256: sha256Hex(data) });
      };
      await add(HEADER_ENTRY, Buffer.from(`${JSON.stringify(header, null, 2)}\n`));

      const total = header.tables.length + 1;
      const rowCounts: Record<string, number> = {};
      for (const [index, table] of header.tables.entries()) {
        let rows = 0;
        let part = 0;
        for await (const lines of readRows(tx, byName.get(table.name) as TableShape, ROWS_PER_ENTRY)) {
          part += 1;
          rows += lines.length;
          await add(recordsEntryName(table.name, part), Buffer.from(`${lines.join("\n")}\n`));
        }
        rowCounts[table.name] = rows;
        input.onProgress?.(`${table.name}: ${rows} ${rows === 1 ? "fila" : "filas"}`, index + 1, total);
      }

      const stored = await storedFiles(tx);
      const files: BackupManifest["files"] = [];
      for (const sha256 of stored) {
        const bytes = await readStoredFile(input.files, sha256);
        await add(fileEntryName(sha256), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        files.push({ sha256, size: bytes.byteLength });
      }
      input.onProgress?.(`archivos: ${files.length}`, total, total);

      const manifest: BackupManifest = {
        ...header,
        rowCounts,
        files,
        entries,
        contentSha256: contentDigest(entries),
      };
      await writer.add(MANIFEST_ENTRY, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
      await writer.close();
      return summarise(manifest);
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** Every file a record refers to: attachments, which the minutes, agreements' documents and reports' files use. */
async function storedFiles(tx: Db): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ sha256: attachments.sha256 })
    .from(attachments)
    .orderBy(attachments.sha256);
  return rows.map((row) => row.sha256);
}

async function readStoredFile(files: FileStore, sha256: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await files.get(sha256);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new AppError(
      "stored_file_damaged",
      `Falta en el almacén de archivos el archivo ${sha256}, al que se refiere un adjunto; no se hizo la copia.`,
    );
  }
  if (sha256Hex(bytes) !== sha256)
    throw new AppError(
      "stored_file_damaged",
      `El archivo ${sha256} del almacén está dañado: su contenido ya no corresponde a su sha256; no se hizo la copia.`,
    );
  return bytes;
}

export function summarise(manifest: BackupManifest): BackupSummary {
  const { format, version, migration, createdAt, engine, tables } = manifest;
  return {
    header: { format, version, migration, createdAt, engine, tables },
    tables: tables.map((table) => ({ name: table.name, rows: manifest.rowCounts[table.name] ?? 0 })),
    files: manifest.files.length,
    fileBytes: manifest.files.reduce((sum, file) => sum + file.size, 0),
    contentSha256: manifest.contentSha256,
  };
}
