import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestApp, type TestApp } from "../../../tests/support/app.ts";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { buildCatalogEntry, buildCommission, uniqueKey } from "../../../tests/support/factories.ts";
import {
  elfExecutable,
  minimalDocx,
  minimalPdf,
  onePixelPng,
  windowsExecutable,
} from "../../../tests/support/files.ts";
import { sha256Hex } from "../../platform/files.ts";

const MAX_UPLOAD_BYTES = 64 * 1024;

describeEachEngine("attachments over HTTP", (t) => {
  let app: FastifyInstance;
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await openTestApp(t.database, { maxUploadBytes: MAX_UPLOAD_BYTES });
    app = testApp.app;
  });
  afterAll(async () => {
    await testApp?.close();
  });

  const upload = (body: Buffer, filename: string, contentType = "application/octet-stream") =>
    app.inject({
      method: "POST",
      url: `/api/v1/attachments?filename=${encodeURIComponent(filename)}`,
      headers: { "content-type": contentType },
      payload: body,
    });

  it("stores a real PDF and serves it back with its type, name and ETag", async () => {
    const pdf = minimalPdf();
    const response = await upload(pdf, "Convenio TECDMX firmado.pdf");
    expect(response.statusCode).toBe(201);
    const attachment = response.json();
    expect(attachment).toMatchObject({
      sha256: sha256Hex(pdf),
      size: pdf.length,
      mediaType: "application/pdf",
      filename: "Convenio TECDMX firmado.pdf",
    });

    const metadata = await app.inject({ method: "GET", url: `/api/v1/attachments/${attachment.id}` });
    expect(metadata.json()).toEqual(attachment);

    const content = await app.inject({ method: "GET", url: `/api/v1/attachments/${attachment.id}/content` });
    expect(content.statusCode).toBe(200);
    expect(content.headers["content-type"]).toBe("application/pdf");
    expect(content.headers.etag).toBe(`"${attachment.sha256}"`);
    expect(content.headers["content-disposition"]).toBe(
      `attachment; filename="Convenio TECDMX firmado.pdf"; filename*=UTF-8''Convenio%20TECDMX%20firmado.pdf`,
    );
    expect(content.headers["x-content-type-options"]).toBe("nosniff");
    expect(Buffer.compare(content.rawPayload, pdf)).toBe(0);

    const unchanged = await app.inject({
      method: "GET",
      url: `/api/v1/attachments/${attachment.id}/content`,
      headers: { "if-none-match": `"${attachment.sha256}"` },
    });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.rawPayload.length).toBe(0);

    // The upload is evidence of an activity.
    const commission = await buildCommission(t.context);
    const kind = await buildCatalogEntry(t.context, "activity_kind");
    const activity = await app.inject({
      method: "POST",
      url: "/api/v1/activities",
      payload: {
        commissionId: commission.id,
        key: uniqueKey("firma"),
        kindId: kind.id,
        title: "Firma del convenio con el TECDMX",
        dates: ["2021-03-08"],
        attachmentIds: [attachment.id],
      },
    });
    expect(activity.statusCode).toBe(201);
    expect(activity.json().attachmentIds).toEqual([attachment.id]);
  });

  it("accepts a DOCX and keeps a non-ASCII name for the download", async () => {
    const response = await upload(minimalDocx(), "Minuta sesión 3ª.docx");
    expect(response.statusCode).toBe(201);
    const content = await app.inject({
      method: "GET",
      url: `/api/v1/attachments/${response.json().id}/content`,
    });
    expect(content.headers["content-disposition"]).toBe(
      `attachment; filename="Minuta sesi_n 3_.docx"; filename*=UTF-8''Minuta%20sesi%C3%B3n%203%C2%AA.docx`,
    );
  });

  it("refuses an executable renamed .pdf, and a PNG named .pdf", async () => {
    const executable = await upload(elfExecutable(), "informe-trimestral.pdf");
    expect(executable.statusCode).toBe(415);
    expect(executable.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(executable.json()).toMatchObject({ code: "attachment_type_not_allowed" });
    const png = await upload(onePixelPng(), "evidencia.pdf");
    expect(png.statusCode).toBe(415);
    expect(png.json().detail).toMatch(/PNG/);
    expect((await upload(onePixelPng(), "evidencia.png")).statusCode).toBe(201);
  });

  it("judges by content, never by the name or the Content-Type", async () => {
    const refused = async (body: Buffer, filename: string, contentType?: string) => {
      const response = await upload(body, filename, contentType);
      expect(response.statusCode, `${filename}: ${response.body}`).toBe(415);
      expect(response.json().code, filename).toBe("attachment_type_not_allowed");
    };
    await refused(minimalPdf(), "minuta.docx"); // a PDF renamed .docx
    await refused(minimalDocx(), "minuta.pdf");
    const html = Buffer.from("<!doctype html><html><script>fetch('/api/v1/accounts')</script></html>");
    await refused(html, "convenio.pdf"); // an HTML page named .pdf
    await refused(html, "convenio.txt"); // … or .txt: text, but markup a browser would run
    await refused(html, "convenio.html");
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    await refused(svg, "logo.svg");
    await refused(svg, "logo.png");
    await refused(svg, "logo.txt");
    await refused(elfExecutable(), "herramienta"); // an executable with no extension
    await refused(elfExecutable(), "herramienta.exe");
    await refused(windowsExecutable(), "minuta.docx");
    await refused(windowsExecutable(), "minuta.txt");
    // The Content-Type of the request says nothing about the file (it must be octet-stream anyway).
    const wrongType = await upload(minimalPdf(), "minuta.pdf", "application/pdf");
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().code).toBe("unsupported_media_type");
    // Plain text named .txt, or with no extension, is fine.
    expect((await upload(Buffer.from("Notas de la sesión: a < b"), "notas.txt")).statusCode).toBe(201);
    expect((await upload(Buffer.from("Notas"), "LEEME")).statusCode).toBe(201);
  });

  it("refuses a file over the size limit with 413 problem+json", async () => {
    const large = Buffer.concat([minimalPdf(), Buffer.alloc(MAX_UPLOAD_BYTES, 0x20)]);
    const response = await upload(large, "anexo.pdf");
    expect(response.statusCode).toBe(413);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 413, code: "attachment_too_large" });
    expect(response.json().detail).toMatch(/64 kB/);
  });

  it("refuses a missing or unsafe name, an empty body and a body that is not octet-stream", async () => {
    const noName = await app.inject({
      method: "POST",
      url: "/api/v1/attachments",
      headers: { "content-type": "application/octet-stream" },
      payload: minimalPdf(),
    });
    expect(noName.statusCode).toBe(400);
    const withFolder = await upload(minimalPdf(), "../../etc/convenio.pdf");
    expect(withFolder.statusCode).toBe(400);
    expect(withFolder.json().errors[0]).toMatchObject({ path: "filename" });
    expect((await upload(Buffer.alloc(0), "vacio.txt")).statusCode).toBe(400);
    const multipart = await upload(minimalPdf(), "convenio.pdf", "multipart/form-data; boundary=x");
    expect(multipart.statusCode).toBe(415);
    expect(multipart.json().code).toBe("unsupported_media_type");
    expect((await app.inject({ method: "GET", url: "/api/v1/attachments/no-such-id" })).statusCode).toBe(404);
  });
});
