/**
 * The create/read/update/delete/list use cases of a record kind, built from one definition: its table, its zod
 * schemas (input and output) and its filters. Modules define their records with `defineResource`; the HTTP layer
 * turns every definition into routes, so each record kind gets the same behaviour everywhere: validation,
 * authorization, a transaction, database errors translated to stable codes, and paginated, filtered, sorted lists.
 * Use cases that are more than CRUD (adopting a resolution, recording attendance) live in their own files.
 */
import { and, asc, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "../../platform/db/open.ts";
import {
  type Actor,
  authorize,
  can,
  commissionsWhere,
  inTransaction,
  type Permission,
  type Scope,
  type UseCaseContext,
} from "./context.ts";
import { AppError, fromZodIssues, notFound } from "./errors.ts";
import { patchOf } from "./patch.ts";
import { type Page, ZPagination } from "./primitives.ts";

type Row = Record<string, unknown>;
type TableWithId = PgTable & { id: PgColumn };

/**
 * A list filter: one query parameter (`schema`), or several read together (`fields`, e.g. `from` and `to`; its
 * object-level refinements are checked too), whose values `where` turns into a condition.
 */
export type Filter =
  | { schema: z.ZodType; where: (value: never) => SQL | undefined }
  | { fields: z.ZodObject; where: (values: never) => SQL | undefined };

export type ResourceDefinition<TCreate extends z.ZodObject, TOut extends z.ZodObject> = {
  /** Singular English name, also the record type in search results: `organisation`. */
  name: string;
  /** Plural path segment: `organisations`. */
  plural: string;
  /** Spanish noun with article, for messages: «el organismo». */
  label: string;
  /** Spanish tag for the API docs: «Organismos externos». */
  tag: string;
  table: TableWithId;
  create: TCreate;
  /** Defaults to `patchOf(create)`: every field optional, without defaults. */
  update?: z.ZodObject;
  output: TOut;
  filters?: Record<string, Filter>;
  sort: Record<string, PgColumn>;
  defaultSort: string;
  /** Adds a `q` filter over the table's `search` tsvector. */
  isSearchable?: boolean;
  /** Maps validated input to column values (resolving what needs the database). */
  toRow?: (db: Db, input: Row, existing?: Row) => Promise<Row> | Row;
  /** Writes child rows (counterparts, dates…) after the parent row is written; replaces them on update. */
  writeChildren?: (db: Db, id: string, input: Row, isUpdate: boolean) => Promise<void>;
  /** Adds child collections to loaded rows. */
  readChildren?: (db: Db, rows: Row[]) => Promise<Row[]>;
  /** Who may read and write these records (defaults: «records.read», «records.write»). */
  access?: { read?: Permission; write?: Permission };
  /**
   * The commission a row belongs to, for per-commission roles. Defaults to the row's `commissionId` when the
   * table has that column; records of the whole institution (catalogues) have none.
   */
  commissionOf?: (db: Db, row: Row) => Promise<string | null>;
  /** For records an area liaison may write («area.write»): the areas a row (or a new row's values) belongs to. */
  areasOf?: (db: Db, row: Row) => Promise<string[]>;
  /** Checks before delete; throw AppError("in_use") to refuse. */
  beforeDelete?: (db: Db, id: string) => Promise<void>;
};

export type Resource<TCreate extends z.ZodObject, TOut extends z.ZodObject> = {
  definition: ResourceDefinition<TCreate, TOut>;
  /** What the routes require before the use case's own check on each record. */
  routePermissions: { read: Permission; write: Permission };
  listQuery: z.ZodObject;
  updateSchema: z.ZodObject;
  list(ctx: UseCaseContext, query: unknown): Promise<Page<z.infer<TOut>>>;
  get(ctx: UseCaseContext, id: string): Promise<z.infer<TOut>>;
  create(ctx: UseCaseContext, input: unknown): Promise<z.infer<TOut>>;
  update(ctx: UseCaseContext, id: string, input: unknown): Promise<z.infer<TOut>>;
  remove(ctx: UseCaseContext, id: string): Promise<void>;
};

const ZId = z.uuid();

/** Builds the CRUD use cases of a record kind. */
export function defineResource<TCreate extends z.ZodObject, TOut extends z.ZodObject>(
  definition: ResourceDefinition<TCreate, TOut>,
): Resource<TCreate, TOut> {
  const { table } = definition;
  const updateSchema = definition.update ?? patchOf(definition.create);
  const filterShape: Record<string, z.ZodType> = {};
  for (const [name, filter] of Object.entries(definition.filters ?? {})) {
    if ("fields" in filter) Object.assign(filterShape, filter.fields.shape);
    else filterShape[name] = filter.schema.optional();
  }
  if (definition.isSearchable) filterShape.q = z.string().trim().min(1).max(200).optional();
  const sortKeys = Object.keys(definition.sort) as [string, ...string[]];
  const listQuery = ZPagination.extend({
    ...filterShape,
    sort: z.enum(sortKeys).default(definition.defaultSort),
    order: z.enum(["asc", "desc"]).default("asc"),
  });

  const present = async (db: Db, rows: Row[]) => {
    const full = definition.readChildren ? await definition.readChildren(db, rows) : rows;
    return full.map((row) => definition.output.parse(serialise(row)) as z.infer<TOut>);
  };

  const readPermission = definition.access?.read ?? "records.read";
  const writePermission = definition.access?.write ?? "records.write";
  const commissionColumn = (table as unknown as { commissionId?: PgColumn }).commissionId;
  const scopeOf = async (db: Db, row: Row): Promise<Scope> => ({
    commissionId: definition.commissionOf
      ? await definition.commissionOf(db, row)
      : commissionColumn
        ? (row.commissionId as string)
        : undefined,
  });
  /** Whether the actor may write some records of this kind at all (the check at the top of each write). */
  const authorizeAnyWrite = (actor: Actor) => {
    if (definition.areasOf && !can(actor, writePermission) && can(actor, "area.write")) return;
    authorize(actor, writePermission);
  };
  /** The check on one row: its commission, and for an area liaison its areas. */
  const authorizeWrite = async (actor: Actor, db: Db, row: Row) => {
    const scope = await scopeOf(db, row);
    if (can(actor, writePermission, scope)) return;
    if (
      definition.areasOf &&
      can(actor, "area.write", { ...scope, areaIds: await definition.areasOf(db, row) })
    )
      return;
    authorize(actor, writePermission, scope);
  };

  const load = async (db: Db, id: string): Promise<Row> => {
    if (!ZId.safeParse(id).success) throw notFound(definition.label, id);
    const rows = (await db
      .select()
      .from(table as PgTable)
      .where(eq(table.id, id))) as Row[];
    const row = rows[0];
    if (!row) throw notFound(definition.label, id);
    return row;
  };

  return {
    definition,
    // An area liaison may write some of these records: the route lets «area.write» in, the use case decides.
    routePermissions: { read: readPermission, write: definition.areasOf ? "area.write" : writePermission },
    listQuery,
    updateSchema,

    async list({ actor, db }, rawQuery) {
      authorize(actor, readPermission);
      const parsed = listQuery.safeParse(rawQuery ?? {});
      if (!parsed.success)
        throw fromZodIssues(parsed.error.issues, rawQuery, "validation_failed", "Filtros inválidos.");
      const query = parsed.data as Row & {
        limit: number;
        offset: number;
        sort: string;
        order: "asc" | "desc";
      };
      const conditions: SQL[] = [];
      for (const [name, filter] of Object.entries(definition.filters ?? {})) {
        let value: unknown = query[name];
        if ("fields" in filter) {
          const names = Object.keys(filter.fields.shape);
          const values = Object.fromEntries(names.map((field) => [field, query[field]]));
          if (names.every((field) => values[field] === undefined)) continue;
          const checked = filter.fields.safeParse(values);
          if (!checked.success)
            throw fromZodIssues(checked.error.issues, values, "validation_failed", "Filtros inválidos.");
          value = checked.data;
        }
        if (value === undefined) continue;
        const condition = filter.where(value as never);
        if (condition) conditions.push(condition);
      }
      if (definition.isSearchable && typeof query.q === "string") {
        conditions.push(sql`${sql.identifier("search")} @@ websearch_to_tsquery('es_unaccent', ${query.q})`);
      }
      // Only the commissions in which the actor may read these records.
      const readable = commissionsWhere(actor, readPermission);
      if (readable && commissionColumn)
        conditions.push(readable.length > 0 ? inArray(commissionColumn, readable) : sql`false`);
      const where = conditions.length > 0 ? and(...conditions) : undefined;
      const sortColumn = definition.sort[query.sort] as PgColumn;
      const ordering = query.order === "desc" ? desc(sortColumn) : asc(sortColumn);
      const [rows, totals] = await Promise.all([
        db
          .select()
          .from(table as PgTable)
          .where(where)
          .orderBy(ordering, asc(table.id))
          .limit(query.limit)
          .offset(query.offset) as Promise<Row[]>,
        db
          .select({ total: count() })
          .from(table as PgTable)
          .where(where),
      ]);
      return {
        items: await present(db, rows),
        total: Number(totals[0]?.total ?? 0),
        limit: query.limit,
        offset: query.offset,
      };
    },

    async get({ actor, db }, id) {
      authorize(actor, readPermission);
      const row = await load(db, id);
      authorize(actor, readPermission, await scopeOf(db, row));
      const [item] = await present(db, [row]);
      return item as z.infer<TOut>;
    },

    async create({ actor, db }, rawInput) {
      authorizeAnyWrite(actor);
      const input = parseInput(definition.create, rawInput);
      return inTransaction({ actor, db }, async (tx) => {
        const values = definition.toRow ? await definition.toRow(tx, input) : input;
        await authorizeWrite(actor, tx, values);
        const inserted = (await guardDb(definition, () =>
          tx
            .insert(table)
            .values(values as never)
            .returning(),
        )) as Row[];
        const row = inserted[0] as Row;
        if (definition.writeChildren)
          await guardDb(definition, () => definition.writeChildren!(tx, row.id as string, input, false));
        const [item] = await present(tx, [await load(tx, row.id as string)]);
        return item as z.infer<TOut>;
      });
    },

    async update({ actor, db }, id, rawInput) {
      authorizeAnyWrite(actor);
      const input = parseInput(updateSchema, rawInput) as Row;
      return inTransaction({ actor, db }, async (tx) => {
        const existing = await load(tx, id);
        await authorizeWrite(actor, tx, existing);
        const values = definition.toRow ? await definition.toRow(tx, input, existing) : input;
        // Moving a record (to another commission, action or agreement) needs the right on the destination too.
        await authorizeWrite(actor, tx, { ...existing, ...values });
        const columns = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
        if ("updatedAt" in table) columns.updatedAt = new Date();
        if (Object.keys(columns).length > 0) {
          await guardDb(definition, () =>
            tx
              .update(table)
              .set(columns as never)
              .where(eq(table.id, id)),
          );
        }
        if (definition.writeChildren)
          await guardDb(definition, () => definition.writeChildren!(tx, id, input, true));
        const [item] = await present(tx, [await load(tx, id)]);
        return item as z.infer<TOut>;
      });
    },

    async remove({ actor, db }, id) {
      authorizeAnyWrite(actor);
      await inTransaction({ actor, db }, async (tx) => {
        await authorizeWrite(actor, tx, await load(tx, id));
        if (definition.beforeDelete) await definition.beforeDelete(tx, id);
        await guardDb(definition, () => tx.delete(table).where(eq(table.id, id)));
      });
    },
  };
}

/** Validates input with a schema; a failure becomes `validation_failed` with one detail per field. */
export function parseInput<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues, raw);
  return parsed.data;
}

