/**
 * Informes in Chromium, over the real app and the demo quarter: the technical secretariat generates the 2021-T1
 * report, sees its preview (a sandboxed frame of the report's HTML) and its findings, follows a finding to its
 * record, writes the introduction and sees it in the preview, and downloads the DOCX and the PDF; a party
 * representative is refused the section and the draft; a councillor presents it in a session and approves it
 * with a resolution (both created through the API as the secretariat would), and the list shows the sha256 of the
 * frozen files, the same as the downloaded bytes'. Axe, content-security-policy reports and screenshots on each page.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startWebApp, type WebApp, webSkipReason } from "../support/web-app.ts";

const INTRODUCTION =
  "Durante el primer trimestre de 2021 la Comisión consolidó su agenda de vinculación con las alcaldías.";

describe.skipIf(webSkipReason !== undefined)("Informes in Chromium", () => {
  let web: WebApp;
  const downloads = mkdtempSync(join(tmpdir(), "vincula-e2e-reports-"));
  let reportId: string;

  beforeAll(async () => {
    web = await startWebApp();
  }, 120_000);
  afterAll(async () => web?.close());

  /** Clicks a download button and saves the file; returns its path and its bytes. */
  async function download(page: Page, button: string, name: string) {
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: button }).click(),
    ]);
    const path = join(downloads, name);
    await file.saveAs(path);
    return { path, bytes: readFileSync(path), suggested: file.suggestedFilename() };
  }
  const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

  /** A write through the API with the page's cookie session and its CSRF token, as the page itself would. */
  async function apiWrite<T>(page: Page, path: string, body: unknown): Promise<T> {
    const csrf = await page.evaluate(() => window.sessionStorage.getItem("vincula.csrf"));
    const response = await page.request.post(`${web.baseUrl}/api/v1${path}`, {
      data: body,
      headers: { "x-csrf-token": csrf ?? "" },
    });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as T;
  }

  it("lets the secretariat generate the 2021-T1 report, review its findings, write its introduction and download it", async () => {
    const { page, cspReports } = await web.openPage();
    await web.signIn(page, "secretaria");
    await page
      .getByRole("navigation", { name: "Navegación principal" })
      .getByRole("link", { name: "Informes", exact: true })
      .click();
    await page.getByRole("heading", { name: "Informes", level: 1 }).waitFor();
    await page.getByText("Todavía no hay informes").waitFor();
    await page.getByLabel("Año").selectOption("2021");
    await page.getByLabel("Trimestre").selectOption("1");
    await page.getByRole("button", { name: "Generar el informe 2021-T1" }).click();
    await page.waitForURL(/\/informes\/[0-9a-f-]{36}$/);
    reportId = page.url().split("/").pop() as string;
    await page.getByRole("heading", { name: "Informe del primer trimestre de 2021", level: 1 }).waitFor();

    // The preview: the report's own HTML in a sandboxed frame, without scripts.
    const frame = page.locator('iframe[data-testid="report-preview"]');
    await expect(frame.getAttribute("sandbox")).resolves.toBe("");
    const preview = page.frameLocator('iframe[data-testid="report-preview"]');
    await preview.getByText("Asistencia a las sesiones").first().waitFor();
    await preview
      .getByText(/primer trimestre de 2021/)
      .first()
      .waitFor();
    await page.getByTestId("operation-progress").waitFor({ state: "detached" });
    await web.expectAccessible(page);
    await screenshot(page, "41-informe");

    // The findings of the quarter: warnings only (the demo has opinions without issue date), none blocking.
    await page.getByRole("tab", { name: /Hallazgos/ }).click();
    await page.getByText("Ningún hallazgo impide aprobar el informe").waitFor();
    const warnings = page.getByTestId("findings-warning");
    await warnings.getByRole("heading", { name: /Advertencias/ }).waitFor();
    await expect(page.getByTestId("findings-error").count()).resolves.toBe(0);
    const undated = warnings.getByRole("listitem").filter({ hasText: "no tiene fecha de emisión" }).first();
    await undated.waitFor();
    await web.expectAccessible(page);
    await screenshot(page, "42-informe-hallazgos");
    await undated.getByRole("link", { name: /^Corregir:/ }).click();
    await page.waitForURL((url) => url.pathname === "/convenios" && url.searchParams.has("dictamen"));
    await page.goBack();
    await page.getByRole("heading", { name: "Informe del primer trimestre de 2021", level: 1 }).waitFor();

    // The introduction, written and saved, shows in the preview.
    await page.getByRole("tab", { name: "Textos del informe" }).click();
    await page.getByLabel(/^Introducción/).fill(INTRODUCTION);
    await page.getByText("Hay cambios sin guardar.").waitFor();
    // Leaving with unsaved changes asks first.
    await page.getByRole("link", { name: "← Todos los informes" }).click();
    const unsaved = page.getByRole("dialog", { name: "Hay cambios sin guardar" });
    await unsaved.waitFor();
    await unsaved.getByRole("button", { name: "Seguir editando" }).click();
    await unsaved.waitFor({ state: "detached" });
    await web.expectAccessible(page);
    await screenshot(page, "43-informe-textos");
    await page.getByRole("button", { name: "Guardar los textos" }).click();
    await page.getByText("Textos guardados; la vista previa ya los muestra.").waitFor();
    await page.getByRole("tab", { name: "Vista previa" }).click();
    await preview.getByText(INTRODUCTION).waitFor();

    // The DOCX and the PDF, rendered from the records and the draft's paragraphs.
    const docx = await download(page, "Descargar DOCX", "borrador.docx");
    expect(docx.suggested).toBe("informe-2021-Q1.docx");
    expect(docx.bytes.subarray(0, 2).toString()).toBe("PK");
    const documentXml = execFileSync("unzip", ["-p", docx.path, "word/document.xml"]).toString("utf8");
    expect(documentXml).toContain("Asistencia a las sesiones");
    expect(documentXml).toContain(INTRODUCTION);
    const pdf = await download(page, "Descargar PDF", "borrador.pdf");
    expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const pdfText = execFileSync("pdftotext", [pdf.path, "-"]).toString("utf8");
    expect(pdfText).toMatch(/primer trimestre de 2021/i);
    expect(pdfText.replace(/\s+/g, " ")).toContain(INTRODUCTION);
    expect(cspReports).toEqual([]);
  });

  it("shows a party representative neither the section nor the draft", async () => {
    const { page, cspReports } = await web.openPage();
    await web.signIn(page, "representante");
    await page.goto(`${web.baseUrl}/informes`);
    await page.getByRole("heading", { name: "Sin acceso a esta sección", level: 1 }).waitFor();
    await page.goto(`${web.baseUrl}/informes/${reportId}`);
    await page.getByRole("heading", { name: "Sin acceso a esta sección", level: 1 }).waitFor();
    expect((await page.request.get(`${web.baseUrl}/api/v1/reports/${reportId}`)).status()).toBe(403);
    expect((await page.request.get(`${web.baseUrl}/api/v1/reports/${reportId}/files/html`)).status()).toBe(
      403,
    );
    expect((await page.request.get(`${web.baseUrl}/api/v1/reports`)).status()).toBe(403);
    expect(cspReports).toEqual([]);
  });

  it("lets a councillor present and approve it; the list shows the sha256 of the frozen files", async () => {
    // The fourth ordinary session, its agenda item and the resolution, recorded as the secretariat would.
    const secretariat = await web.openPage();
    await web.signIn(secretariat.page, "secretaria");
    const session = await apiWrite<{ id: string }>(secretariat.page, "/sessions", {
      commissionId: web.commissionId,
      kind: "ordinary",
      number: 4,
      date: "2021-04-23",
      modality: "remote",
      status: "held",
    });
    const item = await apiWrite<{ id: string }>(secretariat.page, `/sessions/${session.id}/agenda-items`, {
      kind: "report",
      title: "Presentación del Informe trimestral de actividades de la Comisión, enero a marzo de 2021",
    });
    const resolution = await apiWrite<{ id: string; number: string }>(secretariat.page, "/resolutions", {
      sessionId: session.id,
      agendaItemId: item.id,
      title: "Acuerdo por el que se aprueba el Informe trimestral de actividades, enero a marzo de 2021",
    });

    const { page, cspReports } = await web.openPage();
    await web.signIn(page, "consejera");
    await page.goto(`${web.baseUrl}/informes`);
    await page.getByRole("link", { name: "Primer trimestre de 2021" }).first().click();
    await page.getByRole("heading", { name: "Informe del primer trimestre de 2021", level: 1 }).waitFor();
    // A councillor reviews and approves; the paragraphs are the secretariat's.
    await expect(page.getByRole("tab", { name: "Textos del informe" }).count()).resolves.toBe(0);
    await page.getByRole("tab", { name: "Presentación y aprobación" }).click();
    await page.getByLabel("Sesión", { exact: true }).selectOption(session.id);
    await page.getByLabel("Punto del orden del día").selectOption(item.id);
    await page.getByRole("button", { name: "Registrar la presentación" }).click();
    await page.getByText("Cuarta sesión ordinaria, viernes 23 de abril de 2021, punto 1").waitFor();
    await page.getByLabel("Acuerdo de aprobación").selectOption(resolution.id);
    await web.expectAccessible(page);
    await screenshot(page, "44-informe-aprobacion");
    await page.getByRole("button", { name: "Aprobar el informe" }).click();
    await page.getByRole("dialog", { name: "¿Aprobar el informe?" }).waitFor();
    await page.getByRole("button", { name: "Aprobar y congelar" }).click();
    await page.getByRole("heading", { name: "Archivos aprobados" }).waitFor({ timeout: 60_000 });
    await page.getByText(`Acuerdo ${resolution.number}`).first().waitFor();
    // Read-only now: only the preview remains, of the frozen file.
    await expect(page.getByRole("tab").count()).resolves.toBe(1);
    await page.frameLocator('iframe[data-testid="report-preview"]').getByText(INTRODUCTION).waitFor();
    const docx = await download(page, "Descargar DOCX", "aprobado.docx");
    const pdf = await download(page, "Descargar PDF", "aprobado.pdf");

    await page.getByRole("link", { name: "← Todos los informes" }).click();
    await page.getByRole("heading", { name: "Informes", level: 1 }).waitFor();
    const approved = page.getByTestId("approved-2021-Q1");
    await approved.waitFor();
    await expect(approved.getByTestId("sha256-docx").textContent()).resolves.toBe(sha256(docx.bytes));
    await expect(approved.getByTestId("sha256-pdf").textContent()).resolves.toBe(sha256(pdf.bytes));
    const row = page.getByRole("row", { name: /Primer trimestre de 2021/ });
    await expect(row.textContent()).resolves.toContain("Aprobado");
    await expect(row.textContent()).resolves.toContain(resolution.number);
    await web.expectAccessible(page);
    await screenshot(page, "40-informes");
    expect(cspReports).toEqual([]);
    expect(secretariat.cspReports).toEqual([]);
  });
});
