/** `vincula`: the command line. Every command is thin: it parses arguments and calls use cases. */
import { Command, CommanderError } from "commander";
import { registerArcoCommand } from "./arco.ts";
import { registerAuditCommand } from "./audit.ts";
import { registerBackupCommands } from "./backup.ts";
import { registerCampaignCommand } from "./campaign.ts";
import { registerCheckCommand } from "./check.ts";
import { registerContactsCommand } from "./contacts.ts";
import { registerDatasetSchemaCommand } from "./dataset-schema.ts";
import { registerExportCommand } from "./export.ts";
import { registerImportCommand } from "./import.ts";
import { registerMigrateCommand } from "./migrate.ts";
import { reportError } from "./output.ts";
import { registerReportCommand } from "./report.ts";
import { EXIT } from "./runtime.ts";
import { registerSearchCommand } from "./search.ts";
import { registerServeCommand } from "./serve.ts";
import { registerTransparencyCommand } from "./transparency.ts";
import { registerUserCommand } from "./user.ts";

const program = new Command()
  .name("vincula")
  .description("Registros e informes de una comisión colegiada.")
  .addHelpText(
    "after",
    `
Variables de entorno:
  VINCULA_DATA_DIR  directorio de datos (por omisión ./data): base embebida y archivos
  DATABASE_URL      si se define, usa ese servidor PostgreSQL en lugar de la base embebida
  PORT, HOST        dirección del servidor (por omisión 127.0.0.1:3000)

Códigos de salida: 0 bien; 1 error interno; 2 uso o configuración incorrectos; 3 datos rechazados;
4 no encontrado o ya existe; 5 la revisión encontró problemas de severidad «error» o la bitácora está alterada.`,
  )
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

registerServeCommand(program);
registerMigrateCommand(program);
registerImportCommand(program);
registerExportCommand(program);
registerSearchCommand(program);
registerReportCommand(program);
registerCheckCommand(program);
registerDatasetSchemaCommand(program);
registerUserCommand(program);
registerTransparencyCommand(program);
registerBackupCommands(program);
registerAuditCommand(program);
registerContactsCommand(program);
registerCampaignCommand(program);
registerArcoCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    process.exitCode = reportError(error);
  }
}
