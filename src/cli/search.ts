import type { Command } from "commander";

export function registerSearchCommand(program: Command): void {
  program
    .command("search")
    .description(
      "Busca en todos los registros (sin distinguir acentos ni mayúsculas; «convenios» encuentra «convenio»).",
    )
    .argument("<query...>", "palabras a buscar")
    .option(
      "--type <type>",
      "solo un tipo de registro (person, organisation, resolution, agreement, activity, …)",
    )
    .option("--limit <n>", "máximo de resultados", "20")
    .option("--json", "salida en JSON")
    .action(async (words: string[], options: { type?: string; limit: string; json?: boolean }) => {
      const { searchRecords } = await import("../domain/search/search-records.ts");
      const { openRuntime } = await import("./runtime.ts");
      const runtime = await openRuntime();
      try {
        const hits = await searchRecords(runtime.context, {
          q: words.join(" "),
          type: options.type,
          limit: options.limit,
        });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
          return;
        }
        if (hits.length === 0) process.stdout.write("Sin resultados.\n");
        for (const hit of hits) {
          process.stdout.write(
            `${hit.type.padEnd(18)} ${hit.title}\n${" ".repeat(19)}${hit.snippet.replace(/\s+/g, " ")}\n`,
          );
        }
      } finally {
        await runtime.database.close();
      }
    });
}
