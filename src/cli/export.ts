import { writeFile } from "node:fs/promises";
import type { Command } from "commander";

export function registerExportCommand(program: Command): void {
  program
    .command("export")
    .description("Exporta los registros de una comisión en el formato de importación.")
    .requiredOption("--commission <key>", "clave de la comisión, p. ej. cvoe")
    .option("--format <format>", "yaml o json", "yaml")
    .option("--out <file>", "archivo de salida (por omisión, la salida estándar)")
    .action(async (options: { commission: string; format: string; out?: string }) => {
      const { exportDataset, serialiseDataset } = await import("../domain/dataset/export-dataset.ts");
      const { openRuntime } = await import("./runtime.ts");
      if (options.format !== "yaml" && options.format !== "json") {
        program.error(`Formato desconocido «${options.format}»: use yaml o json.`, { exitCode: 2 });
      }
      const runtime = await openRuntime();
      try {
        const dataset = await exportDataset(runtime.context, options.commission);
        const text = serialiseDataset(dataset, options.format as "yaml" | "json");
        if (options.out) {
          await writeFile(options.out, text);
          process.stderr.write(`Exportado a ${options.out}.\n`);
        } else process.stdout.write(text);
      } finally {
        await runtime.database.close();
      }
    });
}
