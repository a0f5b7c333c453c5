import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { buildCommission, uniqueKey } from "../../../tests/support/factories.ts";
import { contactConsents, contacts } from "../../platform/db/schema.ts";
import type { UseCaseContext } from "../shared/context.ts";
import { createContact } from "./contacts.ts";
import { importContacts } from "./import-contacts.ts";
import { createOutreachList } from "./lists.ts";
import { readCsv } from "./read-table.ts";

const HEADER =
  "nombre,correo,país,ciudad,idioma,etiquetas,fecha de consentimiento,fuente del consentimiento,versión del aviso,finalidades";
const TODAY = "2021-06-30";
const csv = (...lines: string[]) => new TextEncoder().encode([HEADER, ...lines].join("\r\n"));

describe("readCsv", () => {
  it("reads quoted fields with separators, quotes and line breaks, and takes ; when the header uses it", () => {
    const table = readCsv('nombre;correo\r\n"Pérez; Ana";"a@b.mx"\n"Dice ""hola""\nadiós";x@y.mx\n');
    expect(table.headers).toEqual(["nombre", "correo"]);
    expect(table.rows).toEqual([
      { row: 2, cells: ["Pérez; Ana", "a@b.mx"] },
      { row: 3, cells: ['Dice "hola"\nadiós', "x@y.mx"] },
    ]);
  });
});

