/**
 * Actividades and Programa de trabajo in Chromium, over the real app and the demo quarter: the technical
 * secretariat records an activity with the keyboard alone (the counterpart found by part of an alias), finds it in
 * the list and through the API, filters the list and exports it as CSV, edits it, imports an XLSX whose bad rows
 * the preview shows before anything is saved, then a corrected one; edits a justification of the programme and
 * finds it after a reload. An area liaison is offered only its area's actions and records one. Every page is
 * checked with axe and photographed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workProgrammeResource } from "../../src/domain/programmes/programmes.resources.ts";
import type { Programme } from "../../src/domain/programmes/programmes.schema.ts";
import { screenshot, startWebApp, type WebApp, webSkipReason } from "../support/web-app.ts";

type Activity = {
  id: string;
  title: string;
  actionId: string | null;
  kindId: string;
  dates: string[];
  counterpartIds: string[];
  description: string | null;
  quantity: number | null;
};
type Page_<T> = { items: T[]; total: number };

describe.skipIf(webSkipReason !== undefined)("Actividades and Programa de trabajo in Chromium", () => {
  let web: WebApp;
  let programme: Programme;
  const ids = {
    action1a: "",
    action1b: "",
    action2b: "",
    action3d: "",
    meeting: "",
    executiveNote: "",
    councilIne: "",
    deoeyg: "",
  };
  let directory: string;

  beforeAll(async () => {
    web = await startWebApp();
    directory = mkdtempSync(join(tmpdir(), "vincula-e2e-activities-"));
    const db = web.database.db;
    const [found] = (await workProgrammeResource.list(web.system, { commissionId: web.commissionId })).items;
    programme = found as Programme;
    const action = (line: number, letter: string) =>
      programme.lines.find((l) => l.number === line)?.actions.find((a) => a.letter === letter)?.id as string;
    ids.action2b = action(2, "B");
    ids.action3d = action(3, "D");
    ids.action1a = action(1, "A");
    ids.action1b = action(1, "B");
    ids.meeting = (
      await db.query.catalogEntries.findFirst({ where: (c, { eq }) => eq(c.key, "working_meeting") })
    )?.id as string;
    ids.executiveNote = (
      await db.query.catalogEntries.findFirst({ where: (c, { eq }) => eq(c.key, "executive_note") })
    )?.id as string;
    ids.councilIne = (await db.query.organisations.findFirst({ where: (o, { eq }) => eq(o.key, "ine-cg") }))
      ?.id as string;
    ids.deoeyg = (await db.query.areas.findFirst({ where: (a, { eq }) => eq(a.key, "deoeyg") }))
      ?.id as string;
    // The demo gives every action to the UTVOE; the liaison's area (DEOEyG) shares action 3.D.
    await workProgrammeResource.update(web.system, programme.id, {
      lines: programme.lines.map((line) => ({
        number: line.number,
        title: line.title,
        justifications: line.justifications.map(({ quarter, text }) => ({ quarter, text })),
        actions: line.actions.map((a) => ({
          letter: a.letter,
          title: a.title,
          quarters: a.quarters,
          areaIds: a.id === ids.action3d ? [...a.areaIds, ids.deoeyg] : a.areaIds,
          justifications: a.justifications.map(({ quarter, text }) => ({ quarter, text })),
        })),
      })),
    });
  }, 120_000);

  afterAll(async () => web?.close());

  const api = async <T>(page: Page, path: string): Promise<T> => {
    const response = await page.request.get(`${web.baseUrl}/api/v1${path}`);
    expect(response.status(), path).toBe(200);
    return (await response.json()) as T;
  };
  const activityTotal = async (page: Page) =>
    (await api<Page_<Activity>>(page, `/activities?commissionId=${web.commissionId}&limit=1`)).total;

  async function workbook(name: string, rows: (string | Date)[][]): Promise<string> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Actividades");
    sheet.addRow(["Fechas", "Tipo", "Acción", "Contrapartes", "Título"]);
    for (const row of rows) sheet.addRow(row);
    const path = join(directory, name);
    writeFileSync(path, new Uint8Array(await book.xlsx.writeBuffer()));
    return path;
  }

  it("records an activity from the keyboard, lists, filters, exports, edits and imports activities", async () => {
    const { page, cspReports } = await web.openPage();
    await web.signIn(page, "secretaria");
    await page.goto(`${web.baseUrl}/actividades`);
    await page.getByRole("heading", { name: "Actividades", level: 1 }).waitFor();
    const form = page.getByRole("form", { name: "Registro rápido" });
    const kind = form.getByRole("combobox", { name: /^Tipo/ });
    await kind.waitFor();

    // Keyboard only: type, Tab, type, …; the counterpart by part of an alias («Consejo General del INE»,
    // without its accents or capitals), Enter picks it and Enter again saves.
    const title = "Reunión de seguimiento con el Consejo General";
    await kind.focus();
    await page.keyboard.type("reunion de tra");
    await page.keyboard.press("Tab");
    await page.keyboard.type("2021-03-15, 16/03/2021");
    await page.keyboard.press("Tab");
    await page.keyboard.type("2.b");
    await page.keyboard.press("Tab");
    await page.keyboard.type(title);
    await page.keyboard.press("Tab");
    await page.keyboard.type("Acuerdos sobre el programa de trabajo.");
    await page.keyboard.press("Tab");
    await page.keyboard.type("general del ine");
    await page.getByRole("option", { name: /Consejo General del Instituto Nacional Electoral/ }).waitFor();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await form.getByText(`Actividad registrada: «${title}»`).waitFor();
    // The form is ready for the next one: title cleared, kind and action kept, focus on the first field.
    await expect(form.getByRole("textbox", { name: /^Título/ }).inputValue()).resolves.toBe("");
    await expect(kind.inputValue()).resolves.toBe("Reunión de trabajo");
    await expect(kind.evaluate((element) => element === document.activeElement)).resolves.toBe(true);

    const recorded = (
      await api<Page_<Activity>>(
        page,
        `/activities?commissionId=${web.commissionId}&q=${encodeURIComponent(title)}`,
      )
    ).items.find((activity) => activity.title === title) as Activity;
    expect(recorded).toMatchObject({
      actionId: ids.action2b,
      kindId: ids.meeting,
      dates: ["2021-03-15", "2021-03-16"],
      counterpartIds: [ids.councilIne],
      description: "Acuerdos sobre el programa de trabajo.",
    });
    await expect(
      form.getByRole("link", { name: "Ver o completar la actividad" }).getAttribute("href"),
    ).resolves.toBe(`/actividades/${recorded.id}`);
    const table = page.getByTestId("activities-table");
    await table.getByRole("link", { name: title }).waitFor();
    await page.keyboard.press("Escape");
    await web.expectAccessible(page);
    await screenshot(page, "20-actividades");

    // A refused field is flagged under itself, with the API's words.
    await form.getByRole("textbox", { name: /^Fechas/ }).fill("2021-02-30");
    await form.getByRole("textbox", { name: /^Título/ }).fill("Fecha imposible");
    await page.keyboard.press("Control+Enter");
    await form.getByText("no es una fecha válida (se espera AAAA-MM-DD de un día que exista)").waitFor();
    await web.expectAccessible(page);
    // Editing the field takes its complaint away.
    await form.getByRole("textbox", { name: /^Fechas/ }).fill("");
    await form
      .getByText("no es una fecha válida (se espera AAAA-MM-DD de un día que exista)")
      .waitFor({ state: "detached" });
    await form.getByRole("textbox", { name: /^Título/ }).fill("");

    // Filters: action 1.B in 2021-T1, then also of kind «Nota ejecutiva»: every row is of them, as many as the API
    // says; the CSV export holds exactly those rows.
    const filters = page.getByRole("group", { name: "Filtros" });
    const rows = table.locator("tbody tr");
    const listed = async (query: string) => {
      const expected = await api<Page_<Activity>>(
        page,
        `/activities?commissionId=${web.commissionId}&actionId=${ids.action1b}&from=2021-01-01&to=2021-03-31${query}&limit=500`,
      );
      await page
        .getByTestId("activities-total")
        .filter({ hasText: `${expected.total} actividades` })
        .waitFor();
      await expect(rows.count()).resolves.toBe(expected.total);
      return { total: expected.total, texts: await rows.allTextContents() };
    };
    await filters.getByRole("combobox", { name: "Acción" }).click();
    await page.getByRole("option", { name: /^1\.B — / }).click();
    await filters.getByRole("combobox", { name: "Periodo" }).click();
    await page.getByRole("option", { name: "2021-T1" }).click();
    const ofAction = await listed("");
    expect(ofAction.total).toBeGreaterThan(10);
    for (const text of ofAction.texts) expect(text).toContain("1.B");
    await filters.getByRole("combobox", { name: /^Tipo/ }).click();
    await page.getByRole("option", { name: "Nota ejecutiva", exact: true }).click();
    const notes = await listed(`&kindId=${ids.executiveNote}`);
    expect(notes.total).toBe(8);
    for (const text of notes.texts) expect(text).toMatch(/Nota ejecutiva\s*1\.B/);
    expect(new URL(page.url()).searchParams.get("periodo")).toBe("2021-T1");
    await page.getByRole("heading", { name: "Actividades registradas" }).scrollIntoViewIfNeeded();
    await screenshot(page, "20b-actividades-filtradas");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Exportar CSV" }).click(),
    ]);
    const csv = readFileSync((await download.path()) as string, "utf8");
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("Fechas,Desde,Hasta,Tipo,Acción,Título,Contrapartes,Estado,Clave");
    expect(lines).toHaveLength(9);
    for (const line of lines.slice(1))
      expect(line).toMatch(
        /^[^,]+,\d\d\/\d\d\/2021,\d\d\/\d\d\/2021,Nota ejecutiva,1\.B,Nota ejecutiva sobre la sesión/,
      );

    // The address filters too: the recorded activity under its action.
    await page.goto(`${web.baseUrl}/actividades?accion=${ids.action2b}`);
    // The activity's own page: edit and save.
    await table.getByRole("link", { name: title }).click();
    await page.getByRole("heading", { name: title, level: 1 }).waitFor();
    await page.getByRole("textbox", { name: "Cantidad" }).fill("25");
    // Leaving with unsaved changes asks first.
    await page.getByRole("link", { name: /Volver a las actividades/ }).click();
    const unsaved = page.getByRole("dialog", { name: "Hay cambios sin guardar" });
    await unsaved.getByRole("button", { name: "Seguir editando" }).click();
    await unsaved.waitFor({ state: "hidden" });
    await page.getByRole("button", { name: "Guardar" }).click();
    await page.getByText("Cambios guardados.").waitFor();
    expect((await api<Activity>(page, `/activities/${recorded.id}`)).quantity).toBe(25);
    await page.keyboard.press("Escape");
    await web.expectAccessible(page);
    await screenshot(page, "23-actividad");

    // Import: one good row and two bad ones — the preview names exactly those errors and nothing is saved.
    await page.goto(`${web.baseUrl}/actividades/importar`);
    await page.getByRole("heading", { name: "Importar actividades desde Excel", level: 1 }).waitFor();
    const before = await activityTotal(page);
    const good = [
      "2021-03-22",
      "Reunión de trabajo",
      "2.b",
      "Consejo General del INE",
      "Importada: reunión buena",
    ];
    await page
      .locator('input[type="file"]')
      .setInputFiles(
        await workbook("con-errores.xlsx", [
          good,
          ["2021-02-30", "Reunión de trabajo", "2.b", "", "Importada: fecha imposible"],
          ["2021-03-23", "Reunión de trabajo", "9.z", "", "Importada: acción desconocida"],
        ]),
      );
    await page.getByRole("button", { name: "Revisar archivo" }).click();
    await page
      .getByTestId("import-summary")
      .filter({ hasText: "Filas revisadas: 3. Correctas: 1. Con errores: 2." })
      .waitFor();
    const errors = await page.getByTestId("import-row-errors").locator("li").allTextContents();
    expect(errors.sort()).toEqual([
      "Acción: no existe la acción «9.z» en el programa de trabajo de 2021",
      "Fechas: «2021-02-30» no es una fecha válida (se espera AAAA-MM-DD de un día que exista)",
    ]);
    await expect(page.getByRole("button", { name: "Importar 1 actividad" }).isDisabled()).resolves.toBe(true);
    expect(await activityTotal(page)).toBe(before);
    await page.keyboard.press("Escape");
    await web.expectAccessible(page);
    await screenshot(page, "21-actividades-importar");

    await page
      .locator('input[type="file"]')
      .setInputFiles(
        await workbook("corregido.xlsx", [
          good,
          ["2021-02-26", "Reunión de trabajo", "2.b", "", "Importada: fecha corregida"],
          ["2021-03-23", "Reunión de trabajo", "1.a", "", "Importada: acción corregida"],
        ]),
      );
    await page.getByRole("button", { name: "Revisar archivo" }).click();
    await page
      .getByTestId("import-summary")
      .filter({ hasText: "Filas revisadas: 3. Correctas: 3. Con errores: 0." })
      .waitFor();
    await page.getByRole("button", { name: "Importar 3 actividades" }).click();
    await page.getByText("Se importaron 3 actividades.").waitFor();
    expect(await activityTotal(page)).toBe(before + 3);
    const imported = await api<Page_<Activity>>(
      page,
      `/activities?commissionId=${web.commissionId}&actionId=${ids.action1a}&from=2021-03-23&to=2021-03-23`,
    );
    expect(imported.items.map((activity) => activity.title)).toEqual(["Importada: acción corregida"]);

    // Deleting an activity asks first.
    await page.goto(`${web.baseUrl}/actividades/${imported.items[0]?.id}`);
    await page.getByRole("button", { name: "Eliminar actividad" }).click();
    await page
      .getByRole("dialog", { name: "¿Eliminar esta actividad?" })
      .getByRole("button", { name: "Eliminar" })
      .click();
    await page.getByText("Actividad eliminada.").waitFor();
    expect(await activityTotal(page)).toBe(before + 2);
    expect(cspReports).toEqual([]);
  }, 60_000);

  it("shows the programme with activities per quarter and keeps an edited justification", async () => {
    const { page, cspReports } = await web.openPage();
    await web.signIn(page, "secretaria");
    await page.goto(`${web.baseUrl}/programa?accion=${ids.action1a}`);
    await page.getByRole("heading", { name: "Programa de trabajo", level: 1 }).waitFor();
    const highlighted = page.locator(`#accion-${ids.action1a}`);
    await expect(highlighted.getAttribute("data-highlighted")).resolves.toBe("true");
    await expect(highlighted.isVisible()).resolves.toBe(true);
    await expect(highlighted.textContent()).resolves.toContain("actividad");
    await page.keyboard.press("Escape");
    await web.expectAccessible(page);
    await screenshot(page, "22-programa");

    const text =
      "Las actividades de la acción se concentran en el segundo semestre por el proceso electoral.";
    await page.getByRole("button", { name: "Editar las justificaciones de 1.A" }).click();
    const editor = page.getByRole("form", { name: "Editar las justificaciones de 1.A" });
    await editor.getByRole("textbox", { name: "Justificación del 2.º trimestre" }).fill(text);
    await editor.getByRole("button", { name: "Guardar" }).click();
    await page.getByText("Justificaciones guardadas.").waitFor();
    await page.reload();
    await page.locator(`#accion-${ids.action1a}`).waitFor();
    await page.getByText(text).waitFor();
    await screenshot(page, "22b-programa-justificacion");
    expect(cspReports).toEqual([]);
  }, 40_000);

  it("offers an area liaison only its area's actions", async () => {
    const { page, cspReports } = await web.openPage();
    await web.signIn(page, "enlace");
    await page.goto(`${web.baseUrl}/actividades`);
    const form = page.getByRole("form", { name: "Registro rápido" });
    await form.getByText("solo puede registrar actividades de las acciones de su área").waitFor();
    await expect(page.getByRole("link", { name: "Importar desde Excel" }).count()).resolves.toBe(0);
    await form.getByRole("combobox", { name: /^Acción del programa/ }).click();
    const options = await page.getByRole("option").allTextContents();
    expect(options).toHaveLength(1);
    expect(options[0]).toMatch(/^3\.D — /);

    const title = "Taller con jóvenes sobre geografía electoral";
    await page.keyboard.press("Escape");
    await form.getByRole("combobox", { name: /^Tipo/ }).focus();
    await page.keyboard.type("taller");
    await page.keyboard.press("Tab");
    await page.keyboard.type("2021-03-10");
    await page.keyboard.press("Tab");
    await page.keyboard.type("3.d");
    await page.keyboard.press("Tab");
    await page.keyboard.type(title);
    await page.keyboard.press("Control+Enter");
    await form.getByText(`Actividad registrada: «${title}»`).waitFor();
    const saved = await api<Page_<Activity>>(
      page,
      `/activities?commissionId=${web.commissionId}&actionId=${ids.action3d}&from=2021-03-10&to=2021-03-10`,
    );
    expect(saved.items.map((activity) => activity.title)).toEqual([title]);
    await page.keyboard.press("Escape");
    await web.expectAccessible(page);
    await screenshot(page, "24-actividades-enlace");

    // The programme reads, without editing.
    await page.goto(`${web.baseUrl}/programa`);
    await page.getByRole("heading", { name: "Programa de trabajo", level: 1 }).waitFor();
    await page.locator(`#accion-${ids.action3d}`).waitFor();
    await expect(page.getByRole("button", { name: /Editar las justificaciones/ }).count()).resolves.toBe(0);
    expect(cspReports).toEqual([]);
  }, 40_000);
});
