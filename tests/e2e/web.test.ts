/**
 * The web interface in Chromium, over the real app (buildApp listening on a random port, serving web/dist) and
 * the demo quarter: sign-in and Inicio as the technical secretariat, the sessions list, a party representative's
 * navigation, the provisional-password change, and the public page without an account. Each page is checked
 * with axe (no serious or critical violation), for content-security-policy reports, and photographed at 1366×768.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../src/domain/accounts/accounts.ts";
import { PASSWORD, screenshot, startWebApp, type WebApp, webSkipReason } from "../support/web-app.ts";

describe.skipIf(webSkipReason !== undefined)("the web interface in Chromium", () => {
  let web: WebApp;
  let baseUrl: string;
  let provisionalPassword: string;

  beforeAll(async () => {
    web = await startWebApp();
    baseUrl = web.baseUrl;
    const fresh = await createAccount(web.system, {
      username: "nueva",
      name: "Cuenta Nueva",
      roles: [{ commissionId: web.commissionId, role: "technical_secretariat" }],
    });
    provisionalPassword = fresh.oneTimePassword as string;
  }, 120_000);

  afterAll(async () => web?.close());

  const openPage = () => web.openPage();
  const expectAccessible = (page: Page) => web.expectAccessible(page);

  async function signIn(page: Page, username: string, password: string) {
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/entrar$/);
    await page.getByLabel(/^Usuario/).fill(username);
    await page.getByLabel(/^Contraseña/).fill(password);
    await page.getByRole("button", { name: "Entrar" }).click();
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
    // The figures of the demo's year (2021: the latest with a work programme), as the API computes them.
    await page.getByRole("heading", { name: "Avance del programa de trabajo", level: 2 }).waitFor();
    await expect(page.getByLabel("Año", { exact: true }).first().inputValue()).resolves.toBe("2021");
    const commissionId = web.commissionId;
    const figures = await (
      await page.request.get(`${baseUrl}/api/v1/dashboard?commissionId=${commissionId}&year=2021`)
    ).json();
    const total = figures.activitiesByLineAndMonth.reduce(
      (sum: number, line: { total: number }) => sum + line.total,
      0,
    );
    expect(total).toBeGreaterThan(0);
    await page.getByText(`${total} actividades, por línea estratégica y mes de inicio.`).waitFor();
    const firstLine = figures.programmeProgress[0];
    const q1 = firstLine.quarters[0];
    await expect(
      page
        .getByRole("row", { name: new RegExp(`^${firstLine.number}\\. `) })
        .getByText(`${q1.done} de ${q1.programmed} realizadas`, { exact: true })
        .count(),
    ).resolves.toBe(1);
    const members = page.getByRole("figure", { name: "Asistencia de las personas integrantes" });
    const member = figures.attendanceRates.members[0];
    await expect(
      members.getByRole("row", { name: new RegExp(member.name) }).textContent(),
    ).resolves.toContain(`${member.attended} / ${member.expected}`);
    await screenshot(page, "03b-inicio-figuras", { fullPage: true });
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
    // Leaving without changing it is possible, and the next sign-in asks again.
    await page.getByRole("button", { name: "Cerrar sesión" }).click();
    await page.waitForURL(/\/entrar$/);
    await signIn(page, "nueva", provisionalPassword);
    await page.getByRole("heading", { name: "Cambie su contraseña provisional" }).waitFor();
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
    // Its lists export what they show: the resolutions as CSV, without an account.
    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page
        .getByRole("region", { name: "Acuerdos adoptados" })
        .getByRole("button", { name: "Exportar CSV" })
        .click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^acuerdos-adoptados-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await csv.path()) as string, "utf8");
    expect(text.split("\r\n")[0]).toBe("\uFEFFNúmero,Asunto,Sesión,Fecha");
    expect(text).toContain("CVOE/001/21,");
    await expectAccessible(page);
    await screenshot(page, "07-publico");
    expect(cspReports).toEqual([]);
  });
});
