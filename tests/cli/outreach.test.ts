/**
 * The outreach commands' wiring, once (the use cases run on both engines in src/domain/outreach/*.test.ts and
 * the sender's crash test runs `vincula campaign send`): a list, an import, a campaign under a programmed action,
 * its preview, a test send and a send into a real SMTP server, a reminder, and an ARCO request.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInMexicoCity } from "../../src/domain/shared/calendar.ts";
import { runCli } from "../support/cli.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server.ts";

const DEMO = join(import.meta.dirname, "../../demo/cvoe-2021-q1.yaml");

describe("vincula contacts, campaign and arco [pglite]", () => {
  const dir = mkdtempSync(join(tmpdir(), "vincula-outreach-cli-"));
  let smtp: TestSmtpServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    env = {
      VINCULA_DATA_DIR: join(dir, "data"),
      VINCULA_SMTP_URL: smtp.url,
      VINCULA_MAIL_FROM: "Comisión de Vinculación <avisos@iecm.example.mx>",
      VINCULA_PUBLIC_URL: "https://vincula.example.mx",
      VINCULA_PRIVACY_NOTICE_URL: "https://iecm.example.mx/privacidad",
      VINCULA_MAIL_RATE_PER_MINUTE: "100000",
    };
  });
  afterAll(async () => {
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates a list, imports, sends a campaign twice and records an ARCO request", {
    timeout: 180_000,
  }, async () => {
    const cli = async (args: string[]) => {
      const result = await runCli(args, env);
      expect(result.code, `${args.join(" ")}\n${result.stderr}`).toBe(0);
      return result.stdout;
    };
    await cli(["import", DEMO]);
    await cli([
      "contacts",
      "create-list",
      "--commission",
      "cvoe",
      "--key",
      "prueba-cli",
      "--name",
      "Lista de prueba",
      "--purpose",
      "Informar",
      "--retention-months",
      "24",
      "--notice-version",
      "2026-01",
    ]);
    const today = todayInMexicoCity();
    const csv = join(dir, "contactos.csv");
    writeFileSync(
      csv,
      `correo,nombre,fuente del consentimiento,fecha de consentimiento\nana@example.org,Ana,formulario web,${today}\nmalo@,Malo,formulario web,${today}\n`,
    );
    expect(await cli(["contacts", "import", "--list", "prueba-cli", "--commit", csv])).toContain(
      "2 filas: 1 válidas, 1 rechazadas",
    );
    expect(await cli(["contacts", "lists"])).toMatch(/prueba-cli\tLista de prueba\t1 suscritos de 1/);

    const body = join(dir, "cuerpo.md");
    writeFileSync(body, "Hola {nombre}: **regístrate**.");
    const badAction = await runCli(
      [
        "campaign",
        "create",
        "--list",
        "prueba-cli",
        "--subject",
        "Aviso",
        "--body",
        body,
        "--action",
        "2021-9Z",
      ],
      env,
    );
    expect(badAction.code).not.toBe(0);
    expect(badAction.stderr).toContain("no tiene la acción programada «2021-9Z»");
    const id = (
      await cli([
        "campaign",
        "create",
        "--list",
        "prueba-cli",
        "--subject",
        "Aviso para {nombre}",
        "--body",
        body,
        "--action",
        "2021-5A",
        "--report-title",
        "Envío de aviso de prueba.",
      ])
    ).trim();
    expect(await cli(["campaign", "preview", "--id", id])).toContain("Asunto: Aviso para María Ejemplo");
    expect(await cli(["campaign", "test", "--id", id, "--to", "revisora@example.org"])).toContain(
      "Prueba enviada a 1 de 1",
    );
    expect(await cli(["campaign", "start", "--id", id])).toContain(
      "Envío 1 iniciado: 1 entregas pendientes.",
    );
    expect(await cli(["campaign", "send", "--id", id])).toContain("Campaña terminada");
    expect(await cli(["campaign", "start", "--id", id])).toContain("Envío 2 iniciado");
    await cli(["campaign", "send", "--id", id]);
    const progress = JSON.parse(await cli(["campaign", "progress", "--id", id]));
    expect(progress).toMatchObject({ status: "sent", recipientCount: 1, send: { number: 2 } });
    expect(await cli(["campaign", "list", "--list", "prueba-cli"])).toContain(
      `${id}\tsent\t1\tAviso para {nombre}`,
    );
    expect(smtp.messages.map((m) => m.headers.get("subject"))).toEqual([
      "[Prueba] Aviso para",
      "Aviso para Ana",
      "Aviso para Ana",
    ]);

    const created = await cli([
      "arco",
      "create",
      "--commission",
      "cvoe",
      "--kind",
      "opposition",
      "--email",
      "ANA@example.org",
      "--received",
      "2026-11-02",
    ]);
    expect(created).toMatch(/Solicitud registrada \(([0-9a-f-]{36})\); fecha límite 2026-12-01\./);
    const requestId = /\(([0-9a-f-]{36})\)/.exec(created)?.[1] as string;
    expect(await cli(["arco", "list", "--pending"])).toContain(requestId);
    await cli([
      "arco",
      "resolve",
      "--id",
      requestId,
      "--status",
      "granted",
      "--outcome",
      "Baja",
      "--on",
      "2026-11-05",
    ]);
    expect(await cli(["contacts", "lists"])).toMatch(/prueba-cli\tLista de prueba\t0 suscritos de 1/);
    const bounce = join(dir, "rebote.eml");
    writeFileSync(
      bounce,
      `Subject: Undelivered Mail\r\n\r\nAction: failed\r\nStatus: 5.1.1\r\nMessage-ID: ${smtp.messages[2]?.headers.get("message-id")}\r\n`,
    );
    expect(await cli(["campaign", "bounce", bounce])).toContain("rebote permanente: 1 entregas marcadas");
  });
});
