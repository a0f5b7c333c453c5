/**
 * `vincula campaign`: create a campaign on a list, start it, and send it — `send` runs the durable sender
 * (docs/decisions/024) until no delivery is left to try, printing one progress line per batch. Killed or
 * interrupted, it can simply be run again: it resumes where the database says it stopped.
 */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { AppError } from "../domain/shared/errors.ts";
import { listIdByKey, withRuntime } from "./contacts.ts";

export function registerCampaignCommand(program: Command): void {
  const campaign = program.command("campaign").description("Campañas de correo a una lista de contactos.");

  campaign
    .command("create")
    .description("Crea una campaña en borrador y escribe su id.")
    .requiredOption("--list <key>", "clave de la lista")
    .option("--commission <key>", "clave de la comisión, si varias tienen una lista con esa clave")
    .requiredOption("--subject <text>", "asunto ({nombre} se sustituye por el nombre del contacto)")
    .requiredOption("--body <file>", "archivo Markdown con el cuerpo del mensaje")
    .option("--rate <n>", "mensajes por minuto", (value) => Number(value))
    .action(
      async (options: {
        list: string;
        commission?: string;
        subject: string;
        body: string;
        rate?: number;
      }) => {
        const { createCampaign } = await import("../domain/outreach/campaigns.ts");
        const body = await readFile(options.body, "utf8").catch(() => {
          throw new AppError("not_found", `No se pudo leer «${options.body}».`);
        });
        await withRuntime(async (runtime) => {
          const listId = await listIdByKey(runtime, options.list, options.commission);
          const created = await createCampaign(runtime.context, {
            listId,
            subject: options.subject,
            bodyMarkdown: body,
            ...(options.rate === undefined ? {} : { ratePerMinute: options.rate }),
          });
          process.stdout.write(`${created.id}\n`);
        });
      },
    );

  campaign
    .command("start")
    .description("Inicia el envío: una entrega pendiente por cada contacto suscrito de la lista.")
    .requiredOption("--id <campaign>", "id de la campaña")
    .action(async (options: { id: string }) => {
      const { startCampaign } = await import("../domain/outreach/campaigns.ts");
      await withRuntime(async (runtime) => {
        const { deliveries } = await startCampaign(runtime.context, options.id);
        process.stdout.write(`Campaña iniciada: ${deliveries} entregas pendientes.\n`);
      });
    });

  campaign
    .command("send")
    .description("Envía una campaña iniciada hasta terminarla; si se interrumpe, vuelva a ejecutarlo.")
    .requiredOption("--id <campaign>", "id de la campaña")
    .option("--batch <n>", "entregas que toma en cada vuelta (por omisión 20)", (value) => Number(value))
    .option(
      "--connections <n>",
      "mensajes en curso a la vez, cada uno por su conexión SMTP (por omisión 1)",
      (value) => Number(value),
    )
    .option(
      "--lease <seconds>",
      "tras cuántos segundos una entrega tomada por un envío que murió se vuelve a intentar (por omisión 600)",
      (value) => Number(value),
    )
    .action(async (options: { id: string; batch?: number; lease?: number; connections?: number }) => {
      const { runCampaignSender } = await import("../domain/outreach/campaign-sender.ts");
      const { createMailTransport } = await import("../platform/mail.ts");
      await withRuntime(async (runtime) => {
        const { config } = runtime;
        const missing = [
          config.mail ? undefined : "VINCULA_SMTP_URL y VINCULA_MAIL_FROM",
          config.publicUrl ? undefined : "VINCULA_PUBLIC_URL",
          config.privacyNoticeUrl ? undefined : "VINCULA_PRIVACY_NOTICE_URL",
        ].filter(Boolean);
        for (const [name, value] of [
          ["--batch", options.batch],
          ["--lease", options.lease],
          ["--connections", options.connections],
        ] as const)
          if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= 100_000))
            throw new AppError("validation_failed", `${name} debe ser un entero entre 1 y 100000.`);
        if (!config.mail || !config.publicUrl || !config.privacyNoticeUrl)
          throw new AppError("validation_failed", `Para enviar falta configurar: ${missing.join(", ")}.`);
        const transport = createMailTransport(config.mail, {
          pool: true,
          maxConnections: options.connections ?? 1,
        });
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
        const started = Date.now();
        try {
          const result = await runCampaignSender(
            runtime.database.db,
            options.id,
            transport,
            {
              from: config.mail.from,
              publicUrl: config.publicUrl,
              privacyNoticeUrl: config.privacyNoticeUrl,
              unsubscribeMailto: config.unsubscribeMailto,
              maxRatePerMinute: config.mail.ratePerMinute,
            },
            {
              batchSize: options.batch,
              concurrency: options.connections,
              leaseMs: options.lease === undefined ? undefined : options.lease * 1000,
              signal: controller.signal,
              onProgress: (p) =>
                process.stdout.write(
                  `Enviados ${p.sent}, fallidos ${p.failedPermanent}, por reintentar ${p.failedTemporary}, ` +
                    `pausas ${p.paused}; quedan ${p.remaining}.\n`,
                ),
            },
          );
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          process.stdout.write(
            result.done
              ? `Campaña terminada en ${seconds} s: ${result.sent} enviados en esta ejecución.\n`
              : `Envío detenido tras ${seconds} s; quedan ${result.remaining}. Vuelva a ejecutar el comando para seguir.\n`,
          );
        } finally {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          transport.close();
        }
      });
    });
}
