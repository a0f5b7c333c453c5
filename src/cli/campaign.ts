/**
 * `vincula campaign`: create a campaign on a list, start it, and send it — `send` runs the durable sender
 * (docs/decisions/024) until no delivery is left to try, printing one progress line per batch. Killed or
 * interrupted, it can simply be run again: it resumes where the database says it stopped.
 */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import type { SenderSettings } from "../domain/outreach/campaign-sender.ts";
import { AppError } from "../domain/shared/errors.ts";
import { listIdByKey, withRuntime } from "./contacts.ts";
import type { Runtime } from "./runtime.ts";

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
    .option("--report-title <text>", "cómo la nombra el informe («Envío de invitación a …»)")
    .option("--action <code>", "acción programada en la que la cuenta el informe, p. ej. 2021-5A")
    .action(
      async (options: {
        list: string;
        commission?: string;
        subject: string;
        body: string;
        rate?: number;
        reportTitle?: string;
        action?: string;
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
            ...(options.reportTitle === undefined ? {} : { reportTitle: options.reportTitle }),
            ...(options.action === undefined
              ? {}
              : { actionId: await actionIdByCode(runtime, listId, options.action) }),
          });
          process.stdout.write(`${created.id}\n`);
        });
      },
    );

  campaign
    .command("start")
    .description(
      "Inicia un envío: el primero, o uno nuevo (recordatorio) de una campaña ya enviada; una entrega pendiente por cada contacto suscrito.",
    )
    .requiredOption("--id <campaign>", "id de la campaña")
    .action(async (options: { id: string }) => {
      const { startCampaign } = await import("../domain/outreach/campaigns.ts");
      await withRuntime(async (runtime) => {
        const { deliveries, send } = await startCampaign(runtime.context, options.id);
        process.stdout.write(`Envío ${send.number} iniciado: ${deliveries} entregas pendientes.\n`);
      });
    });

  campaign
    .command("list")
    .description("Campañas de una lista, de la más reciente a la más antigua.")
    .requiredOption("--list <key>", "clave de la lista")
    .option("--commission <key>", "clave de la comisión, si varias tienen una lista con esa clave")
    .action(async (options: { list: string; commission?: string }) => {
      const { listCampaigns } = await import("../domain/outreach/campaigns.ts");
      await withRuntime(async (runtime) => {
        const listId = await listIdByKey(runtime, options.list, options.commission);
        for (const row of await listCampaigns(runtime.context, listId))
          process.stdout.write(`${row.id}\t${row.status}\t${row.recipientCount}\t${row.subject}\n`);
      });
    });

  campaign
    .command("progress")
    .description("Estado de la campaña y de su último envío.")
    .requiredOption("--id <campaign>", "id de la campaña")
    .action(async (options: { id: string }) => {
      const { campaignProgress } = await import("../domain/outreach/campaigns.ts");
      await withRuntime(async (runtime) => {
        process.stdout.write(
          `${JSON.stringify(await campaignProgress(runtime.context, options.id), null, 2)}\n`,
        );
      });
    });

  campaign
    .command("preview")
    .description("Escribe el mensaje (texto) tal como lo recibiría un contacto de ejemplo.")
    .requiredOption("--id <campaign>", "id de la campaña")
    .option("--html", "el HTML en vez del texto")
    .action(async (options: { id: string; html?: boolean }) => {
      const { previewCampaign } = await import("../domain/outreach/campaign-preview.ts");
      await withRuntime(async (runtime) => {
        const preview = await previewCampaign(runtime.context, options.id, senderSettings(runtime));
        process.stdout.write(
          options.html ? preview.html : `De: ${preview.from}\nAsunto: ${preview.subject}\n\n${preview.text}`,
        );
      });
    });

  campaign
    .command("test")
    .description("Envía una prueba («[Prueba]» en el asunto) a hasta cinco direcciones, no a la lista.")
    .requiredOption("--id <campaign>", "id de la campaña")
    .requiredOption("--to <addresses...>", "direcciones de prueba")
    .action(async (options: { id: string; to: string[] }) => {
      const { sendCampaignTest } = await import("../domain/outreach/campaign-preview.ts");
      const { createMailTransport } = await import("../platform/mail.ts");
      await withRuntime(async (runtime) => {
        const settings = senderSettings(runtime);
        const transport =
          runtime.config.mail && settings ? createMailTransport(runtime.config.mail) : undefined;
        try {
          const result = await sendCampaignTest(
            runtime.context,
            options.id,
            { to: options.to },
            transport && settings ? { transport, settings } : undefined,
          );
          process.stdout.write(`Prueba enviada a ${result.sent} de ${options.to.length} direcciones.\n`);
          for (const failure of result.failures) process.stdout.write(`  ${failure.to}: ${failure.reason}\n`);
        } finally {
          transport?.close();
        }
      });
    });

  campaign
    .command("bounce")
    .description(
      "Registra rebotes que llegaron después: cada archivo es un aviso de rebote completo (.eml); «-» lee uno de la entrada.",
    )
    .argument("<files...>", "avisos de rebote (.eml)")
    .action(async (files: string[]) => {
      const { recordBounce } = await import("../domain/outreach/bounces.ts");
      const texts = await Promise.all(
        files.map(async (file) =>
          file === "-"
            ? await new Response(process.stdin as unknown as ReadableStream).text()
            : await readFile(file, "utf8").catch(() => {
                throw new AppError("not_found", `No se pudo leer «${file}».`);
              }),
        ),
      );
      await withRuntime(async (runtime) => {
        for (const [index, text] of texts.entries()) {
          const result = await recordBounce(runtime.context, text);
          const what = {
            permanent: `rebote permanente: ${result.bounced} entregas marcadas como rebotadas`,
            temporary: "retraso temporal: no cambia nada",
            not_ours: "no cita ningún mensaje de una campaña",
          }[result.kind];
          process.stdout.write(`${files[index]}: ${what}.\n`);
        }
      });
    });

  campaign
    .command("schedule")
    .description("Programa el primer envío; el servidor (con correo configurado) lo inicia a esa hora.")
    .requiredOption("--id <campaign>", "id de la campaña")
    .requiredOption("--at <datetime>", "fecha y hora ISO 8601 con zona, p. ej. 2026-12-08T09:00:00-06:00")
    .action(async (options: { id: string; at: string }) => {
      const { scheduleCampaign } = await import("../domain/outreach/campaigns.ts");
      await withRuntime(async (runtime) => {
        const row = await scheduleCampaign(runtime.context, options.id, { at: options.at });
        process.stdout.write(`Campaña programada para ${row.scheduledAt?.toISOString()}.\n`);
      });
    });

  campaign
    .command("cancel")
    .description("Cancela la campaña: no se envía, o deja de enviarse (lo entregado queda registrado).")
    .requiredOption("--id <campaign>", "id de la campaña")
    .action(async (options: { id: string }) => {
      const { cancelCampaign } = await import("../domain/outreach/campaigns.ts");
      await withRuntime(async (runtime) => {
        await cancelCampaign(runtime.context, options.id);
        process.stdout.write("Campaña cancelada.\n");
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
        const settings = senderSettings(runtime);
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
            settings as SenderSettings,
            {
              batchSize: options.batch,
              concurrency: options.connections,
              leaseMs: options.lease === undefined ? undefined : options.lease * 1000,
              // One process owns a PGlite database: a claim older than this one is a dead process's.
              staleBefore: runtime.database.kind === "pglite" ? new Date(started) : undefined,
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

/** The sender's settings from the environment, or undefined where mail is not configured. */
function senderSettings(runtime: Runtime): SenderSettings | undefined {
  const { config } = runtime;
  if (!config.mail || !config.publicUrl || !config.privacyNoticeUrl) return undefined;
  return {
    from: config.mail.from,
    publicUrl: config.publicUrl,
    privacyNoticeUrl: config.privacyNoticeUrl,
    unsubscribeMailto: config.unsubscribeMailto,
    maxRatePerMinute: config.mail.ratePerMinute,
  };
}

/** «2021-5A» (year, strategic line, letter) → the programmed action of the list's commission. */
async function actionIdByCode(runtime: Runtime, listId: string, code: string): Promise<string> {
  const match = /^(\d{4})-(\d{1,2})([A-Z])$/.exec(code);
  if (!match)
    throw new AppError(
      "validation_failed",
      `«${code}» no es una acción programada (año-línea-letra, p. ej. 2021-5A).`,
    );
  const { sql } = await import("drizzle-orm");
  const { queryRows } = await import("../platform/db/open.ts");
  const rows = await queryRows<{ id: string }>(
    runtime.database.db,
    sql`select a.id from programmed_actions a
        join strategic_lines l on l.id = a.line_id
        join work_programmes p on p.id = l.programme_id
        join outreach_lists o on o.commission_id = p.commission_id
        where o.id = ${listId}::uuid and p.year = ${Number(match[1])} and l.number = ${Number(match[2])}
          and a.letter = ${match[3]}`,
  );
  if (!rows[0])
    throw new AppError("not_found", `La comisión de la lista no tiene la acción programada «${code}».`);
  return rows[0].id;
}
