/** `vincula user …`: accounts from the server's shell (list, add, roles, password reset, enable/disable, tokens). */
import type { Command } from "commander";
import type { Runtime } from "./runtime.ts";

const ROLE_HELP =
  "rol en una comisión: COMISIÓN:ROL[:ÁREA] con claves, p. ej. cvoe:technical_secretariat o cvoe:area_liaison:deoeyg " +
  "(roles: technical_secretariat, area_liaison, commission_member, party_representative, guest); se puede repetir";

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `cvoe:area_liaison:deoeyg` → the grant with the commission's and the area's ids. */
async function grantsFrom(runtime: Runtime, specs: string[]) {
  const { eq } = await import("drizzle-orm");
  const { areas } = await import("../platform/db/schema.ts");
  const { AppError } = await import("../domain/shared/errors.ts");
  const { commissionIdByKey } = await import("./runtime.ts");
  const grants = [];
  for (const spec of specs) {
    const [commissionKey, role, areaKey, ...rest] = spec.split(":");
    if (!commissionKey || !role || rest.length > 0)
      throw new AppError("validation_failed", `Rol mal escrito «${spec}»: use COMISIÓN:ROL[:ÁREA].`);
    const area = areaKey
      ? await runtime.database.db.query.areas.findFirst({ where: eq(areas.key, areaKey) })
      : undefined;
    if (areaKey && !area) throw new AppError("not_found", `No existe el área «${areaKey}».`);
    grants.push({
      commissionId: await commissionIdByKey(runtime, commissionKey),
      role,
      areaId: area?.id ?? null,
    });
  }
  return grants;
}

async function accountIdOf(runtime: Runtime, username: string): Promise<string> {
  const { eq } = await import("drizzle-orm");
  const { accounts } = await import("../platform/db/schema.ts");
  const { AppError } = await import("../domain/shared/errors.ts");
  const row = await runtime.database.db.query.accounts.findFirst({
    where: eq(accounts.username, username.trim().toLowerCase()),
  });
  if (!row) throw new AppError("not_found", `No existe la cuenta «${username}».`);
  return row.id;
}

/** Opens the runtime, runs `work`, always closes the database. */
async function withRuntime(work: (runtime: Runtime) => Promise<void>): Promise<void> {
  const { openRuntime } = await import("./runtime.ts");
  const runtime = await openRuntime();
  try {
    await work(runtime);
  } finally {
    await runtime.database.close();
  }
}

