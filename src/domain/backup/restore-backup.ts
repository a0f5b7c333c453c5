/**
 * Restores a backup into a migrated database, all or nothing. The file is first read whole and checked against
 * its manifest (read-backup.ts): a damaged, truncated or foreign file is refused before anything is written. Then
 * one transaction empties every table (only when the database holds no records, or with `replace`), inserts every
 * row with its own id in foreign-key order, sets the keys that close cycles, and moves every sequence past the
 * restored ids; a crash at any point leaves the database as it was. Stored files are copied as they come, each
 * checked against its sha256: the store is content-addressed, so a file copied before a failure is harmless. The
 * audit-trail triggers see `vincula.restoring = on` and record nothing, so the restored audit log is the
 * backed-up one, verbatim.
 */
import type { Readable } from "node:stream";
import type { Db } from "../../platform/db/open.ts";
import type { FileStore } from "../../platform/files.ts";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { AppError } from "../shared/errors.ts";
import {
  insertRows,
  markRestoring,
  readTableShapes,
  resetSequences,
  tablesWithRows,
  truncateTables,
  updateDeferredColumns,
} from "./backup.repository.ts";
import {
  type BackupHeader,
  type BackupSummary,
  fileEntrySha256,
  HEADER_ENTRY,
  MANIFEST_ENTRY,
  recordsEntryTable,
  ZRestoreOptions,
} from "./backup.schema.ts";
import { type BackupProgress, summarise } from "./create-backup.ts";
import { refuseUnknownMigration, type VerifiedBackup, verifiedEntries, verifyBackup } from "./read-backup.ts";
import {
  deferredColumns,
  insertedColumns,
  planRestore,
  type RestorePlan,
  type TableShape,
} from "./restore-plan.ts";

/**
 * Tables whose rows do not count as records when deciding whether a database is empty: the audit trail's head
 * (one bookkeeping row its migration may create). They are emptied and restored like every other table.
 */
const BOOKKEEPING_TABLES = new Set(["public.audit_head"]);

/** Rows set per statement when the keys that close cycles are filled in. */
const UPDATE_BATCH = 5000;

export type RestoreBackupInput = {
  files: FileStore;
  /** Opens the backup from its start; called twice (once to verify it, once to restore it). */
  open: () => Readable;
  replace?: boolean;
  onProgress?: BackupProgress;
};

export async function restoreBackup(ctx: UseCaseContext, input: RestoreBackupInput): Promise<BackupSummary> {
  authorize(ctx.actor, "data.import");
  const options = ZRestoreOptions.parse({ replace: input.replace });
  const verified = await verifyBackup(input.open());
  const header = verified.manifest;
  input.onProgress?.(
    `copia íntegra: ${verified.manifest.entries.length} entradas con el sha256 de su manifiesto`,
    0,
    header.tables.length + 1,
  );
  refuseUnknownMigration(header);
  const shapes = await readTableShapes(ctx.db);
  const target = new Map(shapes.map((shape) => [shape.name, shape]));
  checkCompatible(header, target);
  const plan = planRestore(shapes);
  checkOrder(header, target, plan);
  const tableNames = shapes.map((shape) => shape.name);
  const recordTables = tableNames.filter((name) => !BOOKKEEPING_TABLES.has(name));
  // Refused before the transaction; checked again inside it.
  await refuseIfNotEmpty(ctx.db, recordTables, options.replace);

  return ctx.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    await markRestoring(tx);
    await refuseIfNotEmpty(tx, recordTables, options.replace);
    await truncateTables(tx, tableNames);
    const deferredLines = await restoreEntries(tx, input, verified, target, plan);
    for (const [name, lines] of deferredLines) {
      const shape = target.get(name) as TableShape;
      const backedUp = header.tables.find((table) => table.name === name)?.columns ?? [];
      const columns = deferredColumns(shape, plan).filter((column) => backedUp.includes(column));
      for (let start = 0; start < lines.length; start += UPDATE_BATCH)
        await updateDeferredColumns(
          tx,
          name,
          shape.primaryKey,
          columns,
          lines.slice(start, start + UPDATE_BATCH),
        );
    }
    await resetSequences(tx);
    return summarise(verified.manifest);
  });
}

/**
 * Every backed-up table and column must exist here. A backup from an older schema may lack tables or columns
 * added since: those tables stay empty and those columns take their defaults.
 */
