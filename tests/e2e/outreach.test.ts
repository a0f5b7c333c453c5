/**
 * Difusión in Chromium, with the app sending campaigns itself to a real SMTP server in the test's process: the
 * secretariat creates a list, imports a CSV with one bad row (seen with its reason before confirming),
 * unsubscribes one contact, writes a campaign, reads the server's preview, sends it and watches the progress
 * reach «Enviada» while the SMTP server receives one message per subscribed contact; then records a data-
 * protection request, reads its deadline and resolves it. A commission member is not offered the section and
 * its address says she has no access. Every page is checked with axe and photographed at 1366×768.
 */
import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "../../src/domain/outreach/campaigns.ts";
import { createOutreachList, listOutreachLists } from "../../src/domain/outreach/lists.ts";
import { longDate, today } from "../../web/src/format.ts";
import { screenshot, startWebApp, type WebApp, webSkipReason } from "../support/web-app.ts";

const CSV = [
  "nombre,correo,país,etiquetas,fecha de consentimiento,fuente del consentimiento",
  "Ana Pérez,ana.perez@example.org,Estados Unidos,chicago;2026,2026-03-10,Registro en evento",
  "Bruno Díaz,bruno.diaz@example.org,CA,toronto,10/03/2026,Formulario web",
  "Carla Ruiz,carla.ruiz(arroba)example.org,US,,2026-03-10,Formulario web",
  "Diana Soto,diana.soto@example.org,ES,madrid,2026-03-11,Formulario web",
].join("\n");

type DataProtectionRequest = { requesterEmail: string; deadlineOn: string; status: string };

