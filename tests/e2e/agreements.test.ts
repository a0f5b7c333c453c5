/**
 * Convenios in Chromium over the demo quarter: the secretariat filters the register (by stage, by a counterpart
 * typed without accents, in force on a date) and exports it, records an agreement through the form (a wrong key
 * first), moves it on the board with the keyboard menu and sees the change in its history, attaches a PDF and
 * downloads it, and reads the counts' charts; an area liaison reports progress on its own area's agreement and
 * finds no write control on another area's. Every page is checked with axe and photographed at 1366×768.
 */
import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startWebApp, type WebApp, webSkipReason } from "../support/web-app.ts";

type Agreement = { id: string; key: string; title: string; stage: string };
type Page_<T> = { items: T[]; total: number };

/** A one-page PDF, enough for the upload's content check (%PDF- … %%EOF). */
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

describe.skipIf(webSkipReason !== undefined)("Convenios in Chromium", () => {
  let web: WebApp;

  beforeAll(async () => {
    web = await startWebApp();
  }, 120_000);

  afterAll(async () => web?.close());

  /** The API's answer, asked with the page's own session. */
  async function api<T>(page: Page, path: string): Promise<T> {
    const response = await page.request.get(`${web.baseUrl}/api/v1${path}`);
    expect(response.status(), path).toBe(200);
    return (await response.json()) as T;
  }
  const agreementsWhere = (page: Page, query: string) =>
    api<Page_<Agreement>>(page, `/agreements?commissionId=${web.commissionId}&limit=500&${query}`);

  /** Types a date in a date field and closes its calendar by clicking `elsewhere`. */
  async function typeDate(page: Page, field: Locator, text: string, elsewhere: Locator) {
    await field.fill(text);
    await elsewhere.click();
    await page.locator("[data-dates-dropdown]").waitFor({ state: "detached" });
  }

  async function pick(page: Page, label: string | RegExp, option: string | RegExp) {
    await page
      .getByLabel(label, { exact: typeof label === "string" })
      .first()
      .click();
    await page.getByRole("option", { name: option }).first().click();
  }

  it("lets the secretariat filter, export, record, move, document and count agreements", async () => {
    const { page, cspReports } = await web.openPage();
    await web.signIn(page, "secretaria");
    await page.goto(`${web.baseUrl}/convenios`);
    await page.getByRole("heading", { name: "Convenios", level: 1 }).waitFor();
    const all = await agreementsWhere(page, "");
    const status = page.getByTestId("register-count");
    const shows = (text: string) => expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe(text);
    await shows(`Convenios en la lista: ${all.total}`);
    const table = page.getByRole("table", { name: "Registro de convenios" });
    const bodyRows = table.locator("tbody tr");
    await expect(bodyRows.count()).resolves.toBe(all.total);
    await web.expectAccessible(page);
    await screenshot(page, "30-convenios");

    // By stage: the eight drafts with a pertinence opinion (Tabla 2.5).
    await pick(page, "Etapa", "Con opinión de pertinencia");
    await page.waitForURL(/etapa=pertinence_opinion/);
    await shows("Convenios en la lista: 8");
    const drafts = await agreementsWhere(page, "stage=pertinence_opinion");
    expect(drafts.total).toBe(8);
    for (const draft of drafts.items) await table.locator(`tr[data-key="${draft.key}"]`).waitFor();
    await expect(bodyRows.count()).resolves.toBe(8);
    await page.getByRole("button", { name: "Quitar filtros" }).click();

    // By counterpart, typed without accents: the Alcaldía Cuauhtémoc's specific agreement.
    await page.getByRole("textbox", { name: "Contraparte" }).fill("cuauhtemoc");
    await page.waitForURL(/contraparte=cuauhtemoc/);
    await shows("Convenios en la lista: 1");
    await table.locator('tr[data-key="alcaldia-cuauhtemoc-especifico"]').waitFor();
    await expect(bodyRows.count()).resolves.toBe(1);
    await page.getByRole("button", { name: "Quitar filtros" }).click();
    await shows(`Convenios en la lista: ${all.total}`);

    // In force on 1 March 2021: ARVM (signed 2 February) is, TECDMX (signed 8 March) is not yet.
    await typeDate(
      page,
      page.getByLabel("Vigentes al", { exact: true }),
      "01/03/2021",
      page.getByRole("heading", { name: "Convenios", level: 1 }),
    );
    await page.waitForURL(/vigentes=2021-03-01/);
    const inForce = await agreementsWhere(page, "inForceOn=2021-03-01");
    await shows(`Vigentes al lunes 1 de marzo de 2021: ${inForce.total}`);
    await expect(bodyRows.count()).resolves.toBe(inForce.total);
    await table.locator('tr[data-key="arvm-apoyo-coordinacion-2021"]').waitFor();
    await expect(table.locator('tr[data-key="tecdmx-colaboracion-2021"]').count()).resolves.toBe(0);

    // The CSV holds what the register shows.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Exportar CSV" }).click(),
    ]);
    const csv = readFileSync((await download.path()) as string, "utf8").replace(/^\uFEFF/, "");
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toContain("Clave");
    expect(lines[0]).toContain("Contrapartes");
    expect(lines[0]).toContain("Etapa");
    expect(lines).toHaveLength(inForce.total + 1);
    expect(csv).toContain("arvm-apoyo-coordinacion-2021");
    expect(csv).toContain("Asociación de radio del Valle de México");
    expect(csv).not.toContain("tecdmx-colaboracion-2021");

    // A new agreement: a key the API refuses first, its message next to the field; then a right one.
    await page.getByRole("link", { name: "Nuevo convenio" }).click();
    await page.getByRole("heading", { name: "Nuevo convenio", level: 1 }).waitFor();
    await page.getByRole("textbox", { name: /^Clave/ }).fill("Convenio de Prueba");
    await page
      .getByRole("textbox", { name: /^Título/ })
      .fill("Convenio de colaboración de prueba con el TECDMX");
    const counterparts = page.getByLabel(/^Contrapartes/).first();
    await counterparts.click();
    await counterparts.fill("Tribunal Electoral de la Ciudad");
    await page
      .getByRole("option", { name: /Tribunal Electoral de la Ciudad de México/ })
      .first()
      .click();
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Registrar convenio" }).click();
    const keyInput = page.getByRole("textbox", { name: /^Clave/ });
    await page.getByText("la clave solo admite minúsculas").waitFor();
    await expect(keyInput.getAttribute("aria-invalid")).resolves.toBe("true");
    const describedBy = (await keyInput.getAttribute("aria-describedby")) ?? "";
    const errorText = await page.evaluate(
      (ids) =>
        ids
          .split(" ")
          .map((id) => document.getElementById(id)?.textContent ?? "")
          .join(" "),
      describedBy,
    );
    expect(errorText).toContain("la clave solo admite minúsculas");
    await web.expectAccessible(page);
    await screenshot(page, "30b-convenio-nuevo");
    // Leaving with unsaved changes asks first.
    await page.getByRole("link", { name: "Registro", exact: true }).click();
    const unsaved = page.getByRole("dialog", { name: "Hay cambios sin guardar" });
    await unsaved.waitFor();
    await unsaved.getByRole("button", { name: "Seguir editando" }).click();
    await unsaved.waitFor({ state: "hidden" });
    await keyInput.fill("prueba-e2e-tecdmx");
    await page.getByRole("button", { name: "Registrar convenio" }).click();
    await page.waitForURL(/\/convenios\/[0-9a-f-]{36}$/);
    await page
      .getByRole("heading", { name: "Convenio de colaboración de prueba con el TECDMX", level: 1 })
      .waitFor();
    const createdId = new URL(page.url()).pathname.split("/").at(-1) as string;

    // The board: the new card in «En negociación», moved with its keyboard menu to the next stage.
    await page.getByRole("link", { name: "← Registro de convenios" }).click();
    await page.getByRole("link", { name: "Tablero por etapa" }).click();
    await page.getByRole("heading", { name: "Tablero por etapa", level: 1 }).waitFor();
    const card = page.getByTestId("column-negotiation").getByTestId("card-prueba-e2e-tecdmx");
    await card.waitFor();
    const menu = card.getByRole("button", { name: "Mover a… el convenio prueba-e2e-tecdmx" });
    await menu.focus();
    await page.keyboard.press("Enter");
    const items = page.getByRole("menuitem");
    await items.first().waitFor();
    // Only the stages the domain allows next: no «Vigente» before signing, nothing backwards.
    await expect(items.allTextContents()).resolves.toEqual([
      "Con opinión de pertinencia",
      "Firmado",
      "Cancelado",
    ]);
    await page.getByRole("menuitem", { name: "Con opinión de pertinencia" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Mover a «Con opinión de pertinencia»" });
    await dialog.waitFor();
    await typeDate(
      page,
      dialog.getByLabel(/^Fecha en que alcanzó la etapa/),
      "05/04/2021",
      dialog.getByText("Convenio de colaboración de prueba con el TECDMX"),
    );
    await dialog.getByRole("button", { name: "Registrar cambio de etapa" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByTestId("column-pertinence_opinion").getByTestId("card-prueba-e2e-tecdmx").waitFor();
    await expect(
      page.getByTestId("column-negotiation").getByTestId("card-prueba-e2e-tecdmx").count(),
    ).resolves.toBe(0);
    const moved = await api<Agreement>(page, `/agreements/${createdId}`);
    expect(moved.stage).toBe("pertinence_opinion");
    // A refusal of the API comes back in its Spanish words, next to the field: a date before the last stage.
    await page
      .getByTestId("column-pertinence_opinion")
      .getByRole("button", { name: "Mover a… el convenio prueba-e2e-tecdmx" })
      .click();
    await page.getByRole("menuitem", { name: "Firmado" }).click();
    const signing = page.getByRole("dialog", { name: "Mover a «Firmado»" });
    await typeDate(
      page,
      signing.getByLabel(/^Fecha de firma/),
      "01/04/2021",
      signing.getByText("Convenio de colaboración de prueba con el TECDMX"),
    );
    await signing.getByRole("button", { name: "Registrar cambio de etapa" }).click();
    await signing.getByText("no puede ser anterior al 2021-04-05").waitFor();
    await signing.getByRole("button", { name: "Cancelar" }).click();
    await signing.waitFor({ state: "hidden" });
    // Dragging a card to a stage behind it is refused, in Spanish, before asking anything.
    await page
      .getByTestId("card-arvm-apoyo-coordinacion-2021")
      .dragTo(page.getByTestId("column-negotiation"));
    await page
      .getByRole("alert")
      .filter({
        hasText: "El convenio arvm-apoyo-coordinacion-2021 está «Vigente»; no puede pasar a «En negociación»",
      })
      .waitFor();
    await web.expectAccessible(page);
    await screenshot(page, "31-convenios-tablero");

    // Its page: the history shows the change with its date; a PDF is attached, listed and downloaded.
    await page
      .getByTestId("column-pertinence_opinion")
      .getByRole("link", { name: "Convenio de colaboración de prueba con el TECDMX" })
      .click();
    const history = page.getByTestId("stage-history");
    await history.getByText("Con opinión de pertinencia").waitFor();
    await history.getByText("lunes 5 de abril de 2021").waitFor();
    // Its data corrected in place (PATCH).
    await page.getByRole("button", { name: "Editar datos" }).click();
    await page
      .getByRole("textbox", { name: "Objeto" })
      .fill("Intercambiar información sobre personas sancionadas por violencia política de género.");
    await page.getByRole("button", { name: "Guardar" }).click();
    await page.getByText("Intercambiar información sobre personas sancionadas").waitFor();
    await page.getByRole("button", { name: "Editar datos" }).waitFor();
    await page.getByRole("button", { name: "Subir documento" }).click();
    await page.locator('input[type="file"]').setInputFiles({
      name: "convenio-firmado.pdf",
      mimeType: "application/pdf",
      buffer: PDF,
    });
    await page.getByRole("textbox", { name: /^Etiqueta/ }).fill("Convenio firmado");
    await page.getByRole("button", { name: "Subir y adjuntar" }).click();
    const documents = page.getByRole("region", { name: "Documentos" });
    await documents.getByText("convenio-firmado.pdf").waitFor();
    const [pdf] = await Promise.all([
      page.waitForEvent("download"),
      documents.getByRole("button", { name: "Descargar Convenio firmado" }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe("convenio-firmado.pdf");
    expect(readFileSync((await pdf.path()) as string).equals(PDF)).toBe(true);
    // A pertinence opinion, numbered by the API with the commission's pattern.
    await page.getByRole("button", { name: "Emitir opinión" }).click();
    await page
      .getByRole("textbox", { name: /^Asunto/ })
      .fill("Opinión de pertinencia del proyecto de convenio de prueba con el TECDMX");
    await typeDate(
      page,
      page.getByLabel(/^Fecha de emisión/),
      "06/04/2021",
      page.getByRole("heading", { name: "Opiniones de pertinencia" }),
    );
    await page.getByRole("button", { name: "Emitir y numerar" }).click();
    await page
      .getByRole("table", { name: "Opiniones de pertinencia" })
      .getByRole("row", {
        name: /IECM\/UTVOE\/OP\/13\/2021 martes 6 de abril de 2021 Opinión de pertinencia del proyecto/,
      })
      .waitFor();
    await web.expectAccessible(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "32-convenio");

    // The counts: each chart a figure with its data table.
    await page.getByRole("link", { name: "← Registro de convenios" }).click();
    await page.getByRole("link", { name: "Estadísticas" }).click();
    await page.getByRole("heading", { name: "Estadísticas de convenios", level: 1 }).waitFor();
    await typeDate(
      page,
      page.getByLabel("Fecha de corte", { exact: true }),
      "31/03/2021",
      page.getByRole("heading", { name: "Estadísticas de convenios", level: 1 }),
    );
    const counts = await api<{ signedByYear: { year: number; count: number }[] }>(
      page,
      `/agreement-counts?commissionId=${web.commissionId}&date=2021-03-31`,
    );
    const byYear = page.getByRole("figure", { name: "Convenios firmados por año" });
    const yearTable = byYear.getByRole("table", { name: "Convenios firmados por año" });
    for (const row of counts.signedByYear)
      await yearTable.getByRole("row", { name: `${row.year} ${row.count}` }).waitFor();
    await page.getByRole("figure", { name: "Convenios firmados por tipo de instrumento" }).waitFor();
    await page
      .getByRole("figure", { name: "Convenios firmados por sector de la contraparte" })
      .getByRole("table")
      .getByRole("row", { name: /Público/ })
      .waitFor();
    await web.expectAccessible(page);
    await screenshot(page, "33-convenios-estadisticas");
    await page
      .getByRole("figure", { name: "Convenios firmados por tipo de instrumento" })
      .scrollIntoViewIfNeeded();
    await screenshot(page, "33b-convenios-por-tipo");
    expect(cspReports).toEqual([]);
  });

  it("lets an area liaison report progress on its own area's agreements only", async () => {
    const { page, cspReports } = await web.openPage();
    await web.signIn(page, "enlace");
    const [own] = (await agreementsWhere(page, "counterpart=tgm")).items.filter(
      (agreement) => agreement.key === "tgm-documentacion-electoral-2021",
    );
    await page.goto(`${web.baseUrl}/convenios/${own?.id}`);
    await page.getByRole("heading", { name: /Talleres Gráficos de México/, level: 1 }).waitFor();
    await expect(page.getByRole("button", { name: "Editar datos" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: /^Mover a/ }).count()).resolves.toBe(0);
    await page.getByRole("button", { name: "Agregar avance" }).click();
    await pick(page, /^Sesión/, /^Segunda sesión ordinaria/);
    await page
      .getByRole("textbox", { name: "Avance" })
      .fill("Talleres Gráficos entregó la primera tanda de boletas impresas.");
    await page.getByRole("button", { name: "Guardar avance" }).click();
    const progress = page.getByRole("table", { name: "Avances informados en sesión" });
    await progress
      .getByRole("row", { name: /Segunda sesión ordinaria.*DEOEyG.*primera tanda de boletas/ })
      .waitFor();
    await web.expectAccessible(page);
    await screenshot(page, "32b-convenio-enlace");
    // The address records.ts gives a progress report opens its agreement.
    const reports = await api<Page_<{ id: string; text: string | null }>>(
      page,
      `/agreement-progress?agreementId=${own?.id}`,
    );
    const added = reports.items.find((report) => report.text?.includes("primera tanda"));
    await page.goto(`${web.baseUrl}/convenios?avance=${added?.id}`);
    await page.waitForURL(`${web.baseUrl}/convenios/${own?.id}`);
    await page.getByRole("heading", { name: /Talleres Gráficos de México/, level: 1 }).waitFor();

    // Another area's agreement (ARVM, UTCSD's): read only.
    const [other] = (await agreementsWhere(page, "counterpart=arvm")).items;
    await page.goto(`${web.baseUrl}/convenios/${other?.id}`);
    await page.getByRole("heading", { name: /Asociación de radio del Valle de México/, level: 1 }).waitFor();
    await page.getByRole("heading", { name: "Avances informados en sesión" }).waitFor();
    for (const control of ["Agregar avance", "Editar datos", "Subir documento", "Emitir opinión"])
      await expect(page.getByRole("button", { name: control }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: /^Mover a/ }).count()).resolves.toBe(0);
    expect(cspReports).toEqual([]);
  });
});