export function registerUserCommand(program: Command): void {
  const user = program.command("user").description("Administra las cuentas de acceso.");

  user
    .command("list")
    .description("Lista las cuentas con sus roles.")
    .action(() =>
      withRuntime(async (runtime) => {
        const { listAccounts } = await import("../domain/accounts/accounts.ts");
        const { ROLE_LABELS } = await import("../domain/shared/permissions.ts");
        const commissions = await runtime.database.db.query.commissions.findMany();
        const areaRows = await runtime.database.db.query.areas.findMany();
        const keyOf = (rows: { id: string; key: string }[], id: string | null) =>
          rows.find((r) => r.id === id)?.key ?? "?";
        for (const account of await listAccounts(runtime.context)) {
          const roles = [
            ...(account.isAdministrator ? [ROLE_LABELS.administrator] : []),
            ...account.roles.map(
              (g) =>
                `${ROLE_LABELS[g.role]} (${keyOf(commissions, g.commissionId)}${g.areaId ? `, ${keyOf(areaRows, g.areaId)}` : ""})`,
            ),
          ];
          const state = [
            account.isActive ? "" : "desactivada",
            account.lockedUntil ? "bloqueada" : "",
            account.mustChangePassword ? "contraseña provisional" : "",
          ].filter(Boolean);
          process.stdout.write(
            `${account.username.padEnd(20)} ${account.name}${state.length ? ` [${state.join(", ")}]` : ""}\n` +
              `${"".padEnd(20)} ${roles.join("; ") || "sin roles"}\n`,
          );
        }
      }),
    );

  user
    .command("add <username>")
    .description("Crea una cuenta y muestra su contraseña provisional (una sola vez).")
    .requiredOption("--name <name>", "nombre de la persona")
    .option("--email <email>", "correo electrónico")
    .option("--admin", "con rol de administración")
    .option("--role <spec>", ROLE_HELP, collect, [])
    .action((username: string, options: { name: string; email?: string; admin?: boolean; role: string[] }) =>
      withRuntime(async (runtime) => {
        const { createAccount } = await import("../domain/accounts/accounts.ts");
        const created = await createAccount(runtime.context, {
          username,
          name: options.name,
          email: options.email ?? null,
          isAdministrator: options.admin ?? false,
          roles: await grantsFrom(runtime, options.role),
        });
        process.stdout.write(
          `Cuenta «${created.account.username}» creada. Contraseña provisional: ${created.oneTimePassword}\n` +
            "Se pedirá cambiarla al entrar.\n",
        );
      }),
    );

  user
    .command("set-roles <username>")
    .description("Reemplaza los roles de una cuenta (sin --role, la deja sin roles).")
    .option("--role <spec>", ROLE_HELP, collect, [])
    .option("--admin", "con rol de administración")
    .option("--no-admin", "sin rol de administración")
    .action((username: string, options: { role: string[]; admin?: boolean }) =>
      withRuntime(async (runtime) => {
        const { updateAccount } = await import("../domain/accounts/accounts.ts");
        const account = await updateAccount(runtime.context, await accountIdOf(runtime, username), {
          roles: await grantsFrom(runtime, options.role),
          ...(options.admin !== undefined ? { isAdministrator: options.admin } : {}),
        });
        process.stdout.write(`Roles de «${account.username}» actualizados (${account.roles.length}).\n`);
      }),
    );

  user
    .command("reset-password <username>")
    .description("Da una contraseña provisional nueva, desbloquea la cuenta y cierra sus sesiones.")
    .action((username: string) =>
      withRuntime(async (runtime) => {
        const { resetPassword } = await import("../domain/accounts/accounts.ts");
        const { oneTimePassword } = await resetPassword(
          runtime.context,
          await accountIdOf(runtime, username),
        );
        process.stdout.write(`Contraseña provisional de «${username}»: ${oneTimePassword}\n`);
      }),
    );

  for (const [name, isActive] of [
    ["disable", false],
    ["enable", true],
  ] as const) {
    user
      .command(`${name} <username>`)
      .description(isActive ? "Reactiva una cuenta." : "Desactiva una cuenta y cierra sus sesiones.")
      .action((username: string) =>
        withRuntime(async (runtime) => {
          const { updateAccount } = await import("../domain/accounts/accounts.ts");
          await updateAccount(runtime.context, await accountIdOf(runtime, username), { isActive });
          process.stdout.write(`Cuenta «${username}» ${isActive ? "reactivada" : "desactivada"}.\n`);
        }),
      );
  }

  user
    .command("token <username>")
    .description(
      "Crea una ficha de acceso (Authorization: Bearer …) para una integración; se muestra una sola vez.",
    )
    .requiredOption("--name <name>", "para qué es la ficha")
    .requiredOption(
      "--scope <permission>",
      "permiso que la ficha puede usar (p. ej. records.read); se puede repetir",
      collect,
      [],
    )
    .option("--days <n>", "días de vigencia (1–365)", "90")
    .action((username: string, options: { name: string; scope: string[]; days: string }) =>
      withRuntime(async (runtime) => {
        const { createApiToken } = await import("../domain/accounts/authentication.ts");
        const { token, apiToken } = await createApiToken(
          runtime.context,
          await accountIdOf(runtime, username),
          {
            name: options.name,
            scopes: options.scope,
            expiresInDays: Number(options.days),
          },
        );
        process.stdout.write(
          `Ficha «${apiToken.name}» (vence ${apiToken.expiresAt.slice(0, 10)}):\n${token}\n`,
        );
      }),
    );
}