/** Database errors that people can cause become stable codes; anything else is a bug and propagates. */
export async function guardDb<T>(definition: { label: string }, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const translated = translateDbError(error, definition.label);
    if (translated) throw translated;
    throw error;
  }
}

export function translateDbError(error: unknown, label: string): AppError | undefined {
  const pgError = findPgError(error);
  if (!pgError) return undefined;
  const constraint = pgError.constraint ? ` (${pgError.constraint})` : "";
  switch (pgError.code) {
    case "23505":
      return new AppError(
        "conflict",
        `Ya existe un registro igual: ${label} duplicaría un valor único${constraint}.`,
      );
    case "23503":
      return pgError.message.includes("update or delete")
        ? new AppError("in_use", `No se puede eliminar ${label}: otros registros lo usan${constraint}.`)
        : new AppError(
            "reference_not_found",
            `Una referencia de ${label} apunta a un registro que no existe${constraint}.`,
          );
    case "23514":
      return new AppError("validation_failed", `Los datos de ${label} no cumplen una regla${constraint}.`);
    case "22007":
    case "22008":
      return new AppError("validation_failed", `Una fecha de ${label} no es válida.`);
    default:
      return undefined;
  }
}

type PgErrorLike = { code: string; message: string; constraint?: string };

function findPgError(error: unknown): PgErrorLike | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        message: String(candidate.message ?? ""),
        constraint: typeof candidate.constraint === "string" ? candidate.constraint : undefined,
      };
    }
    current = candidate.cause;
  }
  return undefined;
}

/** Timestamps become ISO strings and the internal `search` column is dropped. */
function serialise(row: Row): Row {
  const out: Row = {};
  for (const [name, value] of Object.entries(row)) {
    if (name === "search") continue;
    out[name] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/** Loads `column IN ids` rows grouped by `column`, for readChildren. */
export async function groupChildren<T extends Row>(
  db: Db,
  table: PgTable,
  column: PgColumn,
  ids: string[],
  order?: PgColumn,
): Promise<Map<string, T[]>> {
  const groups = new Map<string, T[]>();
  if (ids.length === 0) return groups;
  const query = db.select().from(table).where(inArray(column, ids));
  const rows = (await (order ? query.orderBy(asc(order)) : query)) as T[];
  for (const row of rows) {
    const keyValue = row[column.name as keyof T] ?? (row as Row)[camel(column.name)];
    const list = groups.get(String(keyValue)) ?? [];
    list.push(row);
    groups.set(String(keyValue), list);
  }
  return groups;
}

function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

export type { Actor };
