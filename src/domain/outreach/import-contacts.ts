/**
 * Import of contacts into a list from CSV or XLSX. Every row is checked (address, consent source and date,
 * country, language, lengths) and de-duplicated by normalised address, against the list and within the file;
 * the answer names every rejected row with its number and reasons. `commit` saves the valid rows, all in one
 * transaction with their consents, and leaves the rejected ones out; a commit with no valid row, or that meets a
 * concurrent change, is refused and changes nothing (docs/decisions/022).
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { contacts } from "../../platform/db/schema.ts";
import { isValidCalendarDate } from "../shared/calendar.ts";
import { inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError } from "../shared/errors.ts";
import { unstorableText } from "../shared/primitives.ts";
import { translateDbError } from "../shared/resource.ts";
import { countryCode, emailProblem, languageTag, normalizeEmail } from "./contact-fields.ts";
import { CONTACT_IMPORT_COLUMNS, type ContactImportField, columnOfHeader } from "./contact-import-columns.ts";
import { insertContacts, type NewContact } from "./contacts.repository.ts";
import { listInScope } from "./lists.ts";
import { readTable } from "./read-table.ts";

/** The base abroad numbers tens of thousands; twice the largest expected list fits one file. */
export const MAX_CONTACT_IMPORT_ROWS = 200_000;
/** Valid rows shown in a preview. */
const PREVIEW_ROWS = 20;

const ZProblemCell = z.object({ column: z.string(), message: z.string() });
export const ZContactImportResult = z.object({
  committed: z.boolean().describe("Si se guardaron los contactos válidos"),
  total: z.number().int().describe("Filas con datos en el archivo"),
  valid: z.number().int(),
  rejected: z.number().int(),
  imported: z.number().int().describe("Contactos guardados (0 sin commit)"),
  rejections: z
    .array(
      z.object({
        row: z.number().int().describe("Número de fila en el archivo (la 1 es la de encabezados)"),
        email: z.string(),
        reasons: z.array(ZProblemCell),
      }),
    )
    .describe("Cada fila rechazada, con sus motivos"),
  preview: z
    .array(
      z.object({
        row: z.number().int(),
        name: z.string().nullable(),
        email: z.string(),
        country: z.string().nullable(),
        city: z.string().nullable(),
        language: z.string().nullable(),
        tags: z.array(z.string()),
      }),
    )
    .describe(`Las primeras ${PREVIEW_ROWS} filas válidas, como se guardarían`),
});
export type ContactImportResult = z.infer<typeof ZContactImportResult>;

type Checked = {
  row: number;
  email: string;
  reasons: { column: string; message: string }[];
  contact?: NewContact;
};

const HEADER_OF = Object.fromEntries(CONTACT_IMPORT_COLUMNS.map((c) => [c.field, c.header])) as Record<
  ContactImportField,
  string
>;

/** Checks the file against the list; with `commit`, saves the valid rows in one transaction. */
export async function importContacts(
  ctx: UseCaseContext,
  input: { listId: string; bytes: Uint8Array; commit: boolean; today: string },
): Promise<ContactImportResult> {
  const list = await listInScope(ctx, input.listId, "contacts.write");
  const table = await readTable(input.bytes, MAX_CONTACT_IMPORT_ROWS);
  const fieldAt = new Map<ContactImportField, number>();
  for (const [index, header] of table.headers.entries()) {
    const column = columnOfHeader(header);
    if (column && !fieldAt.has(column.field)) fieldAt.set(column.field, index);
  }
  const missing = CONTACT_IMPORT_COLUMNS.filter((column) => column.isRequired && !fieldAt.has(column.field));
  if (missing.length > 0)
    throw new AppError(
      "dataset_invalid",
      `Faltan las columnas ${missing.map((column) => `«${column.header}»`).join(", ")} en la primera fila.`,
      missing.map((column) => ({ path: column.header, message: "falta la columna" })),
    );

  const defaults = { privacyNoticeVersion: list.privacyNoticeVersion, purposes: [list.purpose] };
  const checked = table.rows.map((row) =>
    checkRow(
      row.row,
      (field) => {
        const index = fieldAt.get(field);
        return index === undefined ? "" : (row.cells[index] ?? "");
      },
      defaults,
      input.today,
    ),
  );

  // De-duplication: against the list, then within the file (the first valid row of an address wins).
  const onList = new Set(
    (
      await ctx.db
        .select({ email: contacts.normalizedEmail })
        .from(contacts)
        .where(eq(contacts.listId, list.id))
    ).map((row) => row.email),
  );
  const firstRow = new Map<string, number>();
  for (const entry of checked) {
    if (!entry.contact) continue;
    const address = entry.contact.normalizedEmail;
    const reject = (message: string) => {
      entry.reasons.push({ column: HEADER_OF.email, message });
      entry.contact = undefined;
    };
    if (onList.has(address)) reject(`«${address}» ya está en la lista`);
    else if (firstRow.has(address))
      reject(`«${address}» repite el correo de la fila ${firstRow.get(address)}`);
    else firstRow.set(address, entry.row);
  }

  const valid = checked.filter((entry) => entry.contact);
  const rejections = checked
    .filter((entry) => !entry.contact)
    .map((entry) => ({ row: entry.row, email: entry.email, reasons: entry.reasons }));
  const summary = {
    total: checked.length,
    valid: valid.length,
    rejected: rejections.length,
    rejections,
    preview: valid.slice(0, PREVIEW_ROWS).map((entry) => {
      const contact = entry.contact as NewContact;
      return {
        row: entry.row,
        name: contact.name,
        email: contact.email,
        country: contact.country,
        city: contact.city,
        language: contact.language,
        tags: contact.tags,
      };
    }),
  };
  if (!input.commit) return { committed: false, imported: 0, ...summary };
  if (valid.length === 0)
    throw new AppError("dataset_invalid", "Ninguna fila es válida: no se importó ningún contacto.", [
      ...rejections.slice(0, 100).flatMap((rejection) =>
        rejection.reasons.map((reason) => ({
          path: `filas[${rejection.row}].${reason.column}`,
          message: reason.message,
        })),
      ),
    ]);
  const ids = await inTransaction(ctx, async (tx) => {
    // Re-checked under the transaction: the scope, and (by the unique constraint) addresses added meanwhile.
    await listInScope(ctx, list.id, "contacts.write", tx);
    try {
      return await insertContacts(
        tx,
        list.id,
        valid.map((entry) => entry.contact as NewContact),
      );
    } catch (error) {
      if (translateDbError(error, "el contacto")?.code === "conflict")
        throw new AppError(
          "conflict",
          "Otra operación agregó a la lista alguno de estos correos mientras se importaba: no se importó ningún contacto; revise de nuevo el archivo.",
        );
      throw error;
    }
  });
  return { committed: true, imported: ids.length, ...summary };
}