describeEachEngine("contact import", (t) => {
  let commissionId: string;
  const newList = async (ctx: UseCaseContext = t.context) =>
    createOutreachList(ctx, {
      commissionId,
      key: uniqueKey("voto-chilango"),
      name: "Voto Chilango",
      purpose: "Informar sobre el voto desde el extranjero",
      retentionMonths: 36,
      privacyNoticeVersion: "2021-01",
    });
  const contactsOf = (listId: string) =>
    t.context.db.select().from(contacts).where(eq(contacts.listId, listId)).orderBy(contacts.normalizedEmail);

  beforeAll(async () => {
    commissionId = (await buildCommission(t.context)).id;
  });

  it("rejects exactly the malformed, duplicated (case, spaces, Unicode form) and consentless rows, with reasons", async () => {
    const list = await newList();
    await createContact(t.context, list.id, {
      email: "Ya.Estaba@example.com",
      consent: { givenOn: "2020-05-01", source: "formulario web" },
    });
    const file = csv(
      "Ana López,Ana@Example.com,MX,Ciudad de México,es,voto; 2021,2021-01-10,formulario web,,",
      "Ana L.,ana@example.com ,MX,,,,2021-01-11,formulario web,,",
      "José Pérez,josé@ejemplo.mx,US,Chicago,español,,10/01/2021,registro en evento,2020-12,informar; invitar",
      "José P.,JOSE\u0301@ejemplo.mx,US,,,,2021-01-12,registro en evento,,",
      "Pedro,pedro@@example,MX,,,,2021-01-10,formulario web,,",
      "Luisa,luisa@example.com,MX,,,,2021-01-10,,,",
      "Marta,marta@example.com,MX,,,,31/02/2021,formulario web,,",
      "Kim,kim@example.com,Narnia,,,,2021-01-10,formulario web,,",
      "Otra vez,ya.estaba@EXAMPLE.com,,,,,2021-01-10,formulario web,,",
      "Olga,olga@example.org,Estados Unidos,Houston,inglés,,15/03/2021,correo,,",
      "Futura,futura@example.org,,,,,2021-07-01,formulario web,,",
      ",,,,,,,,,",
    );
    const preview = await importContacts(t.context, {
      listId: list.id,
      bytes: file,
      commit: false,
      today: TODAY,
    });
    expect(preview).toMatchObject({ committed: false, total: 11, valid: 3, rejected: 8, imported: 0 });
    expect(preview.rejections.map((r) => [r.row, r.reasons.map((reason) => reason.column)])).toEqual([
      [3, ["correo"]],
      [5, ["correo"]],
      [6, ["correo"]],
      [7, ["fuente del consentimiento"]],
      [8, ["fecha de consentimiento"]],
      [9, ["país"]],
      [10, ["correo"]],
      [12, ["fecha de consentimiento"]],
    ]);
    const reasonOf = (row: number) => preview.rejections.find((r) => r.row === row)?.reasons[0]?.message;
    expect(reasonOf(3)).toBe("«ana@example.com» repite el correo de la fila 2");
    expect(reasonOf(5)).toBe("«josé@ejemplo.mx» repite el correo de la fila 4");
    expect(reasonOf(6)).toMatch(/no es un correo válido/);
    expect(reasonOf(7)).toMatch(/falta la fuente del consentimiento/);
    expect(reasonOf(8)).toBe("«31/02/2021» no es una fecha válida (AAAA-MM-DD o DD/MM/AAAA)");
    expect(reasonOf(9)).toMatch(/«Narnia» no es un país/);
    expect(reasonOf(10)).toBe("«ya.estaba@example.com» ya está en la lista");
    expect(reasonOf(12)).toMatch(/posterior a hoy/);
    expect(preview.preview.map((row) => [row.row, row.country, row.language])).toEqual([
      [2, "MX", "es"],
      [4, "US", "es"],
      [11, "US", "en"],
    ]);
    expect(await contactsOf(list.id)).toHaveLength(1);

    const committed = await importContacts(t.context, {
      listId: list.id,
      bytes: file,
      commit: true,
      today: TODAY,
    });
    expect(committed).toMatchObject({ committed: true, valid: 3, rejected: 8, imported: 3 });
    const stored = await contactsOf(list.id);
    expect(stored.map((c) => [c.email, c.normalizedEmail])).toEqual([
      ["Ana@Example.com", "ana@example.com"],
      ["josé@ejemplo.mx", "josé@ejemplo.mx"],
      ["olga@example.org", "olga@example.org"],
      ["Ya.Estaba@example.com", "ya.estaba@example.com"],
    ]);
    const jose = stored.find((c) => c.normalizedEmail === "josé@ejemplo.mx");
    const [consent] = await t.context.db
      .select()
      .from(contactConsents)
      .where(eq(contactConsents.contactId, jose?.id as string));
    expect(consent).toMatchObject({
      givenOn: "2021-01-10",
      source: "registro en evento",
      privacyNoticeVersion: "2020-12",
      purposes: ["informar", "invitar"],
    });
    const ana = stored.find((c) => c.normalizedEmail === "ana@example.com");
    expect(ana).toMatchObject({ tags: ["voto", "2021"], status: "subscribed", city: "Ciudad de México" });
    expect(new Set(stored.map((c) => c.unsubscribeToken)).size).toBe(4);
    // The same file again: every address is now on the list, so nothing is valid and the commit is refused.
    await expect(
      importContacts(t.context, { listId: list.id, bytes: file, commit: true, today: TODAY }),
    ).rejects.toMatchObject({ code: "dataset_invalid" });
    expect(await contactsOf(list.id)).toHaveLength(4);
  });

  it("refuses a file without the consent columns, or unreadable, and changes nothing", async () => {
    const list = await newList();
    const noConsent = new TextEncoder().encode("nombre,correo\nAna,ana@example.com\n");
    await expect(
      importContacts(t.context, { listId: list.id, bytes: noConsent, commit: true, today: TODAY }),
    ).rejects.toMatchObject({
      code: "dataset_invalid",
      details: [
        { path: "fecha de consentimiento", message: "falta la columna" },
        { path: "fuente del consentimiento", message: "falta la columna" },
      ],
    });
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    await expect(
      importContacts(t.context, { listId: list.id, bytes: broken, commit: true, today: TODAY }),
    ).rejects.toMatchObject({ code: "dataset_invalid" });
    expect(await contactsOf(list.id)).toHaveLength(0);
  });

  it("reads XLSX, with date cells and Spanish headers in any order and case", async () => {
    const list = await newList();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Contactos");
    sheet.addRow(["Fuente del consentimiento", "CORREO", "Fecha de consentimiento", "Pais"]);
    sheet.addRow(["formulario web", "uno@example.com", new Date(Date.UTC(2021, 0, 5)), "ca"]);
    sheet.addRow([null, "dos@example.com", new Date(Date.UTC(2021, 0, 6)), "CA"]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const result = await importContacts(t.context, { listId: list.id, bytes, commit: true, today: TODAY });
    expect(result).toMatchObject({ imported: 1, rejections: [{ row: 3, email: "dos@example.com" }] });
    const [stored] = await contactsOf(list.id);
    expect(stored).toMatchObject({ email: "uno@example.com", country: "CA" });
  });

  it("needs contacts.write in the list's commission", async () => {
    const list = await newList();
    const member: UseCaseContext = {
      db: t.context.db,
      actor: {
        kind: "account",
        id: "00000000-0000-4000-8000-000000000001",
        username: "consejera",
        name: "Consejera",
        isAdministrator: false,
        grants: [{ commissionId, role: "commission_member", areaId: null }],
      },
    };
    await expect(
      importContacts(member, { listId: list.id, bytes: csv(), commit: false, today: TODAY }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});
