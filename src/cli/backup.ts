import { createReadStream, createWriteStream } from "node:fs";
import { open, rename, rm, stat } from "node:fs/promises";
import type { Command } from "commander";
import type { BackupSummary } from "../domain/backup/backup.schema.ts";
import { AppError } from "../domain/shared/errors.ts";

const progress = (step: string, done: number, total: number) =>
  process.stdout.write(`  [${done}/${total}] ${step}\n`);

function describe(summary: BackupSummary): string {
  const rows = summary.tables.reduce((sum, table) => sum + table.rows, 0);
  return (
    `${summary.tables.length} tablas, ${rows} filas, ${summary.files} archivos (${summary.fileBytes} bytes); ` +
    `esquema ${summary.header.migration}, hecha el ${summary.header.createdAt} en ${summary.header.engine}.\n` +
    `sha256 del contenido: ${summary.contentSha256}\n`
  );
}

export function registerBackupCommands(program: Command): void {
  program
    .command("backup")
    .description(
      "Copia de seguridad: todos los registros (cuentas incluidas) y archivos en un solo archivo .tar.gz.",
    )
    .requiredOption("--out <file>", "archivo de la copia, p. ej. vincula-2021-04-30.tar.gz")
    .action(async (options: { out: string }) => {
      const { createBackup } = await import("../domain/backup/create-backup.ts");
      const { describeTarget, openRuntime } = await import("./runtime.ts");
      const runtime = await openRuntime();
      // Written beside the target and renamed when complete: a failed backup never leaves a file that looks whole.
      const partial = `${options.out}.${process.pid}.partial`;
      try {
        const started = Date.now();
        process.stdout.write(`Copia de seguridad de ${describeTarget(runtime.config)}:\n`);
        const summary = await createBackup(runtime.context, {
          files: runtime.files,
          output: createWriteStream(partial),
          engine: runtime.database.kind,
          onProgress: progress,
        });
        const handle = await open(partial, "r+");
        await handle.sync();
        await handle.close();
        await rename(partial, options.out);
        const { size } = await stat(options.out);
        process.stdout.write(
          `Copia escrita en ${options.out} (${size} bytes) en ${Date.now() - started} ms: ${describe(summary)}`,
        );
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      } finally {
        await runtime.database.close();
      }
    });

  program
    .command("restore")
    .description(
      "Restaura una copia de seguridad en la base configurada (todo o nada); la base debe estar vacía salvo con --replace.",
    )
    .argument("<file>", "archivo hecho con «vincula backup»")
    .option("--replace", "sustituye todos los registros que ya tenga la base de datos")
    .action(async (file: string, options: { replace?: boolean }) => {
      const { restoreBackup } = await import("../domain/backup/restore-backup.ts");
      const { describeTarget, openRuntime } = await import("./runtime.ts");
      await stat(file).catch((error: NodeJS.ErrnoException) => {
        throw new AppError(
          "not_found",
          `No se pudo leer «${file}»: ${error.code === "ENOENT" ? "no existe" : error.message}.`,
        );
      });
      const runtime = await openRuntime();
      try {
        const started = Date.now();
        process.stdout.write(`Restaurando ${file} en ${describeTarget(runtime.config)}:\n`);
        const summary = await restoreBackup(runtime.context, {
          files: runtime.files,
          open: () => createReadStream(file),
          replace: options.replace,
          onProgress: progress,
        });
        process.stdout.write(`Copia restaurada en ${Date.now() - started} ms: ${describe(summary)}`);
      } finally {
        await runtime.database.close();
      }
    });
}
