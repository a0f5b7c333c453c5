import type { Command } from "commander";
import { describeTarget, openRuntime } from "./runtime.ts";

export function registerMigrateCommand(program: Command): void {
  program
    .command("migrate")
    .description("Aplica las migraciones pendientes de la base de datos (también se aplican al iniciar).")
    .action(async () => {
      const runtime = await openRuntime({ migrate: false });
      try {
        await runtime.database.migrate();
        process.stdout.write(`Migraciones aplicadas en ${describeTarget(runtime.config)}.\n`);
      } finally {
        await runtime.database.close();
      }
    });
}
