/**
 * Catálogos, Búsqueda and Administración in Chromium over the demo quarter. As the technical secretariat: the
 * header's search finds «Vinculación» from «vinculacion» and links to the record's page; an organisation created
 * under another spelling of a demo one, cited by an activity (created through the API), is merged into the demo
 * one from its page (the activity moves, the duplicate goes, its name stays as an alias); a person's form shows
 * the API's refusal next to the field, then saves; the unsaved-changes guard holds a navigation (stay, then
 * leave); the audit trail lists the merge and verifies. As the administrator: an account created with a party
 * representative's role gets a one-time password that signs in and must be changed; the last administrator
 * cannot be demoted; a party representative has no search. Each main page is checked with axe and photographed.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startWebApp, type WebApp, webSkipReason } from "../support/web-app.ts";

describe.skipIf(webSkipReason !== undefined)("catalogues, search and administration in Chromium", () => {
  let web: WebApp;

  beforeAll(async () => {
    web = await startWebApp();
  }, 120_000);

  afterAll(async () => web?.close());

  /** A JSON request with the page's session (its cookie) and CSRF token, as the app itself makes them. */
  async function api<T>(page: Page, method: "GET" | "POST", path: string, body?: unknown) {
    const me = await page.request.get(`${web.baseUrl}/api/v1/auth/me`);
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const response = await page.request.fetch(`${web.baseUrl}/api/v1${path}`, {
      method,
      headers: { "x-csrf-token": csrfToken, "content-type": "application/json" },
      data: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status(), body: (await response.json().catch(() => null)) as T };
  }

  it("searches, merges a duplicate organisation, edits a person and reads the audit trail as the secretariat", async () => {
    const { page, cspReports } = await web.openPage();
    await web.signIn(page, "secretaria");
    await page.getByRole("heading", { name: "Inicio", level: 1 }).waitFor();

    // The header's search, without the accent; «/» focuses the box.
    await page.keyboard.press("/");
    const box = page.getByRole("searchbox", { name: "Buscar en los registros" });
    await expect(box.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await box.fill("vinculacion");
    await box.press("Enter");
    await page.waitForURL(/\/buscar\?q=vinculacion$/);
    await page.getByRole("heading", { name: "Búsqueda", level: 1 }).waitFor();
    const organisationResult = page
      .getByRole("region", { name: "Organismos" })
      .getByRole("link", { name: "Comisión de Vinculación con Organismos Públicos Locales" });
    await organisationResult.waitFor();
    await expect(organisationResult.getAttribute("href")).resolves.toMatch(
      /^\/catalogos\/organizaciones\/[0-9a-f-]{36}$/,
    );
    const links = await page.getByRole("main").getByRole("link").allTextContents();
    expect(links.filter((text) => text.includes("Vinculación")).length).toBeGreaterThan(1);
    await web.expectAccessible(page);
    await screenshot(page, "52-busqueda");
    await organisationResult.click();
    await page
      .getByRole("heading", { name: "Comisión de Vinculación con Organismos Públicos Locales", level: 1 })
      .waitFor();

    // A duplicate of the demo's «Instituto Nacional Electoral», created through the form.
    await page.goto(`${web.baseUrl}/catalogos/organizaciones`);
    await page.getByRole("tab", { name: "Organismos", selected: true }).waitFor();
    await page.getByRole("link", { name: "Nuevo organismo" }).click();
    await page.getByRole("heading", { name: "Nuevo organismo", level: 1 }).waitFor();
    await page.getByLabel(/^Nombre/).fill("Instituto Nacional Electorall");
    await expect(page.getByLabel(/^Clave/).inputValue()).resolves.toBe("instituto-nacional-electorall");
    await page.getByRole("button", { name: "Crear" }).click();
    await page.getByRole("heading", { name: "Instituto Nacional Electorall", level: 1 }).waitFor();
    const duplicateId = page.url().split("/").pop() as string;

    // An activity citing it, through the API.
    const kinds = await api<{ items: { id: string; key: string }[] }>(
      page,
      "GET",
      "/catalog-entries?catalog=activity_kind&limit=50",
    );
    const kindId = kinds.body.items.find((kind) => kind.key === "working_meeting")?.id;
    const activity = await api<{ id: string }>(page, "POST", "/activities", {
      commissionId: web.commissionId,
      key: "reunion-ine-duplicado",
      kindId,
      title: "Reunión de trabajo con el Instituto Nacional Electoral",
      dates: ["2021-02-10"],
      counterpartIds: [duplicateId],
    });
    expect(activity.status).toBe(201);

    // The catalogue lists the near-duplicate with a merge proposal.
    await page.goto(`${web.baseUrl}/catalogos/organizaciones`);
    await page.getByRole("heading", { name: "Posibles duplicados" }).waitFor();
    // The proposal keeps the older record; its dialog comes with both chosen and the count (cancelled here).
    await page
      .getByRole("button", {
        name: "Fusionar «Instituto Nacional Electorall» en «Instituto Nacional Electoral»",
      })
      .click();
    const proposal = page.getByRole("dialog", { name: /Fusionar «Instituto Nacional Electorall»/ });
    await proposal.getByText("Se moverá 1 referencia a «Instituto Nacional Electoral»:").waitFor();
    await proposal.getByRole("button", { name: "Cancelar" }).click();
    await proposal.waitFor({ state: "hidden" });
    await page.getByLabel("Filtrar por nombre, siglas o alias").fill("electoral");
    await page.getByRole("row", { name: /^Instituto Nacional Electorall/ }).waitFor();
    await web.expectAccessible(page);
    await screenshot(page, "50-catalogos");

    // «Fusionar con…» on the duplicate's page: the dry run says what will move, then the merge.
    await page.goto(`${web.baseUrl}/catalogos/organizaciones/${duplicateId}`);
    await page.getByRole("button", { name: "Fusionar con…" }).click();
    const dialog = page.getByRole("dialog", { name: /Fusionar «Instituto Nacional Electorall»/ });
    await dialog
      .getByRole("combobox", { name: "Registro que se conserva" })
      .fill("instituto nacional electoral");
    await dialog.getByRole("option", { name: "Instituto Nacional Electoral", exact: true }).click();
    await dialog.getByText("Se moverá 1 referencia a «Instituto Nacional Electoral»:").waitFor();
    await dialog.getByText("1 contrapartes de actividades").waitFor();
    await screenshot(page, "51b-fusionar");
    await dialog.getByRole("button", { name: "Fusionar y eliminar «Instituto Nacional Electorall»" }).click();
    await page.getByRole("heading", { name: "Instituto Nacional Electoral", level: 1 }).waitFor();
    await page.getByText("Se fusionó «Instituto Nacional Electorall» en este registro.").waitFor();
    const keptId = page.url().split("/").pop() as string;
    expect(keptId).not.toBe(duplicateId);
    await page.getByText("Instituto Nacional Electorall", { exact: true }).waitFor(); // an alias now
    const moved = await api<{ counterpartIds: string[] }>(page, "GET", `/activities/${activity.body.id}`);
    expect(moved.body.counterpartIds).toEqual([keptId]);
    expect((await api(page, "GET", `/organisations/${duplicateId}`)).status).toBe(404);
    const kept = await api<{ aliases: string[] }>(page, "GET", `/organisations/${keptId}`);
    expect(kept.body.aliases).toContain("Instituto Nacional Electorall");
    await web.expectAccessible(page);
    await screenshot(page, "51-organizacion");

    // A person: the API's refusal next to its field, then a good value.
    await page.goto(`${web.baseUrl}/catalogos/personas`);
    await page.getByRole("link", { name: "Bernardo Valle Monroy" }).click();
    await page.getByRole("heading", { name: "Bernardo Valle Monroy", level: 1 }).waitFor();
    const key = page.getByLabel(/^Clave/);
    await key.fill("Clave Con Acentos á");
    await page.getByRole("button", { name: "Guardar" }).click();
    await expect(key.getAttribute("aria-invalid")).resolves.toBe("true");
    await screenshot(page, "51c-persona-error");
    const keyError = await key.getAttribute("aria-describedby");
    expect(
      await page.locator(`[id="${keyError?.split(" ").find((id) => id.includes("error"))}"]`).textContent(),
    ).toMatch(/minúsculas|clave/i);
    await key.fill("bernardo-valle-monroy");
    await page.getByLabel(/^Tratamiento/).fill("consejero electoral del IECM");
    await page.getByRole("button", { name: "Guardar" }).click();
    await page.getByText("Cambios guardados.").waitFor();
    await expect(key.getAttribute("aria-invalid")).resolves.not.toBe("true");

    // Unsaved changes hold a navigation: stay, then leave.
    await page.getByLabel(/^Tratamiento/).fill("consejero");
    const navigation = page.getByRole("navigation", { name: "Navegación principal" });
    await navigation.getByRole("link", { name: "Sesiones", exact: true }).click();
    const guard = page.getByRole("dialog", { name: "Hay cambios sin guardar" });
    await guard.getByRole("button", { name: "Seguir editando" }).click();
    await guard.waitFor({ state: "hidden" });
    await expect(page.getByLabel(/^Tratamiento/).inputValue()).resolves.toBe("consejero");
    await navigation.getByRole("link", { name: "Sesiones", exact: true }).click();
    await guard.getByRole("button", { name: "Salir sin guardar" }).click();
    await page.getByRole("heading", { name: "Sesiones", level: 1 }).waitFor();
    const person = await api<{ honorific: string }>(
      page,
      "GET",
      `/people?q=${encodeURIComponent("Bernardo Valle")}`,
    );
    expect(JSON.stringify(person.body)).toContain("consejero electoral del IECM");

    // The audit trail: the secretariat reads it (no accounts tab); the merge is there; the chain verifies.
    await navigation.getByRole("link", { name: "Administración", exact: true }).click();
    await page.waitForURL(/\/administracion\/bitacora$/);
    await expect(page.getByRole("tab", { name: "Cuentas" }).count()).resolves.toBe(0);
    await page.getByLabel("Identificador del registro").fill(duplicateId);
    await page.getByRole("button", { name: "Aplicar filtros" }).click();
    await page.waitForURL(new RegExp(`recordId=${duplicateId}`));
    const deletion = page.getByTestId("audit-entry").filter({ hasText: "Baja" });
    await deletion.waitFor();
    await expect(deletion.textContent()).resolves.toContain("account:secretaria");
    await deletion.getByText(/Ver cambios/).click();
    await deletion.getByRole("cell", { name: "Instituto Nacional Electorall", exact: true }).waitFor();
    // The entries shown, exported: the merge's deletion with its values before.
    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Exportar CSV" }).click(),
    ]);
    const exported = readFileSync((await csv.path()) as string, "utf8");
    expect(exported.split("\r\n")[0]).toBe("\uFEFFCuándo,Quién,Qué,Antes,Después");
    expect(exported).toContain(`Baja organisations ${duplicateId}`);
    expect(exported).toContain("Instituto Nacional Electorall");
    await page.getByRole("button", { name: "Verificar integridad" }).click();
    await page.getByTestId("audit-verification").filter({ hasText: "La bitácora está íntegra" }).waitFor();
    await web.expectAccessible(page);
    await screenshot(page, "54-bitacora");
    expect(cspReports).toEqual([]);
  }, 60_000);

  it("creates an account whose one-time password signs in and must be changed, as the administrator", async () => {
    const { page, cspReports } = await web.openPage();
    await web.signIn(page, "admin");
    await page.goto(`${web.baseUrl}/administracion`);
    await page.waitForURL(/\/administracion\/cuentas$/);
    await page.getByRole("tab", { name: "Bitácora" }).waitFor();
    await page.getByRole("row", { name: /^secretaria Laura Méndez Ortiz/ }).waitFor();
    await web.expectAccessible(page);
    await screenshot(page, "53-administracion-cuentas");

    await page.getByRole("link", { name: "Nueva cuenta" }).click();
    await page.getByRole("heading", { name: "Nueva cuenta", level: 1 }).waitFor();
    await page.getByLabel(/^Usuario/).fill("representante2");
    await page.getByLabel(/^Nombre/).fill("Rosa Díaz Campos");
    await page.getByRole("button", { name: "Agregar un rol" }).click();
    const role = page.getByRole("group", { name: "Rol 1" });
    await expect(role.getByRole("combobox", { name: "Comisión" }).inputValue()).resolves.toMatch(/^CVOE/);
    await role.getByRole("combobox", { name: "Rol", exact: true }).click();
    await page.getByRole("option", { name: "Representación de partido" }).click();
    await screenshot(page, "53a-nueva-cuenta");
    await page.getByRole("button", { name: "Crear cuenta" }).click();
    const password = (await page.getByTestId("one-time-password").textContent()) as string;
    expect(password.length).toBeGreaterThanOrEqual(12);
    await page.getByRole("button", { name: "Copiar" }).waitFor();
    await screenshot(page, "53b-cuenta-creada");

    const fresh = await web.openPage();
    await web.signIn(fresh.page, "representante2", password);
    await fresh.page.getByRole("heading", { name: "Cambie su contraseña provisional" }).waitFor();

    // The only administrator cannot be demoted: the API's refusal shows.
    const accounts = await api<{ items: { id: string; username: string }[] }>(page, "GET", "/accounts");
    const adminId = accounts.body.items.find((account) => account.username === "admin")?.id;
    await page.goto(`${web.baseUrl}/administracion/cuentas/${adminId}`);
    await page.getByRole("checkbox", { name: /^Administración del sistema/ }).uncheck();
    await page.getByRole("button", { name: "Guardar" }).click();
    await page.getByRole("alert").filter({ hasText: "única cuenta de administración activa" }).waitFor();
    expect(cspReports).toEqual([]);

    // A party representative may not read the records: no search box, and /buscar says so.
    const representative = await web.openPage();
    await web.signIn(representative.page, "representante");
    await representative.page.getByRole("heading", { name: "Inicio", level: 1 }).waitFor();
    await expect(representative.page.getByRole("search").count()).resolves.toBe(0);
    await representative.page.goto(`${web.baseUrl}/buscar?q=vinculacion`);
    await representative.page.getByRole("heading", { name: "Sin acceso a esta sección", level: 1 }).waitFor();
  }, 40_000);
});
