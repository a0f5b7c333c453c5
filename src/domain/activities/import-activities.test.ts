import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import {
  buildArea,
  buildCatalogEntry,
  buildCommission,
  buildOrganisation,
  uniqueKey,
} from "../../../tests/support/factories.ts";
import { workProgrammeResource } from "../programmes/programmes.resources.ts";
import { AppError } from "../shared/errors.ts";
import { activityResource } from "./activities.resources.ts";
import { ACTIVITY_IMPORT_COLUMNS } from "./activity-import-columns.ts";
import { activityImportTemplate, importActivities } from "./import-activities.ts";

/** A workbook with these headers and rows, as a person would fill it in. */
async function workbook(headers: string[], rows: ExcelJS.CellValue[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Actividades");
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const HEADERS = ["Fecha(s)", "tipo", "ACCION", "Contraparte", "Título", "Cantidad"];

describeEachEngine("importing activities from a spreadsheet", (t) => {
  let commissionId: string;
  let actionIds: { a2b: string; a1a: string };
  let organisationId: string;
  const kindName = `Reunión de vinculación ${uniqueKey("k")}`;

  beforeAll(async () => {
    commissionId = (await buildCommission(t.context)).id;
    await buildCatalogEntry(t.context, "activity_kind", { name: kindName });
    const area = await buildArea(t.context);
    organisationId = (
      await buildOrganisation(t.context, {
        name: `Instituto de la Juventud ${uniqueKey("o")}`,
        acronym: uniqueKey("IJ"),
        aliases: ["Juventud Capitalina Ñ"],
      })
    ).id;
    const programme = await workProgrammeResource.create(t.context, {
      commissionId,
      year: 2021,
      title: "Programa Anual de Trabajo 2021",
      lines: [
        {
          number: 1,
          title: "Seguimiento",
          actions: [{ letter: "A", title: "Seguimiento al convenio", quarters: [1], areaIds: [area.id] }],
        },
        {
          number: 2,
          title: "Convenios",
          actions: [{ letter: "B", title: "Celebración de convenios", quarters: [1, 2], areaIds: [area.id] }],
        },
      ],
    });
    const action = (line: number, letter: string) =>
      programme.lines.find((l) => l.number === line)?.actions.find((a) => a.letter === letter)?.id as string;
    actionIds = { a2b: action(2, "B"), a1a: action(1, "A") };
  });

  const count = async () => (await activityResource.list(t.context, { commissionId, limit: 1 })).total;

  it("checks every row, resolving the kind, «2.b» and a counterpart by alias without accents", async () => {
    const bytes = await workbook(HEADERS, [
      ["2021-02-11; 18/02/2021", kindName.toUpperCase(), "2.b", "juventud capitalina n", "Reunión", 12],
      [new Date(Date.UTC(2021, 0, 13)), kindName, "1A", "", "Sesión de seguimiento", null],
      ["2021-03-01 a 2021-03-31", kindName, "", "", "Compilación mensual", ""],
    ]);
    const before = await count();
    const preview = await importActivities(t.context, { commissionId, bytes, commit: false });
    expect(preview).toMatchObject({ committed: false, total: 3, valid: 3, invalid: 0, createdIds: [] });
    expect(preview.rows.map((row) => row.row)).toEqual([2, 3, 4]);
    expect(await count()).toBe(before);

    const saved = await importActivities(t.context, { commissionId, bytes, commit: true });
    expect(saved).toMatchObject({ committed: true, valid: 3 });
    expect(await count()).toBe(before + 3);
    const first = await activityResource.get(t.context, saved.createdIds[0] as string);
    expect(first).toMatchObject({
      actionId: actionIds.a2b,
      dates: ["2021-02-11", "2021-02-18"],
      counterpartIds: [organisationId],
      quantity: 12,
      title: "Reunión",
    });
    expect(first.key).toMatch(/^2021-02-11-reunion-[0-9a-f]{6}$/);
    const second = await activityResource.get(t.context, saved.createdIds[1] as string);
    expect(second).toMatchObject({ actionId: actionIds.a1a, dates: ["2021-01-13"] });
    const third = await activityResource.get(t.context, saved.createdIds[2] as string);
    expect(third).toMatchObject({ span: { from: "2021-03-01", to: "2021-03-31" }, isContinuous: true });
  });

  it("says what is wrong with each column of each row, and a refused import saves nothing", async () => {
    const bytes = await workbook(HEADERS, [
      ["2021-02-11", kindName, "2.b", "", "Buena", null],
      ["2021-02-30", kindName, "2.b", "", "Fecha imposible", null],
      ["11 de febrero", kindName, "2.b", "", "Fecha ilegible", null],
      ["2021-02-11", "Tipo que no existe", "9.z", "Organismo inventado", "Tres errores", "muchos"],
      ["2022-01-10", kindName, "1.a", "", "Sin programa de 2022", null],
      ["2021-02-11", "", "", "", "", null],
    ]);
    const before = await count();
    const preview = await importActivities(t.context, { commissionId, bytes, commit: false });
    expect(preview).toMatchObject({ total: 6, valid: 1, invalid: 5 });
    const errorsOf = (row: number) =>
      preview.rows.find((entry) => entry.row === row)?.errors.map((e) => `${e.column}: ${e.message}`);
    expect(errorsOf(2)).toEqual([]);
    expect(errorsOf(3)).toEqual([
      "Fechas: «2021-02-30» no es una fecha válida (se espera AAAA-MM-DD de un día que exista)",
    ]);
    expect(errorsOf(4)?.[0]).toMatch(/^Fechas: «11 de febrero» no es una fecha válida/);
    expect(errorsOf(5)).toEqual([
      "Tipo: no hay un tipo de actividad «Tipo que no existe» en el catálogo",
      "Acción: no existe la acción «9.z» en el programa de trabajo de 2021",
      "Contrapartes: no hay un organismo llamado «Organismo inventado» en el catálogo",
      "Cantidad: «muchos» no es un número entero",
    ]);
    expect(errorsOf(6)).toEqual(["Acción: no hay programa de trabajo de 2022 para la acción «1.a»"]);
    expect(errorsOf(7)).toEqual(["Tipo: indique el tipo de actividad", "Título: escriba el título"]);

    const refused = await importActivities(t.context, { commissionId, bytes, commit: true }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "dataset_invalid" });
    expect((refused as AppError).details).toContainEqual({
      path: "filas[5].Acción",
      message: "no existe la acción «9.z» en el programa de trabajo de 2021",
    });
    expect(await count()).toBe(before);
  });

  it("refuses a key given twice or already taken, a file that is not XLSX and one without the columns", async () => {
    const taken = uniqueKey("tomada");
    await importActivities(t.context, {
      commissionId,
      bytes: await workbook(["Fechas", "Tipo", "Título", "Clave"], [["2021-01-05", kindName, "Una", taken]]),
      commit: true,
    });
    const again = await importActivities(t.context, {
      commissionId,
      bytes: await workbook(
        ["Fechas", "Tipo", "Título", "Clave"],
        [
          ["2021-01-05", kindName, "Otra", taken],
          ["2021-01-06", kindName, "Dos", "nueva-clave"],
          ["2021-01-07", kindName, "Dos bis", "nueva-clave"],
        ],
      ),
      commit: false,
    });
    expect(again.rows.map((row) => row.errors.map((e) => e.message))).toEqual([
      [`ya existe una actividad con la clave «${taken}»`],
      [],
      ["la clave «nueva-clave» ya está en la fila 3"],
    ]);

    await expect(
      importActivities(t.context, {
        commissionId,
        bytes: new TextEncoder().encode("a,b\n1,2"),
        commit: false,
      }),
    ).rejects.toMatchObject({ code: "dataset_invalid", publicMessage: expect.stringMatching(/XLSX/) });
    await expect(
      importActivities(t.context, {
        commissionId,
        bytes: await workbook(["Fecha", "Descripción"], [["2021-01-05", "x"]]),
        commit: false,
      }),
    ).rejects.toMatchObject({
      code: "dataset_invalid",
      publicMessage: "Faltan las columnas «Tipo», «Título» en la primera fila de la hoja.",
    });
  });

  it("writes a template whose headers the import reads back", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await activityImportTemplate(t.context)) as unknown as ArrayBuffer);
    const headers = ((book.worksheets[0]?.getRow(1).values ?? []) as unknown[]).slice(1);
    expect(headers).toEqual(ACTIVITY_IMPORT_COLUMNS.map((column) => column.header));
    expect(book.worksheets[1]?.name).toBe("Instrucciones");
  });
});