describe.skipIf(webSkipReason !== undefined)("Difusión in Chromium", () => {
  let web: WebApp;

  beforeAll(async () => {
    web = await startWebApp({ mail: true });
  }, 120_000);

  afterAll(async () => web?.close());

  /** axe reads colours as drawn: a dialog is checked once its opening transition has ended. */
  const opened = (dialog: Locator) =>
    expect.poll(() => dialog.evaluate((element) => getComputedStyle(element).opacity)).toBe("1");

  async function api<T>(page: Page, path: string): Promise<T> {
    const response = await page.request.get(`${web.baseUrl}/api/v1${path}`);
    expect(response.status(), path).toBe(200);
    return (await response.json()) as T;
  }

  it("lets the secretariat import contacts, send a campaign and answer a data-protection request", async () => {
    const { page, cspReports } = await web.openPage();
    await web.signIn(page, "secretaria");
    const navigation = page.getByRole("navigation", { name: "Navegación principal" });
    await navigation.getByRole("link", { name: "Difusión", exact: true }).click();
    await page.getByRole("heading", { name: "Difusión", level: 1 }).waitFor();
    // The demo's two lists (their campaigns are the report's e-mail tables; the fixture loads no contacts).
    const demoLists = page.getByRole("table", { name: "Listas de contactos" });
    await demoLists.getByRole("link", { name: "Voto Chilango" }).waitFor();
    await demoLists.getByRole("link", { name: "Red de Observación IECM" }).waitFor();

    // A new list.
    await page.getByRole("link", { name: "Nueva lista" }).click();
    await page.getByRole("heading", { name: "Nueva lista", level: 1 }).waitFor();
    await page.getByLabel(/^Nombre/).fill("Mexicanos en el exterior");
    await page.getByLabel(/^Clave/).fill("exterior");
    await page
      .getByLabel(/^Finalidad/)
      .fill("Informar sobre el voto de la ciudadanía residente en el extranjero.");
    await page.getByLabel(/^Versión del aviso de privacidad/).fill("2026-01");
    await web.expectAccessible(page);
    await page.getByRole("button", { name: "Crear lista" }).click();
    await page.getByRole("heading", { name: "Mexicanos en el exterior", level: 1 }).waitFor();
    const listId = new URL(page.url()).pathname.split("/").pop() as string;

    // Import: the preview shows the bad row with its reason; confirming saves the three others.
    await page.getByRole("tab", { name: "Importar" }).click();
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: "contactos.csv", mimeType: "text/csv", buffer: Buffer.from(CSV, "utf8") });
    await page.getByRole("button", { name: "Revisar archivo" }).click();
    await expect
      .poll(() => page.getByTestId("import-summary").textContent(), { timeout: 15_000 })
      .toBe("Filas con datos: 4. Válidas: 3. Rechazadas: 1.");
    const rejected = page.locator('tr[data-row="4"]');
    await expect(rejected.textContent()).resolves.toContain("carla.ruiz(arroba)example.org");
    await expect(rejected.textContent()).resolves.toContain("no es un correo válido");
    await expect(
      page
        .getByRole("table", { name: /Filas que se guardarán/ })
        .locator("tbody tr")
        .count(),
    ).resolves.toBe(3);
    await web.expectAccessible(page);
    await screenshot(page, "60-difusion-importar", { fullPage: true });
    await page.getByRole("button", { name: "Importar 3 contactos" }).click();
    await page.getByText("Se guardaron 3 contactos; 1 filas quedaron fuera.").waitFor();
    await web.expectAccessible(page);
    await page.getByRole("button", { name: "Ver los contactos" }).click();
    await expect
      .poll(() => page.getByTestId("contacts-count").textContent(), { timeout: 15_000 })
      .toBe("Contactos que cumplen los filtros: 3");

    // One more by hand: the consent's source is required, and the API's refusal shows under that field.
    await page.getByRole("button", { name: "Agregar contacto" }).click();
    const adding = page.getByRole("dialog", { name: "Agregar contacto" });
    await adding.getByLabel(/^Nombre/).fill("Elena Mora");
    await adding.getByLabel(/^Correo electrónico/).fill("elena.mora@example.org");
    await adding.getByLabel(/^País/).fill("Francia");
    await adding.getByRole("button", { name: "Agregar", exact: true }).click();
    await adding.getByText("indique la fuente del consentimiento").waitFor();
    await opened(adding);
    await expect(adding.getByLabel(/^Fuente del consentimiento/).getAttribute("aria-invalid")).resolves.toBe(
      "true",
    );
    await web.expectAccessible(page);
    await adding.getByLabel(/^Fuente del consentimiento/).fill("Correo de la persona, 5 de marzo");
    await adding.getByRole("button", { name: "Agregar", exact: true }).click();
    await adding.waitFor({ state: "hidden" });
    await page
      .locator('tr[data-email="elena.mora@example.org"]')
      .getByRole("cell", { name: "FR", exact: true })
      .waitFor();

    // Bruno's city is rectified from his dialog.
    await page.getByRole("button", { name: "Gestionar el contacto bruno.diaz@example.org" }).click();
    const bruno = page.getByRole("dialog", { name: "Contacto bruno.diaz@example.org" });
    await bruno.getByLabel(/^Ciudad/).fill("Toronto");
    await bruno.getByRole("button", { name: "Guardar rectificación" }).click();
    await page
      .locator('tr[data-email="bruno.diaz@example.org"]')
      .getByRole("cell", { name: "Toronto", exact: true })
      .waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator(".mantine-Modal-overlay").count()).toBe(0);

    // Diana unsubscribes (by e-mail to the secretariat): she must not receive the campaign.
    await page.getByRole("button", { name: "Gestionar el contacto diana.soto@example.org" }).click();
    const dialog = page.getByRole("dialog", { name: "Contacto diana.soto@example.org" });
    await dialog.getByRole("cell", { name: "Formulario web" }).waitFor();
    await dialog.getByLabel("Nuevo estado").click();
    await page.getByRole("option", { name: "Dado de baja" }).click();
    await dialog.getByRole("button", { name: "Cambiar estado" }).click();
    await dialog.getByText("Dado de baja", { exact: true }).first().waitFor();
    await opened(dialog);
    await web.expectAccessible(page);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator(".mantine-Modal-overlay").count()).toBe(0);
    await page.getByTestId("list-subscribed").getByText("3 de 4 contactos").waitFor();
    await screenshot(page, "61-difusion-contactos");

    // A campaign: saved as a draft, previewed as the server renders it.
    await page.getByRole("tab", { name: "Campañas" }).click();
    await page.getByText("Esta lista aún no tiene campañas.").waitFor();
    await page.getByRole("link", { name: "Nueva campaña" }).click();
    await page.getByRole("heading", { name: "Nueva campaña", level: 1 }).waitFor();
    await page.getByLabel(/^Asunto/).fill("Hola {nombre}: registro para votar");
    await page
      .getByLabel(/^Mensaje \(Markdown\)/)
      .fill(
        "## Registro abierto\n\nHola {nombre}, ya puede **registrarse** en [el portal](https://example.org/registro).",
      );
    await page
      .getByLabel(/^Redacción para el informe/)
      .fill("Envío de la invitación a registrarse para votar.");
    await page.getByRole("button", { name: "Guardar borrador" }).click();
    await page.getByRole("heading", { name: "Hola {nombre}: registro para votar", level: 1 }).waitFor();
    await expect
      .poll(() => page.getByTestId("campaign-preview-subject").textContent(), { timeout: 15_000 })
      .toBe("Hola María Ejemplo: registro para votar");
    const previewText = await page
      .getByTestId("campaign-preview-html")
      .evaluate((host) => host.shadowRoot?.textContent ?? "");
    expect(previewText).toContain("Registro abierto");
    expect(previewText).toContain("Hola María Ejemplo, ya puede registrarse");
    expect(previewText).toContain("Darte de baja");
    // The mail's inline styles reach the page through CSSOM (the page's CSP refuses style attributes).
    const styled = await page
      .getByTestId("campaign-preview-html")
      .evaluate((host) => host.shadowRoot?.querySelectorAll("[style]").length ?? 0);
    expect(styled).toBeGreaterThan(5);
    await page.getByText("Texto", { exact: true }).click();
    await expect(page.getByTestId("campaign-preview-text").textContent()).resolves.toContain(
      "el portal <https://example.org/registro>",
    );
    await page.getByText("HTML", { exact: true }).click();
    await web.expectAccessible(page);
    await screenshot(page, "62-difusion-campana-borrador", { fullPage: true });

    // A test to one address: the SMTP server gets it with «[Prueba]» in the subject.
    await page
      .getByLabel(/^Direcciones de prueba/)
      .first()
      .fill("revisora@example.org");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Enviar prueba" }).click();
    await page.getByText("Mensajes de prueba enviados: 1.").waitFor();
    const tests = web.smtp?.messages.splice(0) ?? [];
    expect(tests.map((message) => message.envelope.to)).toEqual([["revisora@example.org"]]);
    expect(tests[0]?.headers.get("subject")).toContain("[Prueba]");

    // Sent now, after a confirmation that says how many will receive it; the progress follows it to the end.
    await page.getByRole("button", { name: "Enviar ahora" }).click();
    await expect(page.getByTestId("send-confirmation").textContent()).resolves.toContain(
      "La recibirán los 3 contactos suscritos de «Mexicanos en el exterior»",
    );
    await page.getByRole("dialog").getByRole("button", { name: "Enviar", exact: true }).click();
    await page.getByTestId("campaign-progress").waitFor();
    await expect
      .poll(() => page.getByTestId("campaign-progress-text").textContent(), { timeout: 30_000 })
      .toBe("Enviados 3 de 3; fallidos: 0; en espera de reintento: 0; por enviar: 0.");
    await expect
      .poll(() => page.getByTestId("campaign-status").first().textContent(), { timeout: 30_000 })
      .toBe("Enviada");
    const recipients = web.smtp?.messages.flatMap((message) => message.envelope.to).sort();
    expect(recipients).toEqual(["ana.perez@example.org", "bruno.diaz@example.org", "elena.mora@example.org"]);
    expect(web.smtp?.messages.map((message) => message.headers.get("subject")).sort()).toEqual([
      "Hola Ana Pérez: registro para votar",
      "Hola Bruno Díaz: registro para votar",
      "Hola Elena Mora: registro para votar",
    ]);
    await page.getByRole("heading", { name: "Envíos", level: 2 }).waitFor();
    await expect(page.getByTestId("send-date").textContent()).resolves.toBe(longDate(today()));
    await page
      .getByRole("link", { name: "Ver la actividad que registra esta campaña en el informe" })
      .waitFor();
    await page.getByRole("button", { name: "Enviar de nuevo" }).waitFor();
    await web.expectAccessible(page);
    await screenshot(page, "63-difusion-campana-enviada", { fullPage: true });

    // The read log names who read the list.
    await page.goto(`${web.baseUrl}/difusion/listas/${listId}?pestana=consultas`);
    await page.getByRole("cell", { name: "Tabla de contactos" }).first().waitFor();
    await web.expectAccessible(page);

    // A data-protection request: recorded, its deadline shown with the days left, then resolved.
    await page.goto(`${web.baseUrl}/difusion/arco`);
    await page.getByRole("heading", { name: "Derechos ARCO", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Registrar solicitud" }).click();
    const form = page.getByRole("dialog", { name: "Registrar solicitud" });
    await form.getByLabel(/^Correo de la persona/).fill("ana.perez@example.org");
    await form.getByLabel(/^Nombre de la persona/).fill("Ana Pérez");
    await form.getByLabel(/^Detalle de la solicitud/).fill("Pide saber qué datos suyos tiene la comisión.");
    await form.getByRole("button", { name: "Registrar", exact: true }).click();
    await form.waitFor({ state: "hidden" });
    const [request] = await api<DataProtectionRequest[]>(
      page,
      `/data-protection-requests?commissionId=${web.commissionId}`,
    );
    expect(request?.requesterEmail).toBe("ana.perez@example.org");
    const row = page.locator('tr[data-email="ana.perez@example.org"]');
    await expect(row.getByTestId("deadline").textContent()).resolves.toBe(
      longDate(request?.deadlineOn ?? ""),
    );
    const days = Math.round((Date.parse(request?.deadlineOn ?? "") - Date.parse(today())) / 86_400_000);
    await expect(row.getByTestId("days-left").textContent()).resolves.toBe(`Quedan ${days} días`);
    await expect.poll(() => page.locator(".mantine-Modal-overlay").count()).toBe(0);
    await web.expectAccessible(page);
    await screenshot(page, "64-difusion-arco");
    await row.getByRole("button", { name: "Resolver la solicitud de ana.perez@example.org" }).click();
    const resolve = page.getByRole("dialog", { name: "Resolver" });
    await resolve.getByLabel(/^Respuesta dada/).fill("Se le envió la exportación de sus datos.");
    await resolve.getByRole("button", { name: "Guardar resolución" }).click();
    await resolve.waitFor({ state: "hidden" });
    await row.getByText("Procedente").waitFor();
    await expect(row.getByTestId("days-left").count()).resolves.toBe(0);
    const [resolved] = await api<DataProtectionRequest[]>(
      page,
      `/data-protection-requests?commissionId=${web.commissionId}`,
    );
    expect(resolved?.status).toBe("granted");

    // A request received 40 days ago and never answered: its deadline passed, and the page says by how much.
    const longAgo = new Date(Date.parse(today()) - 40 * 86_400_000).toISOString().slice(0, 10);
    await page.getByRole("button", { name: "Registrar solicitud" }).click();
    await form.getByLabel(/^Derecho/).click();
    await page.getByRole("option", { name: "Cancelación" }).click();
    await form.getByLabel(/^Correo de la persona/).fill("bruno.diaz@example.org");
    await form
      .getByLabel(/^Recibida/)
      .fill(`${longAgo.slice(8, 10)}/${longAgo.slice(5, 7)}/${longAgo.slice(0, 4)}`);
    await form.getByLabel(/^Detalle de la solicitud/).click();
    await page.locator("[data-dates-dropdown]").waitFor({ state: "detached" });
    await form.getByRole("button", { name: "Registrar", exact: true }).click();
    await form.waitFor({ state: "hidden" });
    const overdue = (
      await api<DataProtectionRequest[]>(page, `/data-protection-requests?commissionId=${web.commissionId}`)
    ).find((entry) => entry.requesterEmail === "bruno.diaz@example.org");
    const late = Math.round((Date.parse(today()) - Date.parse(overdue?.deadlineOn ?? "")) / 86_400_000);
    expect(late).toBeGreaterThan(0);
    await expect(
      page.locator('tr[data-email="bruno.diaz@example.org"]').getByTestId("days-left").textContent(),
    ).resolves.toBe(`Vencida hace ${late} días`);
    await expect.poll(() => page.locator(".mantine-Modal-overlay").count()).toBe(0);
    await web.expectAccessible(page);
    await screenshot(page, "65-difusion-arco-vencida");
    // Granting a cancellation deletes the person's contacts: the form says so before it is saved.
    await page.getByRole("button", { name: "Resolver la solicitud de bruno.diaz@example.org" }).click();
    await expect(page.getByTestId("arco-effect").textContent()).resolves.toContain(
      "se eliminan los contactos de bruno.diaz@example.org",
    );
    await opened(page.getByRole("dialog", { name: "Resolver" }));
    await web.expectAccessible(page);
    await page.getByRole("dialog", { name: "Resolver" }).getByRole("button", { name: "Cancelar" }).click();
    await expect.poll(() => page.locator(".mantine-Modal-overlay").count()).toBe(0);

    // One person's data, downloaded as JSON.
    await page.getByLabel(/^Correo de la persona/).fill("ana.perez@example.org");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Exportar JSON" }).click(),
    ]);
    const saved = await download.path();
    expect(readFileSync(saved, "utf8")).toContain("ana.perez@example.org");
    expect([...new Set(cspReports)]).toEqual([]);
  }, 180_000);

  it("schedules a draft in Mexico City time and takes it back to draft", async () => {
    const [list] = await listOutreachLists(web.system, web.commissionId);
    if (!list) throw new Error("the first test creates the list");
    const campaign = await createCampaign(web.system, {
      listId: list.id,
      subject: "Recordatorio",
      bodyMarkdown: "Quedan pocos días, {nombre}.",
    });
    const { page, cspReports } = await web.openPage();
    await web.signIn(page, "secretaria");
    await page.goto(`${web.baseUrl}/difusion/campanas/${campaign.id}`);
    await page.getByRole("heading", { name: "Recordatorio", level: 1 }).waitFor();
    const tomorrow = new Date(Date.parse(today()) + 86_400_000).toISOString().slice(0, 10);
    const form = page.getByRole("form", { name: "Programar el envío" });
    await form
      .getByLabel(/^Fecha/)
      .fill(`${tomorrow.slice(8, 10)}/${tomorrow.slice(5, 7)}/${tomorrow.slice(0, 4)}`);
    await form.getByLabel(/^Hora/).click();
    await page.locator("[data-dates-dropdown]").waitFor({ state: "detached" });
    await form.getByLabel(/^Hora/).fill("09:30");
    await form.getByRole("button", { name: "Programar", exact: true }).click();
    await expect
      .poll(() => page.getByTestId("campaign-scheduled-at").textContent(), { timeout: 15_000 })
      .toBe(
        `Programada para el ${tomorrow.slice(8, 10)}/${tomorrow.slice(5, 7)}/${tomorrow.slice(0, 4)} 09:30 (hora de la Ciudad de México).`,
      );
    await expect(page.getByTestId("campaign-status").first().textContent()).resolves.toBe("Programada");
    const scheduled = await api<{ scheduledAt: string }>(page, `/campaigns/${campaign.id}`);
    expect(new Date(scheduled.scheduledAt).toISOString()).toBe(
      new Date(`${tomorrow}T09:30:00-06:00`).toISOString(),
    );
    await web.expectAccessible(page);
    await page.getByRole("button", { name: "Quitar la programación" }).click();
    await expect
      .poll(() => page.getByTestId("campaign-status").first().textContent(), { timeout: 15_000 })
      .toBe("Borrador");
    expect(cspReports).toEqual([]);
  }, 60_000);

  it("does not offer Difusión to a commission member, and its address says she has no access", async () => {
    const { page } = await web.openPage();
    await web.signIn(page, "consejera");
    const navigation = page.getByRole("navigation", { name: "Navegación principal" });
    await navigation.getByRole("link", { name: "Inicio", exact: true }).waitFor();
    await expect(navigation.getByRole("link", { name: "Difusión" }).count()).resolves.toBe(0);
    await page.goto(`${web.baseUrl}/difusion`);
    await page.getByRole("heading", { name: "Sin acceso a esta sección" }).waitFor();
    await page.goto(`${web.baseUrl}/difusion/arco`);
    await page.getByRole("heading", { name: "Sin acceso a esta sección" }).waitFor();
    const response = await page.request.get(`${web.baseUrl}/api/v1/outreach-lists`);
    expect(response.status()).toBe(403);
  }, 60_000);
});

