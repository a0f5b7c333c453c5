/**
 * Reading a backup with nothing taken on trust: `verifyBackup` reads it whole once and checks every entry against
 * the manifest at its end before anything is written; `verifiedEntries` reads it again for the restore, checking
 * each entry against that manifest before it is handed over, so a file changed between the two readings is
 * refused too.
 */

import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { isDeepStrictEqual } from "node:util";
import { sha256Hex } from "../../platform/files.ts";
import { readTar, type TarEntry, TarFormatError } from "../../platform/tar.ts";
import { AppError } from "../shared/errors.ts";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupEntry,
  type BackupHeader,
  type BackupManifest,
  digestLine,
  fileEntrySha256,
  HEADER_ENTRY,
  MANIFEST_ENTRY,
  recordsEntryTable,
  ZBackupHeader,
  ZBackupManifest,
} from "./backup.schema.ts";
import { knownMigrations } from "./schema-version.ts";

export type VerifiedBackup = { manifest: BackupManifest; manifestSha256: string };

/** Reads the whole backup and checks it; throws `backup_invalid` or `backup_incompatible`, writes nothing. */
export async function verifyBackup(stream: Readable): Promise<VerifiedBackup> {
  const seen: BackupEntry[] = [];
  const rows = new Map<string, number>();
  let header: BackupHeader | undefined;
  for await (const entry of entriesOf(stream)) {
    if (entry.name === MANIFEST_ENTRY) {
      if (!header) throw invalid("no empieza con el encabezado de una copia de Vincula.");
      const manifest = checkManifest(entry.data, header, seen, rows);
      return { manifest, manifestSha256: sha256Hex(entry.data) };
    }
    if (header === undefined) {
      if (entry.name !== HEADER_ENTRY) throw invalid("no empieza con el encabezado de una copia de Vincula.");
      header = parseHeader(entry.data);
    } else {
      const table = recordsEntryTable(entry.name);
      const sha256 = fileEntrySha256(entry.name);
      if (table !== undefined) {
        if (!entry.data.toString("utf8").endsWith("\n"))
          throw invalid(`la entrada ${entry.name} está incompleta.`);
        rows.set(table, (rows.get(table) ?? 0) + countLines(entry.data));
      } else if (sha256 !== undefined) {
        if (sha256Hex(entry.data) !== sha256)
          throw invalid(`el archivo ${sha256} no corresponde a su sha256.`);
      } else throw invalid(`contiene una entrada desconocida, «${entry.name}».`);
    }
    seen.push({ name: entry.name, size: entry.data.byteLength, sha256: sha256Hex(entry.data) });
  }
  throw invalid("está incompleta: falta su manifiesto final.");
}

/** The entries of a backup already verified, each checked again against its manifest; the manifest last. */
export async function* verifiedEntries(stream: Readable, verified: VerifiedBackup): AsyncGenerator<TarEntry> {
  const expected = verified.manifest.entries;
  let index = 0;
  for await (const entry of entriesOf(stream)) {
    if (index === expected.length) {
      if (entry.name !== MANIFEST_ENTRY || sha256Hex(entry.data) !== verified.manifestSha256) break;
      yield entry;
      return;
    }
    const want = expected[index] as BackupEntry;
    if (entry.name !== want.name || sha256Hex(entry.data) !== want.sha256) break;
    index += 1;
    yield entry;
  }
  throw invalid("cambió mientras se restauraba.");
}

/** Every entry, then the end; no entry may follow the manifest. Tar and gzip errors become `backup_invalid`. */
async function* entriesOf(stream: Readable): AsyncGenerator<TarEntry> {
  const entries = readTar(stream);
  let isAfterManifest = false;
  try {
    for (;;) {
      const next = await entries.next().catch(rethrowAsInvalid);
      if (next.done) return;
      if (isAfterManifest) throw invalid("tiene entradas después de su manifiesto.");
      isAfterManifest = next.value.name === MANIFEST_ENTRY;
      yield next.value;
    }
  } finally {
    await entries.return(undefined);
  }
}

