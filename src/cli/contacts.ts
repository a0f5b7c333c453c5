/**
 * `vincula contacts`: import a CSV/XLSX file into a list (preview by default, `--commit` to save), export one
 * person's data as JSON, apply retention. The operator at the shell acts as `cli:<name>`; reads are logged.
 */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { AppError } from "../domain/shared/errors.ts";
import type { Runtime } from "./runtime.ts";

export function registerContactsCommand(program: Command): void {
  const contacts = program
    .command("contacts")
    .description("Listas de contactos: importación, datos de una persona, retención (datos personales).");

  contacts
    .command("import")
    .description("Revisa un archivo CSV o XLSX de contactos; con --commit guarda las filas válidas.")
    .requiredOption("--list <key>", "clave de la lista")
    .option("--commission <key>", "clave de la comisión, si varias tienen una lista con esa clave")
    .option("--commit", "guarda las filas válidas (sin esta opción solo revisa)")
    .argument("<file>", "archivo CSV o XLSX con encabezados en la primera fila (docs/outreach.md)")
    .action(async (file: string, options: { list: string; commission?: string; commit?: boolean }) => {
      const { importContacts } = await import("../domain/outreach/import-contacts.ts");
      const { todayInMexicoCity } = await import("../domain/shared/calendar.ts");
      const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
        throw new AppError(
          "not_found",
          `No se pudo leer «${file}»: ${error.code === "ENOENT" ? "no existe" : error.message}.`,
        );
      });
      await withRuntime(async (runtime) => {
        const listId = await listIdByKey(runtime, options.list, options.commission);
        const started = Date.now();
        const result = await importContacts(runtime.context, {
          listId,
          bytes: new Uint8Array(bytes),
          commit: options.commit === true,
          today: todayInMexicoCity(),
        });
        for (const rejection of result.rejections)
          process.stdout.write(
            `Fila ${rejection.row} (${rejection.email || "sin correo"}): ${rejection.reasons
              .map((reason) => `${reason.column}: ${reason.message}`)
              .join("; ")}\n`,
          );
        process.stdout.write(
          `${result.total} filas: ${result.valid} válidas, ${result.rejected} rechazadas. ` +
            (result.committed
              ? `Se importaron ${result.imported} contactos en ${Date.now() - started} ms.\n`
              : "No se guardó nada (use --commit para importar las filas válidas).\n"),
        );
      });
    });

  contacts
    .command("lists")
    .description("Las listas de contactos, con cuántos contactos tiene cada una.")
    .action(async () => {
      const { listOutreachLists } = await import("../domain/outreach/lists.ts");
      await withRuntime(async (runtime) => {
        for (const list of await listOutreachLists(runtime.context))
          process.stdout.write(
            `${list.key}\t${list.name}\t${list.subscribedCount} suscritos de ${list.contactCount}\n`,
          );
      });
    });

  contacts
    .command("create-list")
    .description("Crea una lista de contactos de una comisión.")
    .requiredOption("--commission <key>", "clave de la comisión")
    .requiredOption("--key <key>", "clave de la lista (minúsculas, números y guiones)")
    .requiredOption("--name <name>", "nombre, p. ej. «Voto Chilango»")
    .requiredOption("--purpose <text>", "finalidad del tratamiento, como dice el aviso de privacidad")
    .requiredOption("--retention-months <n>", "meses tras el último consentimiento", (value) => Number(value))
    .requiredOption("--notice-version <version>", "versión del aviso de privacidad vigente")
    .action(
      async (options: {
        commission: string;
        key: string;
        name: string;
        purpose: string;
        retentionMonths: number;
        noticeVersion: string;
      }) => {
        const { createOutreachList } = await import("../domain/outreach/lists.ts");
        await withRuntime(async (runtime) => {
          const list = await createOutreachList(runtime.context, {
            commissionId: await commissionIdByKey(runtime, options.commission),
            key: options.key,
            name: options.name,
            purpose: options.purpose,
            retentionMonths: options.retentionMonths,
            privacyNoticeVersion: options.noticeVersion,
          });
          process.stdout.write(`Lista «${list.name}» creada (${list.id}).\n`);
        });
      },
    );

  contacts
    .command("export-person")
    .description("Escribe en JSON todo lo que Vincula guarda de una persona (por su correo).")
    .argument("<email>", "correo de la persona")
    .action(async (email: string) => {
      const { exportPersonData } = await import("../domain/outreach/export-person.ts");
      await withRuntime(async (runtime) => {
        const data = await exportPersonData(runtime.context, email);
        process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      });
    });

  contacts
    .command("apply-retention")
    .description(
      "Bloquea los contactos que pasaron la retención de su lista y elimina los bloqueados hace más de 90 días.",
    )
    .option("--today <date>", "fecha de hoy (AAAA-MM-DD); por omisión la de la Ciudad de México")
    .action(async (options: { today?: string }) => {
      const { applyRetention } = await import("../domain/outreach/apply-retention.ts");
      const { todayInMexicoCity } = await import("../domain/shared/calendar.ts");
      await withRuntime(async (runtime) => {
        const result = await applyRetention(runtime.context, options.today ?? todayInMexicoCity());
        process.stdout.write(`Contactos bloqueados: ${result.blocked}; eliminados: ${result.deleted}.\n`);
      });
    });
}

export async function withRuntime(work: (runtime: Runtime) => Promise<void>): Promise<void> {
  const { openRuntime } = await import("./runtime.ts");
  const runtime = await openRuntime();
  try {
    await work(runtime);
  } finally {
    await runtime.database.close();
  }
}

export async function listIdByKey(runtime: Runtime, key: string, commissionKey?: string): Promise<string> {
  const { and, eq } = await import("drizzle-orm");
  const { commissions, outreachLists } = await import("../platform/db/schema.ts");
  const rows = await runtime.database.db
    .select({ id: outreachLists.id, commission: commissions.key })
    .from(outreachLists)
    .innerJoin(commissions, eq(commissions.id, outreachLists.commissionId))
    .where(and(eq(outreachLists.key, key), commissionKey ? eq(commissions.key, commissionKey) : undefined));
  if (rows.length === 0) throw new AppError("not_found", `No existe la lista «${key}».`);
  if (rows.length > 1)
    throw new AppError(
      "validation_failed",
      `Varias comisiones tienen una lista «${key}» (${rows.map((row) => row.commission).join(", ")}): indique --commission.`,
    );
  return (rows[0] as { id: string }).id;
}

export async function commissionIdByKey(runtime: Runtime, key: string): Promise<string> {
  const { eq } = await import("drizzle-orm");
  const { commissions } = await import("../platform/db/schema.ts");
  const [commission] = await runtime.database.db
    .select({ id: commissions.id })
    .from(commissions)
    .where(eq(commissions.key, key));
  if (!commission) throw new AppError("not_found", `No existe la comisión «${key}».`);
  return commission.id;
}
