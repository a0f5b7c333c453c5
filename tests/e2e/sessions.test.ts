/**
 * Sesiones and Acuerdos in Chromium, over the real app and the demo quarter. As the technical secretariat: a new
 * session through the form, its page with the computed name and long date, two agenda points reordered with the
 * keyboard, attendance by clicking cells with one substitution (still there after a reload), a resolution whose
 * number the server assigns (the next after the demo's CVOE/010/21), the minutes uploaded and their approval
 * recorded and undone, the month calendar, and the resolutions list exported to a real XLSX. As a party
 * representative: the same session page without write controls. axe, CSP reports and screenshots on each page.
 */
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimalPdf } from "../support/files.ts";
import { screenshot, startWebApp, type WebApp, webSkipReason } from "../support/web-app.ts";

describe.skipIf(webSkipReason !== undefined)("Sesiones and Acuerdos in Chromium", () => {
  let web: WebApp;
  let sessionPath = "";

  beforeAll(async () => {
    web = await startWebApp();
  }, 120_000);

  afterAll(async () => web?.close());

  const api = async (page: Page, path: string) => {
    const response = await page.request.get(`${web.baseUrl}/api/v1${path}`);
    expect(response.status()).toBe(200);
    return response.json();
  };

  it("creates a session and runs it: agenda, attendance, a numbered resolution, minutes, calendar and export", async () => {
    const { page, cspReports } = await web.openPage();
    await web.signIn(page, "secretaria");

    // The list links each name to its session; «Nueva sesión» opens the form.
    await page.goto(`${web.baseUrl}/sesiones`);
    await page.getByRole("link", { name: "Primera sesión ordinaria" }).waitFor();
    await page.getByRole("link", { name: "Nueva sesión" }).click();
    await page.getByRole("heading", { name: "Nueva sesión", level: 1 }).waitFor();
    await page.getByLabel(/^Fecha/).fill("2021-04-22");
    // The number proposed is the next ordinary one of 2021 (the demo has three).
    await page.getByText("El siguiente de 2021: 4").waitFor();
    await expect(page.getByLabel(/^Número/).inputValue()).resolves.toBe("4");
    await page.getByLabel(/^Hora/).fill("11:00");
    await page.getByLabel(/^Modalidad/).selectOption("hybrid");
    await page.getByLabel(/^Lugar/).fill("Sala de sesiones del Consejo General");
    await web.expectAccessible(page);
    await screenshot(page, "09-nueva-sesion");
    // A number already taken is refused next to its field.
    await page.getByLabel(/^Número/).fill("3");
    await page.getByRole("button", { name: "Crear sesión" }).click();
    await page.getByText("ya existe la tercera sesión ordinaria de 2021", { exact: true }).waitFor();
    await expect(page.getByLabel(/^Número/).getAttribute("aria-invalid")).resolves.toBe("true");
    await page.getByLabel(/^Número/).fill("4");
    await page.getByRole("button", { name: "Crear sesión" }).click();

    // Its page: the name and long date the API computed.
    await page.getByRole("heading", { name: "Cuarta sesión ordinaria", level: 1 }).waitFor();
    sessionPath = new URL(page.url()).pathname;
    expect(sessionPath).toMatch(/^\/sesiones\/[0-9a-f-]{36}$/);
    const sessionId = sessionPath.split("/")[2] as string;
    await page.getByText("jueves 22 de abril de 2021, a las 11:00 h").waitFor();

    // Two agenda points, the second moved up with Alt+↑: announced, and the focus stays on it.
    const agenda = page.getByRole("region", { name: "Orden del día" });
    const addPoint = async (kind: string, title: string) => {
      await agenda.getByLabel("Tipo de punto").last().selectOption({ label: kind });
      await agenda
        .getByLabel(/^Asunto/)
        .last()
        .fill(title);
      await agenda.getByRole("button", { name: "Agregar punto" }).click();
      await agenda.getByRole("listitem").filter({ hasText: title }).waitFor();
    };
    await addPoint(
      "Aprobación del orden del día",
      "Aprobación del orden del día de la cuarta sesión ordinaria.",
    );
    await addPoint("Informe", "Informe del primer trimestre de 2021.");
    const report = agenda.getByRole("listitem").filter({ hasText: "Informe del primer trimestre" });
    await report.focus();
    await page.keyboard.press("Alt+ArrowUp");
    await page
      .getByTestId("agenda-announcement")
      .filter({ hasText: "Punto 2 movido a la posición 1" })
      .waitFor();
    await expect(agenda.getByRole("listitem").first().textContent()).resolves.toContain("Informe del primer");
    await expect(report.evaluate((row) => row === document.activeElement)).resolves.toBe(true);
    await expect
      .poll(async () => (await api(page, `/sessions/${sessionId}/agenda-items`)).items[0].title)
      .toBe("Informe del primer trimestre de 2021.");
    // «Bajar» on the same point: it goes back, and the focus stays on the point's button.
    await agenda.getByRole("button", { name: "Bajar el punto 1" }).click();
    await page
      .getByTestId("agenda-announcement")
      .filter({ hasText: "Punto 1 movido a la posición 2" })
      .waitFor();
    await expect(
      page.evaluate(() => document.activeElement?.closest("li")?.textContent ?? ""),
    ).resolves.toContain("Informe del primer");
    // Dragging (native HTML5 drag and drop): the report onto the first point, then «Subir» undoes it.
    await report.dragTo(agenda.getByRole("listitem").filter({ hasText: "Aprobación del orden del día" }));
    await page
      .getByTestId("agenda-announcement")
      .filter({ hasText: "Punto 2 movido a la posición 1" })
      .waitFor();
    await expect
      .poll(async () => (await api(page, `/sessions/${sessionId}/agenda-items`)).items[0].title)
      .toBe("Informe del primer trimestre de 2021.");
    await agenda.getByRole("button", { name: "Subir el punto 2" }).click();
    await expect
      .poll(async () => (await api(page, `/sessions/${sessionId}/agenda-items`)).items[0].kind)
      .toBe("agenda_approval");

    // Attendance: one click per cell, one substitution, saved, and still there after a reload.
    const attendance = page.getByRole("region", { name: "Asistencia" });
    for (const name of ["Erika Estrada Ruiz", "Bernardo Valle Monroy", "Cecilia Aída Hernández Cruz"])
      await attendance.getByRole("radio", { name: `${name}: Asistió` }).click();
    await attendance.getByRole("radio", { name: "César Ernesto Ramos Mega: No asistió" }).click();
    await attendance.getByRole("radio", { name: "Partido Acción Nacional (PAN): Envió suplente" }).click();
    await attendance
      .getByRole("radio", { name: "Partido Revolucionario Institucional (PRI): Asistió" })
      .click();
    // Saving without the substitute's name is refused next to the field.
    await attendance.getByRole("button", { name: "Guardar asistencia" }).click();
    await attendance.getByText("Elija quién asistió en su lugar").waitFor();
    await attendance.getByLabel("Suplente de Partido Acción Nacional (PAN)").fill("Xavier");
    await page.getByRole("option", { name: "Xavier Soto Parrao" }).click();
    // An invited official: the area (and here the person and capacity), then marked like anyone else.
    await attendance.getByLabel(/^Área/).selectOption({ label: "Secretaría Ejecutiva" });
    await attendance.getByLabel(/^Persona/).fill("Lucatero");
    await page.getByRole("option", { name: "Juan Manuel Lucatero Radillo" }).click();
    await attendance.getByLabel(/^Carácter/).fill("Encargado del despacho");
    await attendance.getByRole("button", { name: "Agregar a la lista" }).click();
    await attendance.getByRole("radio", { name: "Juan Manuel Lucatero Radillo — SE: Asistió" }).click();
    await expect(attendance.getByTestId("attendance-total-present").textContent()).resolves.toBe("5");
    await attendance.getByTestId("quorum").filter({ hasText: "2 de 3" }).waitFor();
    await attendance.getByRole("button", { name: "Guardar asistencia" }).click();
    await attendance.getByText("Asistencia guardada.").waitFor();
    await page.evaluate(() => document.getElementById("session-attendance")?.scrollIntoView());
    await screenshot(page, "11b-sesion-asistencia");
    await page.evaluate(() => document.getElementById("add-invited")?.scrollIntoView({ block: "center" }));
    await screenshot(page, "11d-sesion-asistencia-totales");
    await page.reload();
    await page.getByRole("heading", { name: "Cuarta sesión ordinaria", level: 1 }).waitFor();
    await expect(
      attendance.getByRole("radio", { name: "Erika Estrada Ruiz: Asistió" }).isChecked(),
    ).resolves.toBe(true);
    await expect(
      attendance.getByRole("radio", { name: "César Ernesto Ramos Mega: No asistió" }).isChecked(),
    ).resolves.toBe(true);
    await expect(
      attendance.getByLabel("Suplente de Partido Acción Nacional (PAN)").inputValue(),
    ).resolves.toBe("Xavier Soto Parrao");
    const saved = (await api(page, `/sessions/${sessionId}/attendance`)).entries;
    expect(saved).toHaveLength(7);
    expect(saved[6]).toMatchObject({
      category: "invited_official",
      capacity: "Encargado del despacho",
      isPresent: true,
    });
    expect(
      saved.filter((entry: { substitutePersonId: string | null }) => entry.substitutePersonId),
    ).toHaveLength(1);

    // A resolution: the number is the server's, the next after the demo's last of 2021.
    const before = await api(page, "/resolutions?year=2021&sort=seq&order=desc&limit=1");
    expect(before.items[0].number).toBe("CVOE/010/21");
    await page.getByRole("button", { name: "Adoptar acuerdo" }).click();
    const dialog = page.getByRole("dialog");
    await dialog
      .getByLabel(/^Asunto/)
      .fill("Aprobación del orden del día de la cuarta sesión ordinaria de 2021.");
    // The first point (the agenda's approval, back in first place).
    await dialog.getByLabel("Punto del orden del día").selectOption({ index: 1 });
    await dialog.getByRole("button", { name: "Todos a favor" }).click();
    await dialog.getByRole("button", { name: "Adoptar", exact: true }).click();
    const notice = page.getByTestId("adopted-notification");
    await notice.getByText("Se asignó el número CVOE/011/21.").waitFor();
    const after = await api(page, "/resolutions?year=2021&sort=seq&order=desc&limit=1");
    expect(after.items[0]).toMatchObject({ number: "CVOE/011/21", seq: before.items[0].seq + 1, sessionId });
    expect(after.items[0].votes).toHaveLength(3);
    const firstPoint = (await api(page, `/sessions/${sessionId}/agenda-items`)).items[0];
    expect(after.items[0].agendaItemId).toBe(firstPoint.id);
    const resolutions = page.getByRole("region", { name: "Acuerdos adoptados" });
    await resolutions.getByRole("link", { name: "CVOE/011/21" }).waitFor();
    await page.evaluate(() => document.getElementById("session-resolutions")?.scrollIntoView());
    await screenshot(page, "11c-sesion-acuerdos");

    // The minutes: uploaded with its progress, then downloadable.
    await page.getByRole("region", { name: "Minuta" }).locator('input[type="file"]').setInputFiles({
      name: "minuta-cuarta-ordinaria.pdf",
      mimeType: "application/pdf",
      buffer: minimalPdf(),
    });
    await page.getByRole("link", { name: "Descargar minuta-cuarta-ordinaria.pdf" }).waitFor();
    await web.expectAccessible(page);
    await page.getByRole("heading", { name: "Cuarta sesión ordinaria", level: 1 }).scrollIntoViewIfNeeded();
    await screenshot(page, "11-sesion");

    // The status, edited in place: leaving with the change unsaved asks first.
    await page.getByRole("button", { name: "Editar datos" }).click();
    await page
      .getByRole("region", { name: "Datos de la sesión" })
      .getByLabel(/^Estado/)
      .selectOption("held");
    await page.getByRole("link", { name: "← Sesiones" }).click();
    await page.getByRole("dialog", { name: "Hay cambios sin guardar" }).waitFor();
    await page.getByRole("button", { name: "Seguir editando" }).click();
    await page.getByRole("button", { name: "Guardar", exact: true }).click();
    await page.getByRole("heading", { level: 1 }).locator("..").getByText("Celebrada").waitFor();
    expect((await api(page, `/sessions/${sessionId}`)).status).toBe("held");

    // The calendar shows it on its day.
    await page.getByRole("link", { name: "Ver en el calendario" }).click();
    const day = page.locator('td[data-date="2021-04-22"]');
    await day.getByRole("link", { name: /Cuarta sesión ordinaria/ }).waitFor();
    await expect(day.textContent()).resolves.toContain("Celebrada");
    await page.getByRole("heading", { name: "Abril de 2021" }).waitFor();
    await page.getByRole("button", { name: "Mes anterior" }).click();
    await page
      .locator('td[data-date="2021-03-25"]')
      .getByRole("link", { name: /Tercera sesión ordinaria/ })
      .waitFor();
    await page.keyboard.press("Tab");
    await page.keyboard.press("PageDown");
    await page.getByRole("heading", { name: "Abril de 2021" }).waitFor();
    await expect(page.getByLabel("Dirección del calendario (iCalendar)").inputValue()).resolves.toContain(
      "/api/v1/public/sessions.ics?commission=cvoe",
    );
    await web.expectAccessible(page);
    await screenshot(page, "10-sesiones-calendario");

    // The minutes of the third session, approved by the new resolution of a later session, then undone.
    await page.goto(`${web.baseUrl}/sesiones?vista=calendario&mes=2021-03`);
    await page.locator('td[data-date="2021-03-25"]').getByRole("link").click();
    await page.getByRole("heading", { name: "Tercera sesión ordinaria", level: 1 }).waitFor();
    const minutes = page.getByRole("region", { name: "Minuta" });
    await minutes.getByLabel("Acuerdo de una sesión posterior que la aprobó").selectOption({ index: 1 });
    await minutes.getByRole("button", { name: "Registrar la aprobación" }).click();
    await minutes.getByRole("link", { name: "CVOE/011/21" }).waitFor();
    await minutes.getByRole("button", { name: "Deshacer la aprobación" }).click();
    await minutes.getByText("La minuta no se ha aprobado.").waitFor();
    expect(cspReports).toEqual([]);
  });

  it("lists the resolutions with filters and exports them to a real XLSX", async () => {
    const { page, cspReports } = await web.openPage();
    await web.signIn(page, "secretaria");
    await page.goto(`${web.baseUrl}/acuerdos`);
    await page.getByRole("heading", { name: "Acuerdos", level: 1 }).waitFor();
    await page.getByRole("link", { name: "CVOE/011/21" }).waitFor();
    await page.getByText("11 acuerdos").waitFor();
    await page.getByLabel("Texto", { exact: true }).fill("minuta");
    await page.getByText("3 acuerdos").waitFor();
    await page.getByLabel("Texto", { exact: true }).fill("");
    await page
      .getByLabel("Sesión", { exact: true })
      .selectOption({ label: "Primera sesión ordinaria (21/01/2021)" });
    await page.getByText("4 acuerdos").waitFor();
    await page.getByLabel("Sesión", { exact: true }).selectOption({ index: 0 });
    await web.expectAccessible(page);
    await screenshot(page, "12-acuerdos");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Exportar XLSX" }).click(),
    ]);
    const path = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows = (sheet?.getSheetValues() ?? []).filter(Boolean) as unknown[][];
    const header = rows[0]?.slice(1);
    expect(header).toEqual(["Número", "Fecha", "Asunto", "Sesión", "Punto"]);
    const last = rows.find((row) => row[1] === "CVOE/011/21");
    expect(last?.[3]).toBe("Aprobación del orden del día de la cuarta sesión ordinaria de 2021.");
    expect(last?.[4]).toBe("Cuarta sesión ordinaria");
    expect(last?.[5]).toBe(1);
    expect(rows).toHaveLength(12);

    // One resolution: its data, and what withdrawing it would do to its number.
    await page.getByRole("link", { name: "CVOE/011/21" }).click();
    await page.getByRole("heading", { name: "Acuerdo CVOE/011/21", level: 1 }).waitFor();
    await page
      .getByText(/el próximo acuerdo que se adopte en 2021 recibirá de nuevo el número CVOE\/011\/21/)
      .waitFor();
    await web.expectAccessible(page);
    await screenshot(page, "12b-acuerdo");

    // A correction: the subject changes, the number does not.
    await page.getByRole("button", { name: "Editar", exact: true }).click();
    await page.getByLabel(/^Asunto/).fill("Aprobación del orden del día de la cuarta sesión ordinaria.");
    await page.getByRole("button", { name: "Guardar", exact: true }).click();
    await page
      .getByText("Aprobación del orden del día de la cuarta sesión ordinaria.", { exact: true })
      .waitFor();
    const corrected = await api(page, "/resolutions?number=CVOE%2F011%2F21");
    expect(corrected.items[0].title).toBe("Aprobación del orden del día de la cuarta sesión ordinaria.");
    expect(cspReports).toEqual([]);
  });

  it("shows a party representative the session page without write controls", async () => {
    const { page, cspReports } = await web.openPage();
    await web.signIn(page, "representante");
    await page.goto(`${web.baseUrl}${sessionPath}`);
    await page.getByRole("heading", { name: "Cuarta sesión ordinaria", level: 1 }).waitFor();
    await page.getByRole("listitem").filter({ hasText: "Informe del primer trimestre" }).waitFor();
    await page.getByRole("link", { name: "CVOE/011/21" }).waitFor();
    await page.getByRole("region", { name: "Asistencia" }).getByText("Xavier Soto Parrao").waitFor();
    await expect(
      page
        .getByRole("button")
        .filter({ hasNotText: /Menú de la cuenta|Mostrar u ocultar/ })
        .count(),
    ).resolves.toBe(0);
    await expect(page.getByRole("radio").count()).resolves.toBe(0);
    await expect(page.locator("input, textarea, select").count()).resolves.toBe(0);
    await expect(page.getByRole("link", { name: "Nueva sesión" }).count()).resolves.toBe(0);
    await web.expectAccessible(page);
    await screenshot(page, "13-sesion-representante");

    // Where a search result about an agenda item leads: its session, at the item.
    const sessionId = sessionPath.split("/")[2] as string;
    const point = (await api(page, `/sessions/${sessionId}/agenda-items`)).items[1];
    await page.goto(`${web.baseUrl}/sesiones?punto=${point.id}`);
    await page.waitForURL((url) => url.pathname === sessionPath && url.hash === `#punto-${point.id}`);
    await page.getByRole("heading", { name: "Cuarta sesión ordinaria", level: 1 }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`punto-${point.id}`);
    expect(cspReports).toEqual([]);
  });

  it("withdraws the last resolution of the year, freeing its number", async () => {
    const { page, cspReports } = await web.openPage();
    await web.signIn(page, "secretaria");
    // Not the last: it says why it cannot be withdrawn.
    const tenth = (await api(page, "/resolutions?number=CVOE%2F010%2F21")).items[0];
    await page.goto(`${web.baseUrl}/acuerdos/${tenth.id}`);
    await page.getByText(/Solo se puede retirar el último acuerdo de 2021 \(ahora CVOE\/011\/21\)/).waitFor();
    await expect(page.getByRole("button", { name: /^Retirar/ }).count()).resolves.toBe(0);

    const eleventh = (await api(page, "/resolutions?number=CVOE%2F011%2F21")).items[0];
    await page.goto(`${web.baseUrl}/acuerdos/${eleventh.id}`);
    await page.getByRole("button", { name: "Retirar CVOE/011/21" }).click();
    await page.getByRole("dialog", { name: "¿Retirar el acuerdo CVOE/011/21?" }).waitFor();
    await page.getByRole("button", { name: "Retirar el acuerdo" }).click();
    await page.waitForURL((url) => url.pathname === "/acuerdos");
    await page.getByText("10 acuerdos").waitFor();
    const last = await api(page, "/resolutions?year=2021&sort=seq&order=desc&limit=1");
    expect(last.items[0].number).toBe("CVOE/010/21");
    expect(cspReports).toEqual([]);
  });
});
