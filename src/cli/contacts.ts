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
