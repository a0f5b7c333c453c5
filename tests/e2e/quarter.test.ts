/**
 * The commission's quarter from the browser, end to end, as issue 5 asks: the technical secretariat creates a
 * session, records its attendance, adopts a resolution and sees the number the server assigned, records an activity
 * with the keyboard alone, generates the quarter's report and downloads its DOCX and PDF — in which the new session,
 * resolution and activity appear; a party representative sees no draft; the public page, without an account,
 * shows the new session and resolution. Real app, demo data, Debian's Chromium; no retries.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startWebApp, type WebApp, webSkipReason } from "../support/web-app.ts";

const SESSION = "Primera sesión extraordinaria";
const RESOLUTION = "Se aprueba el calendario de reuniones con los organismos externos del segundo trimestre.";
const ACTIVITY = "Taller sobre el voto de la ciudadanía residente en el extranjero";

describe.skipIf(webSkipReason !== undefined)("the commission's quarter in the browser", () => {
  let web: WebApp;
  const downloads = mkdtempSync(join(tmpdir(), "vincula-quarter-"));
  let reportId = "";

  beforeAll(async () => {
    web = await startWebApp();
  }, 120_000);
  afterAll(async () => web?.close());

  const navigateTo = async (page: Page, section: string) => {
    await page
      .getByRole("navigation", { name: "Navegación principal" })
      .getByRole("link", { name: section, exact: true })
      .click();
    await page.getByRole("heading", { name: section, level: 1 }).waitFor();
  };

  async function download(page: Page, button: string, name: string): Promise<string> {
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: button }).click(),
    ]);
    const path = join(downloads, name);
    await file.saveAs(path);
    return path;
  }

  it("lets the technical secretariat hold a session, adopt a resolution, record an activity and report the quarter", async () => {
    const { page, cspReports } = await web.openPage();
    await web.signIn(page, "secretaria");
    await page.getByRole("heading", { name: "Inicio", level: 1 }).waitFor();

    // A session: the first extraordinary one of 2021, its name and weekday computed.
    await navigateTo(page, "Sesiones");
    await page.getByRole("link", { name: "Nueva sesión" }).click();
    await page.getByRole("heading", { name: "Nueva sesión", level: 1 }).waitFor();
    await page.getByLabel(/^Tipo/).selectOption("extraordinary");
    await page.getByLabel(/^Fecha/).fill("2021-03-30");
    await expect.poll(() => page.getByLabel(/^Número/).inputValue()).toBe("1");
    await page.getByLabel(/^Hora/).fill("17:00");
    await page.getByRole("button", { name: "Crear sesión" }).click();
    await page.getByRole("heading", { name: SESSION, level: 1 }).waitFor();
    await page.getByText("martes 30 de marzo de 2021, a las 17:00 h").waitFor();

    // Its attendance: one click per cell, then saved.
    const attendance = page.getByRole("region", { name: "Asistencia" });
    for (const name of [
      "Erika Estrada Ruiz",
      "César Ernesto Ramos Mega",
      "Bernardo Valle Monroy",
      "Cecilia Aída Hernández Cruz",
    ])
      await attendance.getByRole("radio", { name: `${name}: Asistió` }).click();
    await attendance.getByRole("button", { name: "Guardar asistencia" }).click();
    await attendance.getByText("Asistencia guardada.").waitFor();

    // A resolution: the number appears, the next of the commission's 2021 series after the demo's CVOE/010/21.
    await page.getByRole("button", { name: "Adoptar acuerdo" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(/^Asunto/).fill(RESOLUTION);
    await dialog.getByRole("button", { name: "Todos a favor" }).click();
    await dialog.getByRole("button", { name: "Adoptar", exact: true }).click();
    await page.getByTestId("adopted-notification").getByText("Se asignó el número CVOE/011/21.").waitFor();
    await page
      .getByRole("region", { name: "Acuerdos adoptados" })
      .getByRole("link", { name: "CVOE/011/21" })
      .waitFor();
    await screenshot(page, "60-trimestre-sesion");

    // An activity, from the keyboard alone: type, Tab, …; the counterpart by part of its alias; Enter saves.
    await navigateTo(page, "Actividades");
    const form = page.getByRole("form", { name: "Registro rápido" });
    await form.getByRole("combobox", { name: /^Tipo/ }).focus();
    await page.keyboard.type("taller");
    await page.keyboard.press("Tab");
    await page.keyboard.type("29/03/2021");
    await page.keyboard.press("Tab");
    await page.keyboard.type("5.b");
    await page.keyboard.press("Tab");
    await page.keyboard.type(ACTIVITY);
    await page.keyboard.press("Tab");
    await page.keyboard.type("Impartido con la Junta Local del INE.");
    await page.keyboard.press("Tab");
    await page.keyboard.type("general del ine");
    await page.getByRole("option", { name: /Consejo General del Instituto Nacional Electoral/ }).waitFor();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await form.getByText(`Actividad registrada: «${ACTIVITY}»`).waitFor();

    // The quarter's report, generated from those records, and its two files.
    await navigateTo(page, "Informes");
    await page.getByLabel("Año").selectOption("2021");
    await page.getByLabel("Trimestre").selectOption("1");
    await page.getByRole("button", { name: "Generar el informe 2021-T1" }).click();
    await page.waitForURL(/\/informes\/[0-9a-f-]{36}$/);
    reportId = page.url().split("/").pop() as string;
    await page.getByRole("heading", { name: "Informe del primer trimestre de 2021", level: 1 }).waitFor();
    const preview = page.frameLocator('iframe[data-testid="report-preview"]');
    await preview.getByText(SESSION).first().waitFor();
    await screenshot(page, "61-trimestre-informe");

    const docx = await download(page, "Descargar DOCX", "informe.docx");
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe("PK");
    const documentXml = execFileSync("unzip", ["-p", docx, "word/document.xml"])
      .toString("utf8")
      .replace(/<[^>]+>/g, "");
    const pdf = await download(page, "Descargar PDF", "informe.pdf");
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
    const pdfText = execFileSync("pdftotext", [pdf, "-"]).toString("utf8").replace(/\s+/g, " ");
    for (const text of [documentXml, pdfText]) {
      expect(text).toContain(SESSION);
      expect(text).toContain("CVOE/011/21");
      expect(text).toContain(RESOLUTION);
      expect(text).toContain(ACTIVITY);
    }
    expect(cspReports).toEqual([]);
  });

  it("shows a party representative no draft of that report", async () => {
    const { page } = await web.openPage();
    await web.signIn(page, "representante");
    await page.getByRole("heading", { name: "Inicio", level: 1 }).waitFor();
    const navigation = page.getByRole("navigation", { name: "Navegación principal" });
    await expect(navigation.getByRole("link", { name: "Informes", exact: true }).count()).resolves.toBe(0);
    await page.goto(`${web.baseUrl}/informes/${reportId}`);
    await page.getByRole("heading", { name: "Sin acceso a esta sección", level: 1 }).waitFor();
    for (const path of [`/reports/${reportId}`, `/reports/${reportId}/files/pdf`, "/reports"])
      expect((await page.request.get(`${web.baseUrl}/api/v1${path}`)).status()).toBe(403);
  });

  it("publishes the new session and resolution on the public page, without an account", async () => {
    const { page, cspReports } = await web.openPage();
    await page.goto(`${web.baseUrl}/publico`);
    await page.getByRole("heading", { name: "Información pública", level: 1 }).waitFor();
    await page.getByRole("row", { name: new RegExp(`^${SESSION} martes 30 de marzo de 2021`) }).waitFor();
    await page.getByRole("row", { name: /CVOE\/011\/21/ }).waitFor();
    await web.expectAccessible(page);
    await screenshot(page, "62-trimestre-publico");
    expect(cspReports).toEqual([]);
  });
});
