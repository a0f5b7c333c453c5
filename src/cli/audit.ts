/** `vincula audit …`: checks the audit trail and shows the history of changes. */
import type { Command } from "commander";
import type { AuditEntry } from "../domain/audit/audit.schema.ts";
import { EXIT } from "./runtime.ts";

const OPERATION = { insert: "alta", update: "cambio", delete: "baja" } as const;

/** The columns an update changed, by name. */
function changedFields(entry: AuditEntry): string[] {
  if (entry.operation !== "update") return [];
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  return Object.keys({ ...before, ...after }).filter(
    (name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]),
  );
}

export function registerAuditCommand(program: Command): void {
  const audit = program
    .command("audit")
    .description("Bitácora de cambios: comprueba su integridad y muestra la historia de los registros.");

  audit
    .command("verify")
    .description(
      "Recalcula el sello de cada entrada y su encadenamiento; si algo se alteró, quitó o reordenó, nombra la primera entrada afectada y termina con código 5.",
    )
    .option("--json", "salida en JSON")
    .action(async (options: { json?: boolean }) => {
      const { verifyAuditTrail } = await import("../domain/audit/verify-audit-trail.ts");
      const { openRuntime } = await import("./runtime.ts");
      const runtime = await openRuntime();
      try {
        const result = await verifyAuditTrail(runtime.context);
        if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else if (result.ok)
          process.stdout.write(
            `Bitácora íntegra: ${result.entries} entradas; último sello ${result.headHash}.\n`,
          );
        else {
          const p = result.problem;
          const where = p?.table ? ` (${p.at}, ${p.table} ${p.recordId}, por ${p.actor})` : "";
          process.stdout.write(
            `Bitácora alterada: entrada ${p?.id}${where}.\n  ${p?.message}\n` +
              `  ${result.entries} entradas anteriores están íntegras.\n`,
          );
        }
        if (!result.ok) process.exitCode = EXIT.findings;
      } finally {
        await runtime.database.close();
      }
    });

  audit
    .command("log")
    .description("Muestra las últimas entradas de la bitácora, de la más antigua a la más reciente.")
    .option("--table <table>", "solo los cambios de esta tabla (agreements, sessions, …)")
    .option("--record <id>", "solo los cambios de este registro (su id)")
    .option("--actor <actor>", "solo los cambios de quien se nombra (account:ana, ana, cli:…)")
    .option("--from <instant>", "desde este día (AAAA-MM-DD) o instante ISO 8601")
    .option("--to <instant>", "hasta este día (AAAA-MM-DD) o instante ISO 8601")
    .option("--limit <n>", "máximo de entradas", "50")
    .option("--json", "salida en JSON (las filas antes y después completas)")
    .action(
      async (options: {
        table?: string;
        record?: string;
        actor?: string;
        from?: string;
        to?: string;
        limit: string;
        json?: boolean;
      }) => {
        const { listAuditEntries } = await import("../domain/audit/list-audit-entries.ts");
        const { openRuntime } = await import("./runtime.ts");
        const runtime = await openRuntime();
        try {
          const page = await listAuditEntries(runtime.context, {
            table: options.table,
            recordId: options.record,
            actor: options.actor,
            from: options.from,
            to: options.to,
            limit: options.limit,
            order: "desc",
          });
          const entries = [...page.items].reverse();
          if (options.json) {
            process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
            return;
          }
          for (const entry of entries) {
            const fields = changedFields(entry);
            process.stdout.write(
              `${String(entry.id).padStart(7)}  ${entry.at}  ${entry.actor}  ${OPERATION[entry.operation]} ${entry.table} ${entry.recordId}` +
                `${fields.length > 0 ? `\n${" ".repeat(9)}cambió: ${fields.join(", ")}` : ""}\n`,
            );
          }
          process.stdout.write(
            page.total > entries.length
              ? `${entries.length} de ${page.total} entradas (las más recientes).\n`
              : `${entries.length} entradas.\n`,
          );
        } finally {
          await runtime.database.close();
        }
      },
    );
}
