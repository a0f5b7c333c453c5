/** `vincula transparency-export`: a commission's agreements in the transparency format (art. 70 fr. XXXIII). */
import type { Command } from "commander";

type Options = {
  commission: string;
  period?: string;
  from?: string;
  to?: string;
  format: string;
  out?: string;
};

export function registerTransparencyCommand(program: Command): void {
  program
    .command("transparency-export")
    .description(
      "Escribe los convenios firmados en un periodo en el formato de transparencia (Ley General de Transparencia, art. 70 fr. XXXIII), como XLSX o CSV.",
    )
    .requiredOption("--commission <key>", "clave de la comisión, p. ej. cvoe")
    .option("--period <period>", "año (2021) o trimestre (2021-Q1)")
    .option("--from <date>", "inicio del periodo (AAAA-MM-DD), en lugar de --period")
    .option("--to <date>", "término del periodo (AAAA-MM-DD), en el mismo año")
    .option("--format <format>", "xlsx o csv", "xlsx")
    .option("--out <file>", "archivo de salida (por omisión, la salida estándar)")
    .action(async (options: Options) => {
      const { exportAgreementsTransparency } = await import(
        "../domain/transparency/export-agreements-transparency.ts"
      );
      const { openRuntime } = await import("./runtime.ts");
      const runtime = await openRuntime();
      try {
        const file = await exportAgreementsTransparency(runtime.context, {
          commission: options.commission,
          period: options.period,
          from: options.from,
          to: options.to,
          format: options.format,
        });
        if (options.out) {
          const { writeFile } = await import("node:fs/promises");
          await writeFile(options.out, file.bytes);
          process.stderr.write(`${file.rowCount} convenios escritos en ${options.out}.\n`);
        } else process.stdout.write(file.bytes);
      } finally {
        await runtime.database.close();
      }
    });
}