describe.skipIf(webSkipReason !== undefined)("Difusión in Chromium, on a server that sends no mail", () => {
  let web: WebApp;

  beforeAll(async () => {
    web = await startWebApp();
  }, 120_000);

  afterAll(async () => web?.close());

  it("says who sends the campaign and with which command, and offers no test send nor schedule", async () => {
    const list = await createOutreachList(web.system, {
      commissionId: web.commissionId,
      key: "exterior",
      name: "Mexicanos en el exterior",
      purpose: "Informar sobre el voto en el extranjero.",
      retentionMonths: 24,
      privacyNoticeVersion: "2026-01",
    });
    const campaign = await createCampaign(web.system, {
      listId: list.id,
      subject: "Registro para votar",
      bodyMarkdown: "Hola {nombre}.",
    });
    const { page, cspReports } = await web.openPage();
    await web.signIn(page, "secretaria");
    await page.goto(`${web.baseUrl}/difusion/campanas/${campaign.id}`);
    await page.getByRole("heading", { name: "Registro para votar", level: 1 }).waitFor();
    await page.getByText("Este servidor no envía los correos por sí mismo").waitFor();
    await page.getByText(`vincula campaign send --id ${campaign.id}`).first().waitFor();
    await expect(page.getByRole("button", { name: "Enviar prueba" }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole("button", { name: "Programar", exact: true }).isDisabled()).resolves.toBe(
      true,
    );
    await expect(page.getByRole("button", { name: "Enviar ahora" }).isEnabled()).resolves.toBe(true);
    await web.expectAccessible(page);
    await screenshot(page, "66-difusion-sin-correo");
    expect(cspReports).toEqual([]);
  }, 60_000);
});
