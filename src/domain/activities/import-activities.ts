/**
 * Bulk import of activities from a spreadsheet: every row is read, its names resolved to ids (kind, action
 * «2.b», counterparts by name, acronym or alias) and validated with the API's own schema; the answer says, per
 * row, what is wrong with which column. Saving (`commit`) writes every row in one transaction, and only when no
 * row has an error: a refused import changes nothing.
 */

import { and, asc, desc, eq, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import { z } from "zod";
import { renderXlsx } from "../../documents/spreadsheet.ts";
import type { Db } from "../../platform/db/open.ts";
import {
  activities,
  catalogEntries,
  commissions,
  organisations,
  programmedActions,
  strategicLines,
  workProgrammes,
} from "../../platform/db/schema.ts";
import { isValidCalendarDate } from "../shared/calendar.ts";
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { ZUuid } from "../shared/primitives.ts";
import { activityResource } from "./activities.resources.ts";
import { ZActivityCreate } from "./activities.schema.ts";
import {
  ACTIVITY_IMPORT_COLUMNS,
  type ActivityImportField,
  columnOfHeader,
  comparable,
} from "./activity-import-columns.ts";

/** Larger files are split by whoever prepares them; one transaction stays reasonable. */
export const MAX_IMPORT_ROWS = 5_000;

export const ZActivityImportRow = z.object({
  row: z.number().int().describe("Número de fila en la hoja (la 1 es la de encabezados)"),
  title: z.string(),
  dates: z.string(),
  kind: z.string(),
  action: z.string(),
  counterparts: z.string(),
  errors: z.array(z.object({ column: z.string(), message: z.string() })),
});
export type ActivityImportRow = z.infer<typeof ZActivityImportRow>;

export const ZActivityImportResult = z.object({
  committed: z.boolean().describe("Si se guardaron las actividades"),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  rows: z.array(ZActivityImportRow),
  createdIds: z.array(z.string()),
});
export type ActivityImportResult = z.infer<typeof ZActivityImportResult>;

type Cell = ExcelJS.CellValue;
type Lookups = {
  kinds: Map<string, string>;
  organisations: Map<string, string[]>;
  /** year → «2.B» → action id; years newest first. */
  actions: Map<number, Map<string, string>>;
  existingKeys: Set<string>;
};

/** Reads and checks the spreadsheet; with `commit`, saves every row in one transaction when all are valid. */
export async function importActivities(
  ctx: UseCaseContext,
  input: { commissionId: string; bytes: Uint8Array; commit: boolean },
): Promise<ActivityImportResult> {
  authorize(ctx.actor, "data.import");
  if (!ZUuid.safeParse(input.commissionId).success) throw notFound("la comisión", input.commissionId);
  authorize(ctx.actor, "data.import", { commissionId: input.commissionId });
  const [commission] = await ctx.db
    .select({ id: commissions.id })
    .from(commissions)
    .where(eq(commissions.id, input.commissionId));
  if (!commission) throw notFound("la comisión", input.commissionId);

  const sheet = await readSheet(input.bytes);
  const lookups = await loadLookups(ctx.db, input.commissionId);
  lookups.existingKeys = await takenKeys(
    ctx.db,
    input.commissionId,
    sheet.map((row) => cellText(row.cells.key ?? null)).filter((key) => key !== ""),
  );
  const checked = sheet.map((cells) => checkRow(cells, input.commissionId, lookups));
  flagRepeatedKeys(checked);
  const rows = checked.map((entry) => entry.result);
  const invalid = rows.filter((row) => row.errors.length > 0).length;
  const summary = { total: rows.length, valid: rows.length - invalid, invalid, rows };
  if (!input.commit) return { committed: false, ...summary, createdIds: [] };
  if (invalid > 0) throw refusal(rows);

  const createdIds = await inTransaction(ctx, async (tx) => {
    const ids: string[] = [];
    for (const entry of checked) {
      try {
        ids.push((await activityResource.create({ actor: ctx.actor, db: tx }, entry.input)).id);
      } catch (error) {
        // A check only the database makes (a key taken meanwhile): the whole import is refused.
        if (!(error instanceof AppError)) throw error;
        entry.result.errors.push({ column: "", message: error.publicMessage });
        throw refusal(rows);
      }
    }
    return ids;
  });
  return { committed: true, ...summary, createdIds };
}

function refusal(rows: ActivityImportRow[]): AppError {
  const wrong = rows.filter((row) => row.errors.length > 0);
  return new AppError(
    "dataset_invalid",
    `${wrong.length === 1 ? "Una fila tiene" : `${wrong.length} filas tienen`} errores: no se importó ninguna actividad.`,
    wrong.flatMap((row) =>
      row.errors.map((error) => ({
        path: `filas[${row.row}]${error.column ? `.${error.column}` : ""}`,
        message: error.message,
      })),
    ),
  );
}

/** The template: the columns' headers on the first sheet, what each one takes on the second. */
export function activityImportTemplate(
  { actor }: Pick<UseCaseContext, "actor">,
  now: Date = new Date(),
): Promise<Uint8Array> {
  authorize(actor, "data.import");
  return renderXlsx({
    title: "Plantilla de importación de actividades",
    creator: "Vincula",
    generatedAt: now,
    sheets: [
      {
        name: "Actividades",
        columns: ACTIVITY_IMPORT_COLUMNS.map((column) => ({ header: column.header, width: column.width })),
        rows: [],
      },
      {
        name: "Instrucciones",
        columns: [
          { header: "Columna", width: 16 },
          { header: "Obligatoria", width: 12 },
          { header: "Qué escribir", width: 80 },
          { header: "Ejemplo", width: 40 },
        ],
        rows: ACTIVITY_IMPORT_COLUMNS.map((column) => [
          column.header,
          column.isRequired ? "Sí" : "No",
          column.help,
          column.example || null,
        ]),
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the sheet

type SheetRow = { row: number; cells: Partial<Record<ActivityImportField, Cell>> };

async function readSheet(bytes: Uint8Array): Promise<SheetRow[]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError("dataset_invalid", "El archivo no es un libro de Excel (XLSX) legible.");
  }
  const worksheet = book.worksheets[0];
  if (!worksheet) throw new AppError("dataset_invalid", "El libro no tiene hojas.");
  const fieldAt = new Map<number, ActivityImportField>();
  worksheet.getRow(1).eachCell((cell, columnNumber) => {
    const column = columnOfHeader(cellText(cell.value));
    if (column) fieldAt.set(columnNumber, column.field);
  });
  const found = new Set(fieldAt.values());
  const missing = ACTIVITY_IMPORT_COLUMNS.filter((column) => column.isRequired && !found.has(column.field));
  if (missing.length > 0)
    throw new AppError(
      "dataset_invalid",
      `Faltan las columnas ${missing.map((column) => `«${column.header}»`).join(", ")} en la primera fila de la hoja.`,
      missing.map((column) => ({ path: column.header, message: "falta la columna" })),
    );
  const rows: SheetRow[] = [];
  for (let number = 2; number <= worksheet.rowCount; number++) {
    const cells: SheetRow["cells"] = {};
    let isEmpty = true;
    worksheet.getRow(number).eachCell((cell, columnNumber) => {
      const field = fieldAt.get(columnNumber);
      if (!field || cellText(cell.value) === "") return;
      cells[field] = cell.value;
      isEmpty = false;
    });
    if (isEmpty) continue;
    rows.push({ row: number, cells });
    if (rows.length > MAX_IMPORT_ROWS)
      throw new AppError(
        "dataset_invalid",
        `El archivo tiene más de ${MAX_IMPORT_ROWS.toLocaleString("es-MX")} actividades; divídalo en varios.`,
      );
  }
  if (rows.length === 0) throw new AppError("dataset_invalid", "La hoja no tiene filas de actividades.");
  return rows;
}

/** A cell as text: rich text joined, a formula's result, a date as AAAA-MM-DD. */
function cellText(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return isoDay(value);
  if (typeof value === "object") {
    if ("richText" in value)
      return value.richText
        .map((part) => part.text)
        .join("")
        .trim();
    if ("result" in value) return cellText(value.result as Cell);
    if ("text" in value) return String(value.text).trim();
    if ("error" in value) return String(value.error);
    return "";
  }
  return String(value).trim();
}

/** exceljs reads a date cell as UTC midnight of its day. */
const isoDay = (date: Date): string =>
  Number.isNaN(date.getTime()) ? "fecha inválida" : date.toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------------------------
// Resolving names

async function loadLookups(db: Db, commissionId: string): Promise<Lookups> {
  const [kindRows, organisationRows, actionRows] = await Promise.all([
    db
      .select({ id: catalogEntries.id, key: catalogEntries.key, name: catalogEntries.name })
      .from(catalogEntries)
      .where(eq(catalogEntries.catalog, "activity_kind")),
    db
      .select({
        id: organisations.id,
        key: organisations.key,
        name: organisations.name,
        acronym: organisations.acronym,
        aliases: organisations.aliases,
      })
      .from(organisations),
    db
      .select({
        id: programmedActions.id,
        letter: programmedActions.letter,
        line: strategicLines.number,
        year: workProgrammes.year,
      })
      .from(programmedActions)
      .innerJoin(strategicLines, eq(strategicLines.id, programmedActions.lineId))
      .innerJoin(workProgrammes, eq(workProgrammes.id, strategicLines.programmeId))
      .where(eq(workProgrammes.commissionId, commissionId))
      .orderBy(desc(workProgrammes.year), asc(strategicLines.number)),
  ]);
  const kinds = new Map<string, string>();
  for (const kind of kindRows) {
    kinds.set(comparable(kind.name), kind.id);
    kinds.set(comparable(kind.key), kind.id);
  }
  const byName = new Map<string, Set<string>>();
  for (const organisation of organisationRows) {
    const names = [
      organisation.name,
      organisation.key,
      organisation.acronym,
      ...(organisation.aliases ?? []),
    ];
    for (const name of names) {
      if (!name) continue;
      const set = byName.get(comparable(name)) ?? new Set<string>();
      set.add(organisation.id);
      byName.set(comparable(name), set);
    }
  }
  const actions = new Map<number, Map<string, string>>();
  for (const action of actionRows) {
    const ofYear = actions.get(action.year) ?? new Map<string, string>();
    ofYear.set(`${action.line}.${action.letter.toUpperCase()}`, action.id);
    actions.set(action.year, ofYear);
  }
  const organisationsByName = new Map([...byName].map(([name, ids]) => [name, [...ids]]));
  return { kinds, organisations: organisationsByName, actions, existingKeys: new Set() };
}

// ---------------------------------------------------------------------------------------------------------------
// Checking one row

type CheckedRow = { result: ActivityImportRow; input: Record<string, unknown>; key?: string };

const HEADER_OF = Object.fromEntries(ACTIVITY_IMPORT_COLUMNS.map((c) => [c.field, c.header])) as Record<
  ActivityImportField,
  string
>;

const COLUMN_ORDER = ACTIVITY_IMPORT_COLUMNS.map((column) => column.field);

/** Which column a path of the API's schema concerns. */
const COLUMN_OF_PATH: Record<string, ActivityImportField> = {
  dates: "dates",
  span: "dates",
  kindId: "kind",
  actionId: "action",
  counterpartIds: "counterparts",
  title: "title",
  description: "description",
  audience: "audience",
  quantity: "quantity",
  key: "key",
};

function checkRow(sheetRow: SheetRow, commissionId: string, lookups: Lookups): CheckedRow {
  const text = (field: ActivityImportField) => cellText(sheetRow.cells[field] ?? null);
  const errors: { field: ActivityImportField; message: string }[] = [];
  const fail = (field: ActivityImportField, message: string) => errors.push({ field, message });

  const when = readDates(sheetRow.cells.dates ?? null);
  const firstDay = [...when.dates, when.span?.from]
    .filter((day): day is string => !!day && isValidCalendarDate(day))
    .sort()[0];

  const kindText = text("kind");
  const kindId = kindText ? lookups.kinds.get(comparable(kindText)) : undefined;
  if (kindText && !kindId) fail("kind", `no hay un tipo de actividad «${kindText}» en el catálogo`);

  const actionText = text("action");
  let actionId: string | undefined;
  if (actionText) {
    const reference = /^(\d{1,2})\s*[.\-\s]?\s*([a-z])$/i.exec(actionText);
    if (!reference)
      fail("action", `«${actionText}» no es una acción; escriba la línea y la letra, p. ej. «2.b»`);
    else {
      const wanted = `${Number(reference[1])}.${(reference[2] as string).toUpperCase()}`;
      const year = firstDay ? Number(firstDay.slice(0, 4)) : undefined;
      if (year !== undefined && !lookups.actions.has(year))
        fail("action", `no hay programa de trabajo de ${year} para la acción «${actionText}»`);
      else {
        // Without a valid date (already an error of its own), the newest programme that has the action.
        const years = year !== undefined ? [year] : [...lookups.actions.keys()];
        actionId = years.map((y) => lookups.actions.get(y)?.get(wanted)).find((id) => id !== undefined);
        if (!actionId)
          fail(
            "action",
            `no existe la acción «${actionText}» en el programa de trabajo${year ? ` de ${year}` : ""}`,
          );
      }
    }
  }

  const counterpartIds: string[] = [];
  for (const name of splitList(text("counterparts"))) {
    const ids = lookups.organisations.get(comparable(name)) ?? [];
    if (ids.length === 0) fail("counterparts", `no hay un organismo llamado «${name}» en el catálogo`);
    else if (ids.length > 1)
      fail("counterparts", `«${name}» nombra a ${ids.length} organismos; escriba su nombre completo`);
    else if (!counterpartIds.includes(ids[0] as string)) counterpartIds.push(ids[0] as string);
  }

  const quantityText = text("quantity");
  let quantity: number | undefined;
  if (quantityText) {
    quantity = Number(quantityText.replace(/,/g, ""));
    if (!Number.isInteger(quantity)) {
      fail("quantity", `«${quantityText}» no es un número entero`);
      quantity = undefined;
    }
  }

  const input: Record<string, unknown> = {
    commissionId,
    ...(text("key") ? { key: text("key") } : {}),
    kindId,
    ...(actionId ? { actionId } : {}),
    title: text("title"),
    ...(text("description") ? { description: text("description") } : {}),
    ...(when.span ? { span: when.span } : { dates: when.dates }),
    counterpartIds,
    ...(text("audience") ? { audience: text("audience") } : {}),
    ...(quantity !== undefined ? { quantity } : {}),
  };
  const parsed = ZActivityCreate.safeParse(input);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = COLUMN_OF_PATH[String(issue.path[0])];
      if (!field) continue;
      // A name that resolved to nothing already says so; the schema's complaint about the id adds nothing.
      if (errors.some((error) => error.field === field)) continue;
      fail(field, fieldMessage(field, issue, input));
    }
  if (!text("title") && !errors.some((e) => e.field === "title")) fail("title", "escriba el título");

  const key = text("key") || undefined;
  if (key && lookups.existingKeys.has(key)) fail("key", `ya existe una actividad con la clave «${key}»`);
  return {
    key,
    input,
    result: {
      row: sheetRow.row,
      title: text("title"),
      dates: when.shown,
      kind: kindText,
      action: actionText,
      counterparts: text("counterparts"),
      // In the order of the columns, whatever the order of the checks.
      errors: errors
        .sort((a, b) => COLUMN_ORDER.indexOf(a.field) - COLUMN_ORDER.indexOf(b.field))
        .map((error) => ({ column: HEADER_OF[error.field], message: error.message })),
    },
  };
}

function fieldMessage(
  field: ActivityImportField,
  issue: { path: PropertyKey[]; message: string },
  input: Record<string, unknown>,
): string {
  if (field === "kind" && issue.path[0] === "kindId") return "indique el tipo de actividad";
  if (field === "title") return "escriba el título";
  if (field === "dates" && typeof issue.path[1] === "number") {
    const value = (input.dates as string[])[issue.path[1]];
    return `«${value}» ${issue.message}`;
  }
  return issue.message;
}

/** Dates of a cell: a date cell; «AAAA-MM-DD; …» or DD/MM/AAAA; or a period «AAAA-MM-DD a AAAA-MM-DD». */
function readDates(value: Cell): {
  dates: string[];
  span?: { from: string; to: string };
  shown: string;
} {
  if (value instanceof Date) {
    const day = isoDay(value);
    return { dates: [day], shown: day };
  }
  const text = cellText(value);
  const period = /^(\S+)\s+(?:a|al|hasta)\s+(\S+)$/i.exec(text);
  if (period) {
    const from = isoOf(period[1] as string);
    const to = isoOf(period[2] as string);
    return { dates: [], span: { from, to }, shown: text };
  }
  const dates = splitList(text, /[;,]/).map(isoOf);
  return { dates, shown: text };
}

/** «21/01/2021» → «2021-01-21»; anything else is left for the schema to judge. */
function isoOf(token: string): string {
  const mexican = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(token.trim());
  if (!mexican) return token.trim();
  const [, day, month, year] = mexican as unknown as [string, string, string, string];
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

function splitList(text: string, separator: RegExp = /;/): string[] {
  return text
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** A key given twice in the file, or already taken in the commission, is an error of each row that gives it. */
function flagRepeatedKeys(rows: CheckedRow[]): void {
  const seen = new Map<string, number>();
  for (const entry of rows) {
    if (!entry.key) continue;
    const first = seen.get(entry.key);
    if (first !== undefined)
      entry.result.errors.push({
        column: HEADER_OF.key,
        message: `la clave «${entry.key}» ya está en la fila ${first}`,
      });
    else seen.set(entry.key, entry.result.row);
  }
}

/** Keys of the file already used by activities of the commission. */
async function takenKeys(db: Db, commissionId: string, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .select({ key: activities.key })
    .from(activities)
    .where(and(eq(activities.commissionId, commissionId), inArray(activities.key, keys)));
  return new Set(rows.map((row) => row.key));
}
