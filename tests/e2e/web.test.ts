/**
 * The web interface in Chromium, over the real app (buildApp listening on a random port, serving web/dist) and
 * the demo quarter: sign-in and Inicio as the technical secretariat, the sessions list, a party representative's
 * navigation, the provisional-password change, and the public page without an account. Each page is checked
 * with axe (no serious or critical violation), for content-security-policy reports, and photographed at 1366×768.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../src/domain/accounts/accounts.ts";
import { importDatasetText } from "../../src/domain/dataset/import-dataset.ts";
import type { UseCaseContext } from "../../src/domain/shared/context.ts";
import { buildApp } from "../../src/http/app.ts";
import { ensureWebBuild, WEB_DIST } from "../../src/http/web-build.ts";
import { LocalFileStore } from "../../src/platform/files.ts";
import {
  accessibilityViolations,
  browserUnavailableReason,
  launchChromium,
  screenshot,
  serious,
  type TestBrowser,
  VIEWPORT,
} from "../support/browser.ts";
import { openTestDatabase } from "../support/databases.ts";

const DEMO = readFileSync(join(import.meta.dirname, "../../demo/cvoe-2021-q1.yaml"), "utf8");
const PASSWORD = "contraseña de prueba 2021";
const skipReason = browserUnavailableReason();
if (skipReason) console.warn(`[vincula] browser tests skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined)("the web interface in Chromium", () => {
  let app: FastifyInstance;
  let baseUrl: string;
  let chromium: TestBrowser;
  let closeDatabase: () => Promise<void>;
  let provisionalPassword: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const [, opened] = await Promise.all([ensureWebBuild(), openTestDatabase("pglite")]);
    closeDatabase = opened.drop;
    const system: UseCaseContext = { actor: { kind: "system", name: "pruebas" }, db: opened.database.db };
    await importDatasetText(system, DEMO);
    const commission = await opened.database.db.query.commissions.findFirst();
    if (!commission) throw new Error("the demo has no commission");
    const grant = (role: "technical_secretariat" | "party_representative") => [
      { commissionId: commission.id, role },
    ];
    await createAccount(system, {
      username: "secretaria",
      name: "Laura Méndez Ortiz",
      roles: grant("technical_secretariat"),
      password: PASSWORD,
    });
    await createAccount(system, {
      username: "representante",
      name: "Jorge Salas Reyes",
      roles: grant("party_representative"),
      password: PASSWORD,
    });
    const fresh = await createAccount(system, {
      username: "nueva",
      name: "Cuenta Nueva",
      roles: grant("technical_secretariat"),
    });
    provisionalPassword = fresh.oneTimePassword as string;
    app = await buildApp({
      database: opened.database,
      files: new LocalFileStore(mkdtempSync(join(tmpdir(), "vincula-e2e-files-"))),
      config: { logLevel: "silent", maxUploadBytes: 1_000_000 },
      logger: false,
      webRoot: WEB_DIST,
    });
    baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
    chromium = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await chromium?.close();
    await app?.close();
    await closeDatabase?.();
  });

  /** A fresh browser profile (no cookies) whose console is watched for content-security-policy reports. */
  async function openPage(): Promise<{ page: Page; cspReports: string[] }> {
    const context = await chromium.browser.newContext({ viewport: VIEWPORT, locale: "es-MX" });
    contexts.push(context);
    const page = await context.newPage();
    const cspReports: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspReports.push(message.text());
    });
    return { page, cspReports };
  }

  async function signIn(page: Page, username: string, password: string) {
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/entrar$/);
    await page.getByLabel(/^Usuario/).fill(username);
    await page.getByLabel(/^Contraseña/).fill(password);
    await page.getByRole("button", { name: "Entrar" }).click();
  }

  async function expectAccessible(page: Page) {
    const violations = await accessibilityViolations(page);
    expect(serious(violations), JSON.stringify(violations, null, 2)).toEqual([]);
  }

  it("signs the technical secretariat in to Inicio and lists the sessions with their names and dates", async () => {
    const { page, cspReports } = await openPage();
    const response = await page.goto(`${baseUrl}/entrar`);
    const policy = response?.headers()["content-security-policy"] ?? "";
    expect(policy).toContain("script-src 'self'");
    expect(policy).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(policy).not.toContain("unsafe-inline");
    await page.getByRole("heading", { name: "Iniciar sesión" }).waitFor();
    await expectAccessible(page);
    await screenshot(page, "01-sign-in");

    await page.getByLabel(/^Usuario/).fill("secretaria");
    await page.getByLabel(/^Contraseña/).fill("no es la contraseña");
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.getByRole("alert").filter({ hasText: "Usuario o contraseña" }).waitFor();
    await screenshot(page, "02-sign-in-refused");

    await page.getByLabel(/^Contraseña/).fill(PASSWORD);
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.getByRole("heading", { name: "Inicio", level: 1 }).waitFor();
    await page.getByRole("heading", { name: "Revisión de los registros" }).waitFor();
    await page.getByText("Primera sesión ordinaria").first().waitFor();
    await page.getByTestId("dashboard-pending").waitFor();
    const header = page.getByRole("banner");
    await expect(
      header.getByText("Comisión Permanente de Vinculación con Organismos Externos").isVisible(),
    ).resolves.toBe(true);
    const navigation = page.getByRole("navigation", { name: "Navegación principal" });
    for (const section of [
      "Inicio",
      "Sesiones",
      "Acuerdos",
      "Programa",
      "Convenios",
      "Actividades",
      "Informes",
    ])
      await expect(navigation.getByRole("link", { name: section, exact: true }).count()).resolves.toBe(1);
    await expectAccessible(page);
    await screenshot(page, "03-inicio-secretaria");

    await navigation.getByRole("link", { name: "Sesiones", exact: true }).click();
    await page.getByRole("heading", { name: "Sesiones", level: 1 }).waitFor();
    const firstSession = page.getByRole("row", { name: /^Primera sesión ordinaria/ });
    await firstSession.waitFor();
    await expect(firstSession.textContent()).resolves.toContain("jueves 21 de enero de 2021");
    await expectAccessible(page);
    await screenshot(page, "04-sesiones");

    // The English catalogue: the same page, every text translated.
    await page.getByRole("button", { name: /Menú de la cuenta/ }).click();
    await page.getByRole("menuitem", { name: "English" }).click();
    await page.getByRole("heading", { name: "Sessions", level: 1 }).waitFor();
    const english = page.getByRole("navigation", { name: "Main navigation" });
    await expect(english.getByRole("link", { name: "Home", exact: true }).count()).resolves.toBe(1);
    await page.getByRole("menu").waitFor({ state: "hidden" });
    await screenshot(page, "04b-sessions-en");
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("menuitem", { name: "Español (México)" }).click();
    await page.getByRole("heading", { name: "Sesiones", level: 1 }).waitFor();

    await page.getByRole("button", { name: /Menú de la cuenta/ }).click();
    await page.getByRole("menuitem", { name: "Cerrar sesión" }).click();
    await page.waitForURL(/\/entrar$/);
    // Signing out is a write: it went through only if the page sent the session's X-CSRF-Token.
    expect((await page.request.get(`${baseUrl}/api/v1/auth/me`)).status()).toBe(401);
    expect(cspReports).toEqual([]);
  });

  it("shows a party representative no reports, drafts nor checks", async () => {
    const { page, cspReports } = await openPage();
    await signIn(page, "representante", PASSWORD);
    await page.getByRole("heading", { name: "Inicio", level: 1 }).waitFor();
    await page.getByText("Primera sesión ordinaria").first().waitFor();
    const navigation = page.getByRole("navigation", { name: "Navegación principal" });
    await expect(navigation.getByRole("link", { name: "Sesiones", exact: true }).count()).resolves.toBe(1);
    for (const hidden of ["Informes", "Programa", "Convenios", "Actividades", "Administración"])
      await expect(navigation.getByRole("link", { name: hidden, exact: true }).count()).resolves.toBe(0);
    await expect(page.getByText("Revisión de los registros").count()).resolves.toBe(0);
    // Typing the address of a section the role does not have shows no page of it.
    await page.goto(`${baseUrl}/informes`);
    await page.getByRole("heading", { name: "Sin acceso a esta sección", level: 1 }).waitFor();
    await expectAccessible(page);
    await screenshot(page, "05-inicio-representante");
    expect(cspReports).toEqual([]);
  });

  it("makes a provisional password be changed before anything else", async () => {
    const { page } = await openPage();
    await signIn(page, "nueva", provisionalPassword);
    await page.getByRole("heading", { name: "Cambie su contraseña provisional" }).waitFor();
    await expectAccessible(page);
    await screenshot(page, "06-cambiar-contrasena");
    await page.getByLabel(/^Contraseña provisional/).fill(provisionalPassword);
    await page.getByLabel(/^Contraseña nueva/).fill("una contraseña nueva 2026");
    await page.getByLabel(/^Repita la contraseña nueva/).fill("una contraseña nueva 2026");
    await page.getByRole("button", { name: "Cambiar contraseña" }).click();
    await page.getByRole("heading", { name: "Inicio", level: 1 }).waitFor();
  });

  it("opens the public page without an account", async () => {
    const { page, cspReports } = await openPage();
    await page.goto(`${baseUrl}/publico`);
    await page.getByRole("heading", { name: "Información pública", level: 1 }).waitFor();
    await page.getByRole("row", { name: /^Primera sesión ordinaria jueves 21 de enero de 2021/ }).waitFor();
    await page.getByText("CVOE/001/21").waitFor();
    const calendar = page.getByRole("link", { name: /iCalendar/ });
    await expect(calendar.getAttribute("href")).resolves.toBe("/api/v1/public/sessions.ics");
    const feed = await page.request.get(`${baseUrl}/api/v1/public/sessions.ics`);
    expect(await feed.text()).toContain("BEGIN:VCALENDAR");
    await expectAccessible(page);
    await screenshot(page, "07-publico");
    expect(cspReports).toEqual([]);
  });
});