const DATE_DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** «21/01/2021» → «2021-01-21»; AAAA-MM-DD as is; anything else undefined. */
function isoDate(text: string): string | undefined {
  const dmy = DATE_DMY.exec(text);
  const iso = dmy
    ? `${dmy[3]}-${(dmy[2] as string).padStart(2, "0")}-${(dmy[1] as string).padStart(2, "0")}`
    : text;
  return isValidCalendarDate(iso) ? iso : undefined;
}

const splitList = (text: string) =>
  text
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "");

function checkRow(
  row: number,
  cell: (field: ContactImportField) => string,
  defaults: { privacyNoticeVersion: string; purposes: string[] },
  today: string,
): Checked {
  const reasons: { field: ContactImportField; message: string }[] = [];
  const fail = (field: ContactImportField, message: string) => reasons.push({ field, message });
  for (const column of CONTACT_IMPORT_COLUMNS) {
    const problem = unstorableText(cell(column.field));
    if (problem) fail(column.field, problem);
  }
  const tooLong = (field: ContactImportField, max: number) => {
    if (cell(field).length > max) fail(field, `pasa de ${max} caracteres`);
  };

  const email = cell("email");
  const normalizedEmail = normalizeEmail(email);
  const emailIssue = emailProblem(normalizedEmail);
  if (emailIssue) fail("email", emailIssue);

  const source = cell("consentSource");
  if (source === "")
    fail("consentSource", "falta la fuente del consentimiento: no se importa un contacto sin ella");
  tooLong("consentSource", 500);

  const dateText = cell("consentDate");
  const givenOn = isoDate(dateText);
  if (dateText === "") fail("consentDate", "falta la fecha del consentimiento");
  else if (!givenOn) fail("consentDate", `«${dateText}» no es una fecha válida (AAAA-MM-DD o DD/MM/AAAA)`);
  else if (givenOn > today) fail("consentDate", `«${dateText}» es posterior a hoy`);

  const countryText = cell("country");
  const country = countryText ? countryCode(countryText) : undefined;
  if (countryText && !country)
    fail("country", `«${countryText}» no es un país conocido (código ISO de dos letras o nombre)`);

  const languageText = cell("language");
  const language = languageText ? languageTag(languageText) : undefined;
  if (languageText && !language)
    fail("language", `«${languageText}» no es un idioma (p. ej. «es», «en», «español»)`);

  tooLong("name", 500);
  tooLong("city", 500);
  tooLong("noticeVersion", 100);
  const tags = [...new Set(splitList(cell("tags")))];
  if (tags.length > 50 || tags.some((tag) => tag.length > 100))
    fail("tags", "a lo más 50 etiquetas de hasta 100 caracteres");
  const purposes = splitList(cell("purposes"));
  if (purposes.length > 20 || purposes.some((purpose) => purpose.length > 500))
    fail("purposes", "a lo más 20 finalidades de hasta 500 caracteres");

  const order = CONTACT_IMPORT_COLUMNS.map((column) => column.field);
  const result: Checked = {
    row,
    email,
    reasons: reasons
      .sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))
      .map((reason) => ({ column: HEADER_OF[reason.field], message: reason.message })),
  };
  if (reasons.length === 0)
    result.contact = {
      name: cell("name") || null,
      email: email.trim(),
      normalizedEmail,
      country: country ?? null,
      city: cell("city") || null,
      language: language ?? null,
      tags,
      consent: {
        givenOn: givenOn as string,
        source,
        privacyNoticeVersion: cell("noticeVersion") || defaults.privacyNoticeVersion,
        purposes: purposes.length > 0 ? purposes : defaults.purposes,
      },
    };
  return result;
}
