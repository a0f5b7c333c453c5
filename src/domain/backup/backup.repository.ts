/**
 * All SQL of backup and restore. The tables are read from pg_catalog, not from the Drizzle schema, so a backup
 * holds every table the migrations created (audit trail included) and nothing else: drizzle's own bookkeeping
 * lives in the `drizzle` schema and is left out, as are tables that belong to extensions. Rows travel as the
 * database's own `to_jsonb(row)::text` and come back through `jsonb_populate_recordset`, so every type (dates,
 * instants, enums, jsonb) is converted by PostgreSQL on both sides and the bytes do not depend on the engine.
 */
import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../platform/db/open.ts";
import type { ForeignKey, TableShape } from "./restore-plan.ts";

const USER_TABLES = sql.raw(`
  select c.oid, n.nspname, c.relname
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where c.relkind in ('r', 'p') and not c.relispartition
     and n.nspname not in ('pg_catalog', 'information_schema', 'drizzle') and n.nspname not like 'pg\\_%'
     and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                                               and d.deptype = 'e')`);

/** `"public"."sessions"` from `public.sessions`. */
export function quoteTable(name: string): string {
  const dot = name.indexOf(".");
  return `${quoteIdent(name.slice(0, dot))}.${quoteIdent(name.slice(dot + 1))}`;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Every table with its stored columns (generated ones left out), primary key and foreign keys. */
export async function readTableShapes(db: Db): Promise<TableShape[]> {
  const columns = await queryRows<{
    table: string;
    column: string;
    isGenerated: boolean;
    isNotNull: boolean;
  }>(
    db,
    sql`with t as (${USER_TABLES})
        select t.nspname || '.' || t.relname as "table", a.attname as "column",
               a.attgenerated <> '' as "isGenerated", a.attnotnull as "isNotNull"
          from t join pg_attribute a on a.attrelid = t.oid
         where a.attnum > 0 and not a.attisdropped
         order by 1, a.attnum`,
  );
  const constraints = await queryRows<{
    table: string;
    kind: "p" | "f";
    name: string;
    columns: string[];
    references: string | null;
  }>(
    db,
    sql`with t as (${USER_TABLES})
        select t.nspname || '.' || t.relname as "table", k.contype as "kind", k.conname as "name",
               array(select a.attname from unnest(k.conkey) with ordinality as u(attnum, i)
                       join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
                      order by u.i)::text[] as "columns",
               (select rn.nspname || '.' || r.relname from pg_class r join pg_namespace rn on rn.oid = r.relnamespace
                 where r.oid = k.confrelid) as "references"
          from t join pg_constraint k on k.conrelid = t.oid
         where k.contype in ('p', 'f')
         order by 1, 3`,
  );
  const shapes = new Map<string, TableShape>();
  const notNull = new Set<string>();
  for (const row of columns) {
    let shape = shapes.get(row.table);
    if (!shape) {
      shape = { name: row.table, columns: [], primaryKey: [], foreignKeys: [] };
      shapes.set(row.table, shape);
    }
    if (!row.isGenerated) shape.columns.push(row.column);
    if (row.isNotNull) notNull.add(`${row.table}\0${row.column}`);
  }
  for (const row of constraints) {
    const shape = shapes.get(row.table);
    if (!shape) continue;
    const names = parseTextArray(row.columns);
    if (row.kind === "p") shape.primaryKey = names;
    else if (row.references) {
      const foreignKey: ForeignKey = {
        name: row.name,
        columns: names,
        references: row.references,
        isNullable: names.every((column) => !notNull.has(`${row.table}\0${column}`)),
      };
      shape.foreignKeys.push(foreignKey);
    }
  }
  return [...shapes.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** node-postgres parses `text[]`; PGlite may hand it over as `{a,b}`. */
function parseTextArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, "")
    .split(",")
    .filter((part) => part !== "")
    .map((part) => part.replace(/^"|"$/g, ""));
}

/** Reads a table in primary-key order, `batchSize` rows at a time, as lines of JSON. Run inside a transaction. */
export async function* readRows(db: Db, table: TableShape, batchSize: number): AsyncGenerator<string[]> {
  const list = table.columns.map(quoteIdent).join(", ");
  const order = (
    table.primaryKey.length > 0
      ? table.primaryKey.map(quoteIdent)
      : table.columns.map((_, i) => String(i + 1))
  ).join(", ");
  await db.execute(
    sql.raw(
      `declare vincula_backup no scroll cursor for
         select to_jsonb(r)::text as "line" from (select ${list} from ${quoteTable(table.name)} order by ${order}) r`,
    ),
  );
  try {
    for (;;) {
      const rows = await queryRows<{ line: string }>(
        db,
        sql.raw(`fetch forward ${batchSize} from vincula_backup`),
      );
      if (rows.length === 0) return;
      yield rows.map((row) => row.line);
      if (rows.length < batchSize) return;
    }
  } finally {
    await db.execute(sql.raw("close vincula_backup"));
  }
}

/** Inserts rows given as JSON objects (their own ids kept), leaving the `omitted` columns to be set later. */
export async function insertRows(db: Db, table: string, columns: string[], lines: string[]): Promise<void> {
  const list = columns.map(quoteIdent).join(", ");
  await db.execute(
    sql`${sql.raw(`insert into ${quoteTable(table)} (${list}) overriding system value select ${list} from jsonb_populate_recordset(null::${quoteTable(table)}, `)}${jsonArray(lines)}${sql.raw("::jsonb)")}`,
  );
}

/** Sets `columns` of rows already inserted, matched by primary key, where the backup has a value. */
export async function updateDeferredColumns(
  db: Db,
  table: string,
  primaryKey: string[],
  columns: string[],
  lines: string[],
): Promise<void> {
  const assignments = columns.map((column) => `${quoteIdent(column)} = r.${quoteIdent(column)}`).join(", ");
  const match = primaryKey.map((column) => `t.${quoteIdent(column)} = r.${quoteIdent(column)}`).join(" and ");
  const hasValue = columns.map((column) => `r.${quoteIdent(column)} is not null`).join(" or ");
  await db.execute(
    sql`${sql.raw(`update ${quoteTable(table)} as t set ${assignments} from jsonb_populate_recordset(null::${quoteTable(table)}, `)}${jsonArray(lines)}${sql.raw(`::jsonb) as r where ${match} and (${hasValue})`)}`,
  );
}

function jsonArray(lines: string[]): SQL {
  return sql`${`[${lines.join(",")}]`}`;
}

/** Which tables hold at least one row. */
export async function tablesWithRows(db: Db, tables: readonly string[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const probes = tables.map(
    (table) => `select ${quoteLiteral(table)} as "table" where exists (select 1 from ${quoteTable(table)})`,
  );
  const rows = await queryRows<{ table: string }>(db, sql.raw(probes.join(" union all ")));
  return rows.map((row) => row.table);
}

/** Empties every table at once (foreign keys among them allow it when all are named). */
export async function truncateTables(db: Db, tables: readonly string[]): Promise<void> {
  if (tables.length === 0) return;
  await db.execute(sql.raw(`truncate table ${tables.map(quoteTable).join(", ")}`));
}

/** After rows were inserted with their own ids: every sequence a column owns continues after the highest value. */
export async function resetSequences(db: Db): Promise<number> {
  const owned = await queryRows<{ sequence: string; table: string; column: string }>(
    db,
    sql`with t as (${USER_TABLES})
        select quote_ident(sn.nspname) || '.' || quote_ident(s.relname) as "sequence",
               t.nspname || '.' || t.relname as "table", a.attname as "column"
          from pg_class s join pg_namespace sn on sn.oid = s.relnamespace
          join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = s.oid
                          and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
          join t on t.oid = d.refobjid
          join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
         where s.relkind = 'S'`,
  );
  for (const { sequence, table, column } of owned) {
    await db.execute(
      sql.raw(
        `select setval(${quoteLiteral(sequence)}, coalesce(max(${quoteIdent(column)}), 1), max(${quoteIdent(column)}) is not null) from ${quoteTable(table)}`,
      ),
    );
  }
  return owned.length;
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Instants as `…+00:00` whatever the server's zone, so backups of the same records are the same bytes. */
export async function useUtc(db: Db): Promise<void> {
  await db.execute(sql.raw("set local timezone to 'UTC'"));
}

/** Tells the audit-trail triggers that rows are being restored, not changed: they copy nothing (this transaction). */
export async function markRestoring(db: Db): Promise<void> {
  await db.execute(sql`select set_config('vincula.restoring', 'on', true)`);
}

/** The hashes of the migrations applied to this database, in order (drizzle's bookkeeping). */
export async function appliedMigrations(db: Db): Promise<{ createdAt: number }[]> {
  const rows = await queryRows<{ createdAt: string | number }>(
    db,
    sql.raw(`select created_at as "createdAt" from drizzle.__drizzle_migrations order by created_at`),
  );
  return rows.map((row) => ({ createdAt: Number(row.createdAt) }));
}
