import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestApp, type TestApp } from "../../../tests/support/app.ts";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { importDatasetText } from "../../domain/dataset/import-dataset.ts";
import { approveReport, createReportDraft, presentReport } from "../../domain/reports/report-workflow.ts";
import { adoptResolution } from "../../domain/resolutions/adopt-resolution.ts";
import { addAgendaItem } from "../../domain/sessions/add-agenda-item.ts";
import { sessionResource } from "../../domain/sessions/sessions.resources.ts";
import { ART_70_XXXIII } from "../../domain/transparency/export-agreements-transparency.ts";
import { commissions } from "../../platform/db/schema.ts";
import { LocalFileStore, sha256Hex } from "../../platform/files.ts";

const DEMO = readFileSync(join(import.meta.dirname, "../../../demo/cvoe-2021-q1.yaml"), "utf8");

/**
 * A strict reading of an iCalendar text: CRLF line endings only, physical lines of at most 75 octets, unfolded
 * content lines of the form NAME[;params]:value, BEGIN/END balanced. Returns the components with their properties.
 */
function parseICalendarStrictly(text: string): { name: string; properties: [string, string][] }[] {
  expect(text.endsWith("\r\n")).toBe(true);
  const physical = text.slice(0, -2).split("\r\n");
  for (const line of physical) {
    expect(line, "a bare CR or LF").not.toMatch(/[\r\n]/);
    expect(new TextEncoder().encode(line).length, line).toBeLessThanOrEqual(75);
  }
  const lines: string[] = [];
  for (const line of physical) {
    if (line.startsWith(" ") || line.startsWith("\t")) {
      expect(lines.length).toBeGreaterThan(0);
      lines[lines.length - 1] += line.slice(1);
    } else lines.push(line);
  }
  const stack: string[] = [];
  const components: { name: string; properties: [string, string][] }[] = [];
  for (const line of lines) {
    const match = /^([A-Z0-9-]+)((?:;[A-Z0-9-]+=[^;:]*)*):(.*)$/.exec(line);
    expect(match, `not a content line: ${line}`).not.toBeNull();
    const [, name, params, value] = match as unknown as [string, string, string, string];
    if (name === "BEGIN") {
      stack.push(value);
      components.push({ name: value, properties: [] });
    } else if (name === "END") {
      expect(stack.pop()).toBe(value);
    } else {
      expect(stack.length).toBeGreaterThan(0);
      const current = [...components].reverse().find((c) => c.name === stack.at(-1));
      current?.properties.push([`${name}${params}`, value]);
    }
  }
  expect(stack).toEqual([]);
  expect(lines[0]).toBe("BEGIN:VCALENDAR");
  expect(lines.at(-1)).toBe("END:VCALENDAR");
  return components;
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF records) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += char;
  }
  expect(field === "" && row.length === 0, "the last record ends in CRLF").toBe(true);
  return rows;
}

/** What a person sees in an XLSX cell: dates as dd/mm/aaaa, numbers as written. */
function shownText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  }
  return String(value);
}

