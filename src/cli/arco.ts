/**
 * `vincula arco`: requests of access, rectification, cancellation and opposition (docs/outreach.md) — recorded
 * with their legal deadline, listed pending first, resolved with their outcome. Granting a cancellation deletes
 * the person's contacts in the commission's lists; granting an opposition unsubscribes them.
 */
import type { Command } from "commander";
import { commissionIdByKey, withRuntime } from "./contacts.ts";

const KINDS: Record<string, string> = {
  access: "acceso",
  rectification: "rectificación",
  cancellation: "cancelación",
  opposition: "oposición",
};

export function registerArcoCommand(program: Command): void {
  const arco = program
    .command("arco")
    .description("Solicitudes de derechos ARCO (acceso, rectificación, cancelación, oposición).");

  arco
    .command("list")
    .description("Las solicitudes, pendientes primero por fecha límite.")
    .option("--pending", "solo las pendientes")
    .action(async (options: { pending?: boolean }) => {
      const { listDataProtectionRequests } = await import("../domain/outreach/data-protection-requests.ts");
      await withRuntime(async (runtime) => {
        for (const row of await listDataProtectionRequests(runtime.context, { isPending: options.pending }))
          process.stdout.write(
            `${row.id}\t${KINDS[row.kind]}\t${row.requesterEmail}\trecibida ${row.receivedOn}\tvence ${row.deadlineOn}\t${row.status}\n`,
          );
      });
    });

  arco
    .command("create")
    .description("Registra una solicitud; la fecha límite (20 días hábiles) se calcula.")
    .requiredOption("--commission <key>", "clave de la comisión")
    .requiredOption("--kind <kind>", "access, rectification, cancellation u opposition")
    .requiredOption("--email <email>", "correo de la persona")
    .requiredOption("--received <date>", "fecha de recepción (AAAA-MM-DD)")
    .option("--name <name>", "nombre de la persona")
    .option("--details <text>", "lo que pide")
    .action(
      async (options: {
        commission: string;
        kind: string;
        email: string;
        received: string;
        name?: string;
        details?: string;
      }) => {
        const { createDataProtectionRequest } = await import(
          "../domain/outreach/data-protection-requests.ts"
        );
        await withRuntime(async (runtime) => {
          const request = await createDataProtectionRequest(runtime.context, {
            commissionId: await commissionIdByKey(runtime, options.commission),
            kind: options.kind,
            requesterEmail: options.email,
            receivedOn: options.received,
            ...(options.name ? { requesterName: options.name } : {}),
            ...(options.details ? { details: options.details } : {}),
          });
          process.stdout.write(`Solicitud registrada (${request.id}); fecha límite ${request.deadlineOn}.\n`);
        });
      },
    );

  arco
    .command("resolve")
    .description("Resuelve una solicitud: granted (procede), denied (no procede) o withdrawn (desistida).")
    .requiredOption("--id <request>", "id de la solicitud")
    .requiredOption("--status <status>", "granted, denied o withdrawn")
    .requiredOption("--outcome <text>", "la respuesta dada")
    .requiredOption("--on <date>", "fecha de la respuesta (AAAA-MM-DD)")
    .action(async (options: { id: string; status: string; outcome: string; on: string }) => {
      const { resolveDataProtectionRequest } = await import("../domain/outreach/data-protection-requests.ts");
      await withRuntime(async (runtime) => {
        await resolveDataProtectionRequest(runtime.context, options.id, {
          status: options.status,
          outcome: options.outcome,
          resolvedOn: options.on,
        });
        process.stdout.write("Solicitud resuelta.\n");
      });
    });
}
