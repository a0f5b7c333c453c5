import type { Command } from "commander";
import { AppError } from "../domain/shared/errors.ts";
import { EXIT } from "./runtime.ts";

const SEVERITY = { error: "ERROR", warning: "AVISO", info: "INFO" } as const;

export function registerCheckCommand(program: Command): void {
  program
    .command("check")
    .description(
      "Revisa los registros: posibles duplicados, números de acuerdo fuera de secuencia, minutas sin aprobar, …",
    )
    .option("--commission <key>", "solo los registros de esta comisión")
    .option(
      "--period <period>",
      "con --commission: las revisiones del informe de ese periodo (2021-Q1 o 2021)",
    )
    .option("--json", "salida en JSON")
    .action(async (options: { commission?: string; period?: string; json?: boolean }) => {
      const { eq } = await import("drizzle-orm");
      const { runChecks } = await import("../domain/checks/run-checks.ts");
      const { checkReportPeriod } = await import("../domain/reports/check-report-period.ts");
      const { commissions } = await import("../platform/db/schema.ts");
      const { openRuntime } = await import("./runtime.ts");
      const runtime = await openRuntime();
      try {
        let commissionId: string | undefined;
        if (options.commission) {
          const found = await runtime.database.db.query.commissions.findFirst({
            where: eq(commissions.key, options.commission),
          });
          if (!found) throw new AppError("not_found", `No existe la comisión «${options.commission}».`);
          commissionId = found.id;
        }
        if (options.period && !commissionId) {
          program.error("--period requiere --commission.", { exitCode: 2 });
        }
        const findings = options.period
          ? await checkReportPeriod(runtime.context, { commissionId, period: options.period })
          : await runChecks(runtime.context, { commissionId });
        if (options.json) process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
        else {
          for (const f of findings) {
            process.stdout.write(
              `${SEVERITY[f.severity].padEnd(6)} ${f.code}  ${f.message}\n       → ${f.record.type} ${f.record.label} (${f.record.id})\n`,
            );
          }
          const errors = findings.filter((f) => f.severity === "error").length;
          process.stdout.write(`${findings.length} hallazgos (${errors} de severidad «error»).\n`);
        }
        if (findings.some((f) => f.severity === "error")) process.exitCode = EXIT.findings;
      } finally {
        await runtime.database.close();
      }
    });
}
