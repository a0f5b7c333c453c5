/**
 * The backup file: a gzip'd tar archive (docs/decisions/012) holding, in this order,
 *   vincula-backup.json              the header: format, version, the schema's migration, when, which engine
 *   records/<schema>.<table>/NNNNNN.jsonl   the rows of each table, in insertion order, one JSON object a line
 *   files/ab/cdef…                   every stored file, named by its sha256 as in the file store
 *   manifest.json                    per-table columns and row counts, every entry's size and sha256, and the
 *                                    sha256 of the whole content
 * The header comes first so a backup from a newer Vincula is refused before anything else is read; the manifest
 * comes last because the hashes are known only once everything is written.
 */
import { z } from "zod";

export const BACKUP_FORMAT = "vincula-backup";
export const BACKUP_FORMAT_VERSION = 1;
export const HEADER_ENTRY = "vincula-backup.json";
export const MANIFEST_ENTRY = "manifest.json";

const ZSha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** A table as backed up: its stored columns (generated ones are recomputed), in the order they are restored. */
export const ZBackupTable = z.object({
  /** `schema.table`. */
  name: z.string().regex(/^[^./]+\.[^./]+$/),
  columns: z.array(z.string().min(1)).min(1),
});

export const ZBackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().positive(),
  /** The tag of the last migration applied to the database backed up («0006_accounts»). */
  migration: z.string().min(1),
  createdAt: z.iso.datetime({ offset: true }),
  engine: z.enum(["pglite", "postgres"]),
  /** Every table, in the order its rows are restored. */
  tables: z.array(ZBackupTable),
});
export type BackupHeader = z.infer<typeof ZBackupHeader>;

export const ZBackupEntry = z.object({
  name: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: ZSha256,
});
export type BackupEntry = z.infer<typeof ZBackupEntry>;

export const ZBackupManifest = ZBackupHeader.extend({
  /** Rows per table. */
  rowCounts: z.record(z.string(), z.number().int().nonnegative()),
  files: z.array(z.object({ sha256: ZSha256, size: z.number().int().nonnegative() })),
  /** Every entry before the manifest, in archive order. */
  entries: z.array(ZBackupEntry),
  /** sha256 of the lines «<sha256> <name>\n» of every entry, in order: one fingerprint of the whole content. */
  contentSha256: ZSha256,
});
export type BackupManifest = z.infer<typeof ZBackupManifest>;

/** What a backup holds, as the CLI and the tests report it. */
export type BackupSummary = {
  header: BackupHeader;
  tables: { name: string; rows: number }[];
  files: number;
  fileBytes: number;
  contentSha256: string;
};

export const ZRestoreOptions = z.object({
  /** Empty a database that already holds records, in the same transaction as the restore. */
  replace: z.boolean().default(false),
});

export const recordsEntryName = (table: string, part: number) =>
  `records/${table}/${String(part).padStart(6, "0")}.jsonl`;
export const fileEntryName = (sha256: string) => `files/${sha256.slice(0, 2)}/${sha256.slice(2)}`;

/** `files/ab/cdef…` → `abcdef…`, or undefined for another entry. */
export function fileEntrySha256(name: string): string | undefined {
  const match = /^files\/([0-9a-f]{2})\/([0-9a-f]{62})$/.exec(name);
  return match ? `${match[1]}${match[2]}` : undefined;
}

/** `records/public.sessions/000001.jsonl` → `public.sessions`, or undefined for another entry. */
export function recordsEntryTable(name: string): string | undefined {
  return /^records\/([^/]+\.[^/]+)\/\d{6}\.jsonl$/.exec(name)?.[1];
}

/** The line the content digest covers for one entry. */
export const digestLine = (entry: { name: string; sha256: string }) => `${entry.sha256} ${entry.name}\n`;