describeEachEngine("transparency endpoints without an account", (t) => {
  let testApp: TestApp;
  let commissionId: string;
  let approvedId: string;
  let draftId: string;
  /** A request with no authorization header at all: the public. */
  const anonymous = (url: string) =>
    testApp.app.inject({ method: "GET", url, headers: { authorization: "" } });

  beforeAll(async () => {
    await importDatasetText(t.context, DEMO);
    commissionId = (await t.context.db.query.commissions.findFirst({ where: eq(commissions.key, "cvoe") }))
      ?.id as string;
    testApp = await openTestApp(t.database);
    // The first quarter's report, approved in a fourth session (as in the reference); the year's stays a draft.
    const files = new LocalFileStore(testApp.filesDir);
    const quarter = await createReportDraft(t.context, { commissionId, period: "2021-Q1" });
    const fourth = await sessionResource.create(t.context, {
      commissionId,
      kind: "ordinary",
      number: 4,
      date: "2021-04-23",
      startTime: "17:30",
      modality: "hybrid",
      place: "Sala de sesiones «Benito Juárez», piso 3; edificio A, C:\\ruta",
      status: "held",
    });
    const item = await addAgendaItem(t.context, fourth.id, {
      kind: "resolution",
      title: "Aprobación del primer informe trimestral",
    });
    const adopted = await adoptResolution(t.context, {
      sessionId: fourth.id,
      agendaItemId: item.id,
      title: "Aprobación del primer informe trimestral de actividades 2021",
    });
    await presentReport(t.context, quarter.id, { agendaItemId: item.id });
    approvedId = (await approveReport(t.context, files, quarter.id, { resolutionId: adopted.id })).id;
    draftId = (await createReportDraft(t.context, { commissionId, period: "2021" })).id;
  }, 120_000);
  afterAll(async () => testApp?.close());

  it("is really anonymous: the same client is refused the staff's routes", async () => {
    expect((await anonymous("/api/v1/sessions")).statusCode).toBe(401);
    expect((await anonymous("/api/v1/public/sessions")).statusCode).toBe(200);
  });

  it("lists a commission's sessions with their names, filtered by date", async () => {
    const response = await anonymous("/api/v1/public/sessions?commission=cvoe&from=2021-01-01&to=2021-03-31");
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    expect(items.map((s: { name: string }) => s.name)).toEqual([
      "Primera sesión ordinaria",
      "Segunda sesión ordinaria",
      "Tercera sesión ordinaria",
    ]);
    expect(items[2]).toMatchObject({ date: "2021-03-25", kind: "ordinary", number: 3, modality: "remote" });
    expect(items[2]).not.toHaveProperty("link");
  });

  it("serves the calendar as iCalendar that parses strictly, with stable UIDs and the right dates", async () => {
    const url = "/api/v1/public/sessions.ics?commission=cvoe&from=2021-01-01&to=2021-04-30";
    const response = await anonymous(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    const components = parseICalendarStrictly(response.body);
    const calendar = components[0];
    expect(calendar?.properties).toContainEqual(["VERSION", "2.0"]);
    const events = components.filter((c) => c.name === "VEVENT").map((c) => Object.fromEntries(c.properties));
    expect(events).toHaveLength(4);
    // The demo's three sessions have no time: all-day events.
    expect(
      events.slice(0, 3).map((e) => [e["DTSTART;VALUE=DATE"], e["DTEND;VALUE=DATE"], e.SUMMARY]),
    ).toEqual([
      ["20210121", "20210122", "Primera sesión ordinaria (CVOE)"],
      ["20210225", "20210226", "Segunda sesión ordinaria (CVOE)"],
      ["20210325", "20210326", "Tercera sesión ordinaria (CVOE)"],
    ]);
    // 17:30 in Mexico City on 23 April 2021 (daylight saving time, UTC−5).
    expect(events[3]?.DTSTART).toBe("20210423T223000Z");
    expect(events[3]?.LOCATION).toBe(
      "Sala de sesiones «Benito Juárez»\\, piso 3\\; edificio A\\, C:\\\\ruta",
    );
    for (const event of events) {
      expect(event.UID).toMatch(/^session-[0-9a-f-]{36}@vincula$/);
      expect(event.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
    }
    const json = (await anonymous("/api/v1/public/sessions?commission=cvoe&to=2021-03-31")).json();
    expect(events[0]?.UID).toBe(`session-${json.items[0].id}@vincula`);
    // The same records give the same bytes: UIDs and stamps are stable across downloads.
    expect((await anonymous(url)).body).toBe(response.body);
  });

  it("lists adopted resolutions by commission and year", async () => {
    const response = await anonymous("/api/v1/public/resolutions?commission=cvoe&year=2021&limit=100");
    expect(response.statusCode).toBe(200);
    const page = response.json();
    expect(page.total).toBe(11);
    expect(page.items[9]).toMatchObject({
      number: "CVOE/010/21",
      date: "2021-03-25",
      session: { name: "Tercera sesión ordinaria" },
    });
    expect(page.items[10]).toMatchObject({
      number: "CVOE/011/21",
      session: { name: "Cuarta sesión ordinaria" },
    });
  });

  it("lists only approved reports, with their approval and frozen files, and serves the stored bytes", async () => {
    const response = await anonymous("/api/v1/public/reports?commission=cvoe");
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    expect(items.map((r: { id: string }) => r.id)).toEqual([approvedId]);
    expect(items[0]).toMatchObject({
      period: "2021-Q1",
      periodName: "primer trimestre de 2021",
      approvedBy: { number: "CVOE/011/21", date: "2021-04-23", sessionName: "Cuarta sesión ordinaria" },
    });
    expect(items[0].files.map((f: { format: string }) => f.format)).toEqual(["docx", "pdf", "html", "md"]);
    const md = items[0].files.find((f: { format: string }) => f.format === "md");
    const download = await anonymous(`/api/v1/public/reports/${approvedId}/files/md`);
    expect(download.statusCode).toBe(200);
    expect(sha256Hex(download.rawPayload)).toBe(md.sha256);
    expect(download.headers.etag).toBe(`"${md.sha256}"`);
    expect(download.body).toContain("CVOE/011/21");
  });

  it("never lists a draft nor lets the public download it", async () => {
    const list = await anonymous("/api/v1/public/reports?year=2021");
    expect(list.json().items.map((r: { id: string }) => r.id)).not.toContain(draftId);
    for (const format of ["md", "pdf"]) {
      const response = await anonymous(`/api/v1/public/reports/${draftId}/files/${format}`);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe("not_found");
    }
    expect((await anonymous(`/api/v1/reports/${draftId}/files/md`)).statusCode).toBe(401);
  });

  it("lists the agreements in force on a date", async () => {
    const response = await anonymous("/api/v1/public/agreements/in-force?commission=cvoe&date=2021-03-31");
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.date).toBe("2021-03-31");
    expect(body.items.map((a: { key: string }) => a.key)).toContain("injuve-general-apoyo-colaboracion-2021");
    expect(body.items.map((a: { key: string }) => a.key)).not.toContain("onpe-proyecto-2021");
    expect((await anonymous("/api/v1/public/agreements/in-force")).json().date).toMatch(
      /^\d{4}-\d{2}-\d{2}$/,
    );
  });

  describe("the transparency format (art. 70 fr. XXXIII)", () => {
    let xlsxRows: string[][];

    it("exports XLSX with the standard's header row and one row per agreement signed in the period", async () => {
      const response = await anonymous(
        "/api/v1/public/agreements/transparency-format?commission=cvoe&period=2021-Q1&format=xlsx",
      );
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      );
      expect(response.headers["content-disposition"]).toContain("convenios-art70-fxxxiii-cvoe-2021-Q1.xlsx");
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(response.rawPayload as never);
      const sheet = book.worksheets[0] as ExcelJS.Worksheet;
      xlsxRows = [];
      sheet.eachRow((row) => {
        xlsxRows.push(
          Array.from({ length: ART_70_XXXIII.headers.length }, (_, i) => shownText(row.getCell(i + 1).value)),
        );
      });
      expect(xlsxRows[0]).toEqual([
        "Ejercicio",
        "Fecha de inicio del periodo que se informa",
        "Fecha de término del periodo que se informa",
        "Tipo de convenio (catálogo)",
        "Denominación del convenio",
        "Fecha de firma",
        "Unidad administrativa responsable del seguimiento",
        "Persona(s) con quien se celebra (nombre, primer y segundo apellido, denominación o razón social)",
        "Objetivo(s)",
        "Fuente de los recursos",
        "Descripción y/o monto de los recursos públicos entregados",
        "Inicio y término del periodo de vigencia",
        "Fecha de publicación en DOF u otro medio oficial",
        "Hipervínculo al documento",
        "Hipervínculo al documento con modificaciones",
        "Área(s) responsable(s) que genera(n), posee(n), publica(n) y actualiza(n) la información",
        "Fecha de validación",
        "Fecha de actualización",
        "Nota",
      ]);
      // The seven instruments signed in the quarter (the reference's table 2.2), by signing date.
      expect(xlsxRows).toHaveLength(8);
      expect(xlsxRows.slice(1).map((row) => row[5])).toEqual([
        "02/02/2021",
        "26/02/2021",
        "08/03/2021",
        "15/03/2021",
        "18/03/2021",
        "24/03/2021",
        "25/03/2021",
      ]);
      const injuve = xlsxRows.find((row) => row[4]?.includes("Instituto de la Juventud")) ?? [];
      expect(injuve.slice(0, 8)).toEqual([
        "2021",
        "01/01/2021",
        "31/03/2021",
        "De coordinación con el sector público",
        "Convenio general de apoyo y colaboración entre el IECM y el Instituto de la Juventud de la Ciudad de México (INJUVE)",
        "24/03/2021",
        "Unidad Técnica de Vinculación con Organismos Externos",
        "Instituto de la Juventud de la Ciudad de México",
      ]);
      expect(injuve[8]).toMatch(/^Establecer las bases para que, las partes firmantes/);
      expect(injuve[11]).toBe("Del 24/03/2021; término no registrado");
      const seduvi = xlsxRows.find((row) => row[4]?.includes("(SEDUVI)")) ?? [];
      expect(seduvi[6]).toBe("Unidad Técnica de Archivo, Logística y Apoyo a los Órganos Desconcentrados");
      expect(seduvi[7]).toBe("Secretaría de Desarrollo Urbano y Vivienda de la Ciudad de México");
      expect(book.getWorksheet("Fundamento")?.getRow(2).getCell(2).value).toContain(
        "artículo 70, fracción XXXIII",
      );
    });

    it("exports the same cells as CSV, UTF-8 with BOM", async () => {
      const response = await anonymous(
        "/api/v1/public/agreements/transparency-format?commission=cvoe&period=2021-Q1&format=csv",
      );
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
      expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(response.rawPayload.subarray(3).toString("utf8"));
      expect(rows).toEqual(xlsxRows);
    });

    it("takes a period as from and to within one year", async () => {
      const response = await anonymous(
        "/api/v1/public/agreements/transparency-format?commission=cvoe&from=2021-03-01&to=2021-03-10&format=csv",
      );
      const rows = parseCsv(response.rawPayload.subarray(3).toString("utf8"));
      expect(rows.slice(1).map((row) => [row[1], row[2], row[5]])).toEqual([
        ["01/03/2021", "10/03/2021", "08/03/2021"],
      ]);
    });
  });

  it("answers invalid parameters with 400 validation_failed and a Spanish message", async () => {
    const cases: [string, string][] = [
      ["/api/v1/public/sessions?from=2021-02-30", "no es una fecha válida"],
      ["/api/v1/public/sessions.ics?from=2021-03-01&to=2021-01-01", "no puede ser anterior a from"],
      ["/api/v1/public/resolutions?year=dos-mil", "el año debe ser un número"],
      ["/api/v1/public/agreements/in-force?date=ayer", "no es una fecha válida"],
      ["/api/v1/public/agreements/transparency-format?commission=cvoe&period=2021-T1", "periodo inválido"],
      [
        "/api/v1/public/agreements/transparency-format?commission=cvoe&period=2021&format=pdf",
        "formato desconocido",
      ],
      [
        "/api/v1/public/agreements/transparency-format?commission=cvoe&from=2021-12-01&to=2022-01-31",
        "dentro de un ejercicio",
      ],
      ["/api/v1/public/agreements/transparency-format?period=2021", ""],
      [`/api/v1/public/reports/${approvedId}/files/odt`, ""],
    ];
    for (const [url, message] of cases) {
      const response = await anonymous(url);
      expect(response.statusCode, url).toBe(400);
      const body = response.json();
      expect(body.code).toBe("validation_failed");
      expect(body.detail).toMatch(/^Hay errores en los (parámetros|datos enviados)\.$/);
      expect(body.errors.map((e: { message: string }) => e.message).join(" | "), url).toContain(message);
    }
    const unknown = await anonymous("/api/v1/public/sessions?commission=nadie");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: "not_found", detail: "No existe la comisión «nadie»." });
  });
});