function checkCompatible(header: BackupHeader, target: Map<string, TableShape>): void {
  const problems: { path: string; message: string }[] = [];
  for (const table of header.tables) {
    const shape = target.get(table.name);
    if (!shape) {
      problems.push({ path: table.name, message: "la tabla no existe en esta base de datos" });
      continue;
    }
    for (const column of table.columns)
      if (!shape.columns.includes(column))
        problems.push({
          path: `${table.name}.${column}`,
          message: "la columna no existe en esta base de datos",
        });
  }
  if (problems.length > 0)
    throw new AppError(
      "backup_incompatible",
      `La copia (migración «${header.migration}») no corresponde a las tablas de esta base de datos; no se restauró nada.`,
      problems,
    );
}

/** The archive's tables come in an order that satisfies this database's foreign keys (the same plan made it). */
function checkOrder(header: BackupHeader, target: Map<string, TableShape>, plan: RestorePlan): void {
  const position = new Map(header.tables.map((table, index) => [table.name, index]));
  for (const table of header.tables) {
    const shape = target.get(table.name) as TableShape;
    const later = new Set(plan.deferred.get(table.name) ?? []);
    for (const key of shape.foreignKeys) {
      if (later.has(key) || key.references === table.name) continue;
      const parent = position.get(key.references);
      if (parent !== undefined && parent > (position.get(table.name) as number))
        throw new AppError(
          "backup_incompatible",
          `La copia guarda «${table.name}» antes que «${key.references}», a la que se refiere; no se restauró nada.`,
        );
    }
  }
}

async function refuseIfNotEmpty(db: Db, tables: string[], replace: boolean): Promise<void> {
  if (replace) return;
  const filled = await tablesWithRows(db, tables);
  if (filled.length > 0)
    throw new AppError(
      "database_not_empty",
      `La base de datos ya tiene registros (${filled.slice(0, 5).join(", ")}${filled.length > 5 ? ", …" : ""}); use --replace para sustituirlos por los de la copia.`,
    );
}

/**
 * Inserts the records and stores the files of a verified backup; returns, per table with keys set later, the
 * lines to set them from.
 */
async function restoreEntries(
  tx: Db,
  input: RestoreBackupInput,
  verified: VerifiedBackup,
  target: Map<string, TableShape>,
  plan: RestorePlan,
): Promise<Map<string, string[]>> {
  const { manifest } = verified;
  const columnsOf = new Map(manifest.tables.map((table) => [table.name, table.columns]));
  const deferredLines = new Map<string, string[]>();
  const total = manifest.tables.length + 1;
  let currentTable: string | undefined;
  let filesStored = 0;
  const finishTable = () => {
    if (currentTable === undefined) return;
    const done = manifest.tables.findIndex((table) => table.name === currentTable) + 1;
    const rows = manifest.rowCounts[currentTable] ?? 0;
    input.onProgress?.(`${currentTable}: ${rows} ${rows === 1 ? "fila" : "filas"}`, done, total);
    currentTable = undefined;
  };

  for await (const { name, data } of verifiedEntries(input.open(), verified)) {
    if (name === HEADER_ENTRY) continue;
    if (name === MANIFEST_ENTRY) break;
    const table = recordsEntryTable(name);
    if (table !== undefined) {
      if (table !== currentTable) finishTable();
      currentTable = table;
      const columns = columnsOf.get(table) as string[];
      const lines = data.toString("utf8").split("\n");
      lines.pop();
      const shape = target.get(table) as TableShape;
      await insertTable(tx, table, insertedColumns(shape, plan, columns), lines);
      if (deferredColumns(shape, plan).some((column) => columns.includes(column))) {
        const pending = deferredLines.get(table) ?? [];
        for (const line of lines) pending.push(line);
        deferredLines.set(table, pending);
      }
    } else if (fileEntrySha256(name) !== undefined) {
      finishTable();
      // verifyBackup checked the bytes against their name, and verifiedEntries against the manifest.
      await input.files.put(data);
      filesStored += 1;
    }
  }
  finishTable();
  input.onProgress?.(`archivos: ${filesStored}`, total, total);
  return deferredLines;
}

async function insertTable(tx: Db, table: string, columns: string[], lines: string[]): Promise<void> {
  try {
    await insertRows(tx, table, columns, lines);
  } catch (error) {
    // A row the database refuses (a broken constraint, a value of the wrong type) in a backup whose hashes vouch
    // for it: made with another schema.
    const cause = (error as { cause?: unknown }).cause ?? error;
    const { code, constraint } = cause as { code?: unknown; constraint?: unknown };
    if (typeof code === "string" && /^2[23]/.test(code))
      throw new AppError(
        "backup_incompatible",
        `Los registros de «${table}» no caben en esta base de datos${typeof constraint === "string" ? ` (restricción ${constraint})` : ""}; no se restauró nada.`,
      );
    throw error;
  }
}
