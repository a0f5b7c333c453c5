import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { describeTarget, openRuntime } from "./runtime.ts";

export const DEMO_DATASET = join(dirname(fileURLToPath(import.meta.url)), "../../demo/cvoe-2021-q1.yaml");

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("Inicia el servidor HTTP (API en /api/v1, documentación en /api/docs).")
    .option(
      "--demo",
      "si la base no tiene ninguna comisión, carga los datos de demostración (primer trimestre 2021 de la CVOE)",
    )
    .action(async (options: { demo?: boolean }) => {
      const { importDatasetText } = await import("../domain/dataset/import-dataset.ts");
      const { buildApp } = await import("../http/app.ts");
      const runtime = await openRuntime();
      const { database, config } = runtime;
      if (options.demo && !(await database.db.query.commissions.findFirst())) {
        process.stdout.write(
          "Base vacía: cargando los datos de demostración (CVOE, primer trimestre de 2021)…\n",
        );
        const summary = await importDatasetText(runtime.context, await readFile(DEMO_DATASET, "utf8"), {
          onProgress: (step, done, total) => process.stdout.write(`  [${done}/${total}] ${step}\n`),
        });
        process.stdout.write(
          `Datos de demostración cargados: ${summary.counts.sessions} sesiones, ${summary.counts.resolutions} acuerdos, ${summary.counts.activities} actividades.\n`,
        );
      }
      const { ensureAdministrator } = await import("../domain/accounts/accounts.ts");
      const credentials: string[] = [];
      const administrator = await ensureAdministrator(runtime.context);
      if (administrator)
        credentials.push(
          `  ${"Administración".padEnd(28)} usuario «${administrator.username}», contraseña provisional ${administrator.oneTimePassword} (cámbiela al entrar)`,
        );
      if (options.demo) {
        const { ensureDemoAccounts } = await import("../domain/accounts/demo-accounts.ts");
        for (const demo of await ensureDemoAccounts(runtime.context))
          credentials.push(
            `  ${demo.label.padEnd(28)} usuario «${demo.username}», contraseña ${demo.password}`,
          );
      }
      const { ensureWebBuild, WEB_DIST } = await import("../http/web-build.ts");
      await ensureWebBuild((line) => process.stdout.write(`${line}\n`));
      const app = await buildApp({
        database,
        files: runtime.files,
        webRoot: WEB_DIST,
        config,
        logger: config.logLevel !== "silent" ? undefined : false,
        // With mail configured, the server sends campaigns itself (docs/decisions/025).
        outreach:
          config.mail && config.publicUrl && config.privacyNoticeUrl
            ? {
                mail: config.mail,
                publicUrl: config.publicUrl,
                privacyNoticeUrl: config.privacyNoticeUrl,
                unsubscribeMailto: config.unsubscribeMailto,
              }
            : undefined,
      });
      const address = await app.listen({ host: config.host, port: config.port });
      // Retention is the law's, not the mail's: every server applies it daily (docs/outreach.md).
      const { startDailyRetention } = await import("../domain/outreach/campaign-dispatcher.ts");
      const stopRetention = startDailyRetention(database.db, (error) =>
        app.log.error({ err: error }, "retention"),
      );
      process.stdout.write(
        [
          "",
          `Vincula está en marcha: ${address}`,
          `  Interfaz web:   ${address}/   (información pública sin cuenta: ${address}/publico)`,
          `  API:            ${address}/api/v1   (p. ej. ${address}/api/v1/sessions)`,
          `  Documentación:  ${address}/api/docs`,
          `  Base de datos:  ${describeTarget(config)}`,
          `  Campañas:       ${
            config.mail && config.publicUrl && config.privacyNoticeUrl
              ? `las envía este servidor por ${new URL(config.mail.smtpUrl).host}`
              : "no se envían: falta configurar el correo (VINCULA_SMTP_URL y demás; docs/outreach.md)"
          }`,
          ...(credentials.length > 0
            ? [
                "  Cuentas creadas ahora (las contraseñas no se vuelven a mostrar; `npx vincula user reset-password USUARIO` da otra):",
                ...credentials,
              ]
            : [
                "  Acceso:         inicie sesión con su cuenta (`npx vincula user list` muestra las cuentas).",
              ]),
          "Ctrl+C para detener.",
          "",
        ].join("\n"),
      );
      let isClosing = false;
      const shutdown = async () => {
        if (isClosing) return;
        isClosing = true;
        stopRetention();
        await app.close();
        await database.close();
        process.exit(0);
      };
      process.on("SIGINT", () => void shutdown());
      process.on("SIGTERM", () => void shutdown());
    });
}