function countLines(data: Buffer): number {
  let lines = 0;
  for (const byte of data) if (byte === 0x0a) lines += 1;
  return lines;
}

/** The header, checked: a backup of this format in a version this Vincula reads, from a schema it knows. */
export function parseHeader(data: Buffer): BackupHeader {
  const raw = parseJson(data, HEADER_ENTRY) as { format?: unknown; version?: unknown } | null;
  if (raw?.format !== BACKUP_FORMAT) throw invalid("no es una copia de seguridad de Vincula.");
  if (typeof raw.version === "number" && raw.version > BACKUP_FORMAT_VERSION)
    throw new AppError(
      "backup_incompatible",
      `La copia usa la versión ${raw.version} del formato y esta versión de Vincula solo lee hasta la ${BACKUP_FORMAT_VERSION}; actualice Vincula para restaurarla.`,
    );
  const parsed = ZBackupHeader.safeParse(raw);
  if (!parsed.success) throw invalid("su encabezado no es válido.");
  return parsed.data;
}

/** A backup from a schema this Vincula does not know came from a newer version. */
export function refuseUnknownMigration(header: BackupHeader): void {
  const known = knownMigrations();
  if (!known.some((migration) => migration.tag === header.migration))
    throw new AppError(
      "backup_incompatible",
      `La copia se hizo con una versión más reciente de Vincula: su base de datos llega a la migración «${header.migration}» y esta versión solo conoce hasta «${known.at(-1)?.tag}». Actualice Vincula y vuelva a intentarlo; no se restauró nada.`,
    );
}

function checkManifest(
  data: Buffer,
  header: BackupHeader,
  seen: BackupEntry[],
  rows: Map<string, number>,
): BackupManifest {
  const parsed = ZBackupManifest.safeParse(parseJson(data, MANIFEST_ENTRY));
  if (!parsed.success) throw invalid("su manifiesto no es válido.");
  const manifest = parsed.data;
  const { rowCounts, files, entries, contentSha256, ...manifestHeader } = manifest;
  if (!isDeepStrictEqual(manifestHeader, header))
    throw invalid("su manifiesto no coincide con su encabezado.");
  for (const [index, entry] of seen.entries()) {
    const expected = entries[index];
    if (expected?.name !== entry.name || expected.size !== entry.size || expected.sha256 !== entry.sha256)
      throw invalid(`la entrada «${entry.name}» está dañada o no es la que su manifiesto describe.`);
  }
  if (entries.length !== seen.length) throw invalid("le faltan entradas respecto de su manifiesto.");
  if (contentDigest(seen) !== contentSha256) throw invalid("su huella sha256 de contenido no coincide.");
  for (const table of header.tables)
    if ((rowCounts[table.name] ?? 0) !== (rows.get(table.name) ?? 0))
      throw invalid(`el número de filas de «${table.name}» no es el de su manifiesto.`);
  const fileEntries = seen
    .map((entry) => fileEntrySha256(entry.name))
    .filter((sha256) => sha256 !== undefined);
  if (
    !isDeepStrictEqual(
      files.map((file) => file.sha256),
      fileEntries,
    )
  )
    throw invalid("su lista de archivos no coincide con los archivos que contiene.");
  return manifest;
}

/** sha256 over «<sha256> <name>\n» of every entry, in order. */
export function contentDigest(entries: readonly { name: string; sha256: string }[]): string {
  const hash = createHash("sha256");
  for (const entry of entries) hash.update(digestLine(entry));
  return hash.digest("hex");
}

function parseJson(data: Buffer, name: string): unknown {
  try {
    return JSON.parse(data.toString("utf8"));
  } catch {
    throw invalid(`su entrada ${name} no es JSON válido.`);
  }
}

export function invalid(reason: string): AppError {
  return new AppError(
    "backup_invalid",
    `La copia de seguridad no es válida o está dañada: ${reason} No se restauró nada.`,
  );
}

function rethrowAsInvalid(error: unknown): never {
  if (error instanceof TarFormatError)
    throw invalid(`${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`);
  throw error;
}
