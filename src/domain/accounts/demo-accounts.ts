/**
 * The demo's accounts: one per role in the demo commission (CVOE), so a new user can see what each role sees.
 * Created once, with random passwords that `vincula serve --demo` prints; nothing when they already exist.
 */
import { eq, inArray } from "drizzle-orm";
import { accounts, areas, commissions } from "../../platform/db/schema.ts";
import type { UseCaseContext } from "../shared/context.ts";
import { ROLE_LABELS, type Role } from "../shared/permissions.ts";
import { createAccount } from "./accounts.ts";
import { oneTimePassword } from "./passwords.ts";

/** The demo area liaison works for the Dirección Ejecutiva de Organización Electoral y Geoestadística. */
const DEMO_ACCOUNTS: { username: string; name: string; role: Role; areaKey?: string }[] = [
  { username: "secretaria", name: "Secretaría técnica (demostración)", role: "technical_secretariat" },
  { username: "enlace", name: "Enlace de la DEOEyG (demostración)", role: "area_liaison", areaKey: "deoeyg" },
  { username: "consejera", name: "Consejera integrante (demostración)", role: "commission_member" },
  {
    username: "representante",
    name: "Representación de partido (demostración)",
    role: "party_representative",
  },
  { username: "invitado", name: "Persona invitada (demostración)", role: "guest" },
];

export async function ensureDemoAccounts(
  ctx: UseCaseContext,
): Promise<{ username: string; label: string; password: string }[]> {
  const commission = await ctx.db.query.commissions.findFirst({ where: eq(commissions.key, "cvoe") });
  if (!commission) return [];
  const existing = await ctx.db
    .select({ username: accounts.username })
    .from(accounts)
    .where(
      inArray(
        accounts.username,
        DEMO_ACCOUNTS.map((a) => a.username),
      ),
    );
  if (existing.length > 0) return [];
  const created = [];
  for (const demo of DEMO_ACCOUNTS) {
    const area = demo.areaKey
      ? await ctx.db.query.areas.findFirst({ where: eq(areas.key, demo.areaKey) })
      : undefined;
    if (demo.areaKey && !area) continue;
    const password = oneTimePassword();
    await createAccount(ctx, {
      username: demo.username,
      name: demo.name,
      password,
      roles: [{ commissionId: commission.id, role: demo.role, areaId: area?.id ?? null }],
    });
    created.push({ username: demo.username, label: ROLE_LABELS[demo.role], password });
  }
  return created;
}
