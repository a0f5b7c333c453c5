/**
 * Accounts and their roles, managed by an administrator (permission «accounts.manage»). An account holds roles
 * per commission (src/domain/shared/permissions.ts); the administrator flag gives every permission everywhere.
 * Passwords are never returned: creating an account or resetting its password hands out a one-time password
 * that must be changed at the next sign-in.
 */
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../platform/db/open.ts";
import { accountRoles, accounts, areas, authSessions, commissions } from "../../platform/db/schema.ts";
import { type Actor, authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { type Grant, type Permission, ROLES } from "../shared/permissions.ts";
import { parseInput } from "../shared/resource.ts";
import { hashPassword, oneTimePassword, ZPassword } from "./passwords.ts";

export const ZUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._-]{2,39}$/,
    "de 3 a 40 caracteres: letras sin acento, números, punto, guion o guion bajo",
  );

export const ZGrant = z
  .object({
    commissionId: z.uuid(),
    role: z.enum(ROLES),
    areaId: z.uuid().nullable().default(null),
  })
  .refine((g) => (g.role === "area_liaison") === (g.areaId !== null), {
    message: "un enlace de área indica su área (areaId); los demás roles no llevan área",
    path: ["areaId"],
  });

export const ZAccountCreate = z.object({
  username: ZUsername,
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254).nullable().default(null),
  isAdministrator: z.boolean().default(false),
  roles: z.array(ZGrant).max(100).default([]),
  /** Without it, a one-time password is generated and returned once. */
  password: ZPassword.optional(),
});

export const ZAccountUpdate = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(254).nullable(),
    isAdministrator: z.boolean(),
    isActive: z.boolean(),
    roles: z.array(ZGrant).max(100),
  })
  .partial();

export const ZAccount = z.object({
  id: z.uuid(),
  username: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  isAdministrator: z.boolean(),
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  roles: z.array(z.object({ commissionId: z.uuid(), role: z.enum(ROLES), areaId: z.uuid().nullable() })),
  createdAt: z.string(),
});
export type Account = z.infer<typeof ZAccount>;

async function present(db: Db, ids: string[]): Promise<Account[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(accounts)
    .where(inArray(accounts.id, ids))
    .orderBy(asc(accounts.username));
  const grants = await db.select().from(accountRoles).where(inArray(accountRoles.accountId, ids));
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    name: row.name,
    email: row.email,
    isAdministrator: row.isAdministrator,
    isActive: row.isActive,
    mustChangePassword: row.mustChangePassword,
    lockedUntil: row.lockedUntil && row.lockedUntil > new Date() ? row.lockedUntil.toISOString() : null,
    roles: grants
      .filter((g) => g.accountId === row.id)
      .map((g) => ({ commissionId: g.commissionId, role: g.role, areaId: g.areaId })),
    createdAt: row.createdAt.toISOString(),
  }));
}

async function load(db: Db, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("la cuenta", id);
  const row = await db.query.accounts.findFirst({ where: eq(accounts.id, id) });
  if (!row) throw notFound("la cuenta", id);
  return row;
}

/** Commissions and areas named by roles must exist. */
async function writeGrants(db: Db, accountId: string, grants: z.infer<typeof ZGrant>[]): Promise<void> {
  const commissionIds = [...new Set(grants.map((g) => g.commissionId))];
  const areaIds = [...new Set(grants.flatMap((g) => (g.areaId ? [g.areaId] : [])))];
  const found = {
    commissions: new Set(
      commissionIds.length
        ? (
            await db
              .select({ id: commissions.id })
              .from(commissions)
              .where(inArray(commissions.id, commissionIds))
          ).map((r) => r.id)
        : [],
    ),
    areas: new Set(
      areaIds.length
        ? (await db.select({ id: areas.id }).from(areas).where(inArray(areas.id, areaIds))).map((r) => r.id)
        : [],
    ),
  };
  const missing = grants.flatMap((g, index) => [
    ...(found.commissions.has(g.commissionId)
      ? []
      : [{ path: `roles[${index}].commissionId`, message: "no existe esa comisión", value: g.commissionId }]),
    ...(g.areaId && !found.areas.has(g.areaId)
      ? [{ path: `roles[${index}].areaId`, message: "no existe esa área", value: g.areaId }]
      : []),
  ]);
  if (missing.length > 0)
    throw new AppError("reference_not_found", "Los roles citan registros que no existen.", missing);
  await db.delete(accountRoles).where(eq(accountRoles.accountId, accountId));
  const unique = new Map(grants.map((g) => [`${g.commissionId}/${g.role}/${g.areaId ?? ""}`, g]));
  if (unique.size > 0)
    await db.insert(accountRoles).values([...unique.values()].map((g) => ({ ...g, accountId })));
}

export async function listAccounts(ctx: UseCaseContext): Promise<Account[]> {
  authorize(ctx.actor, "accounts.manage");
  const rows = await ctx.db.select({ id: accounts.id }).from(accounts);
  return present(
    ctx.db,
    rows.map((r) => r.id),
  );
}

export async function getAccount(ctx: UseCaseContext, id: string): Promise<Account> {
  authorize(ctx.actor, "accounts.manage");
  const row = await load(ctx.db, id);
  return (await present(ctx.db, [row.id]))[0] as Account;
}

export async function createAccount(
  ctx: UseCaseContext,
  rawInput: unknown,
): Promise<{ account: Account; oneTimePassword?: string }> {
  authorize(ctx.actor, "accounts.manage");
  const input = parseInput(ZAccountCreate, rawInput);
  const generated = input.password ? undefined : oneTimePassword();
  const passwordHash = await hashPassword(input.password ?? (generated as string));
  return inTransaction(ctx, async (tx) => {
    const taken = await tx.query.accounts.findFirst({ where: eq(accounts.username, input.username) });
    if (taken)
      throw new AppError("conflict", `Ya existe una cuenta con el usuario «${input.username}».`, [
        { path: "username", message: "ya existe", value: input.username },
      ]);
    const [row] = await tx
      .insert(accounts)
      .values({
        username: input.username,
        name: input.name,
        email: input.email,
        isAdministrator: input.isAdministrator,
        passwordHash,
        mustChangePassword: generated !== undefined,
      })
      .returning({ id: accounts.id });
    const id = (row as { id: string }).id;
    await writeGrants(tx, id, input.roles);
    return { account: (await present(tx, [id]))[0] as Account, oneTimePassword: generated };
  });
}

/** The last active administrator cannot be demoted or deactivated: nobody could manage accounts after. */
async function assertAnotherAdministrator(db: Db, id: string): Promise<void> {
  const [row] = await db
    .select({ n: count() })
    .from(accounts)
    .where(and(eq(accounts.isAdministrator, true), eq(accounts.isActive, true)));
  const self = await db.query.accounts.findFirst({ where: eq(accounts.id, id) });
  if (self?.isAdministrator && self.isActive && Number(row?.n ?? 0) <= 1)
    throw new AppError(
      "conflict",
      "Es la única cuenta de administración activa: cree otra antes de retirarle ese rol.",
    );
}

export async function updateAccount(ctx: UseCaseContext, id: string, rawInput: unknown): Promise<Account> {
  authorize(ctx.actor, "accounts.manage");
  const input = parseInput(ZAccountUpdate, rawInput);
  return inTransaction(ctx, async (tx) => {
    await load(tx, id);
    if (input.isAdministrator === false || input.isActive === false) await assertAnotherAdministrator(tx, id);
    const { roles, ...columns } = input;
    if (Object.keys(columns).length > 0)
      await tx
        .update(accounts)
        .set({ ...columns, updatedAt: new Date() })
        .where(eq(accounts.id, id));
    if (roles) await writeGrants(tx, id, roles);
    // A deactivated account is signed out everywhere and its tokens stop working.
    if (input.isActive === false) await tx.delete(authSessions).where(eq(authSessions.accountId, id));
    return (await present(tx, [id]))[0] as Account;
  });
}

/** A new one-time password; the account is unlocked and signed out everywhere. */
export async function resetPassword(ctx: UseCaseContext, id: string): Promise<{ oneTimePassword: string }> {
  authorize(ctx.actor, "accounts.manage");
  await load(ctx.db, id);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx, async (tx) => {
    await tx
      .update(accounts)
      .set({
        passwordHash,
        mustChangePassword: true,
        failedSignIns: 0,
        lockedUntil: null,
        passwordChangedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(accounts.id, id));
    await tx.delete(authSessions).where(eq(authSessions.accountId, id));
  });
  return { oneTimePassword: password };
}

/** The account behind a session or a token, as the actor of use cases; undefined when inactive or missing. */
export async function loadAccountActor(
  db: Db,
  accountId: string,
  scopes?: readonly Permission[],
): Promise<(Actor & { kind: "account" }) | undefined> {
  const row = await db.query.accounts.findFirst({ where: eq(accounts.id, accountId) });
  if (!row?.isActive) return undefined;
  const grants: Grant[] = (
    await db.select().from(accountRoles).where(eq(accountRoles.accountId, accountId))
  ).map((g) => ({ commissionId: g.commissionId, role: g.role, areaId: g.areaId }));
  return {
    kind: "account",
    id: row.id,
    username: row.username,
    name: row.name,
    isAdministrator: row.isAdministrator,
    grants,
    ...(scopes ? { scopes } : {}),
  };
}

/**
 * First start: when no account exists, an administrator «admin» with a one-time password (returned once, to be
 * printed). Nothing when accounts exist.
 */
export async function ensureAdministrator(
  ctx: UseCaseContext,
): Promise<{ username: string; oneTimePassword: string } | undefined> {
  const [row] = await ctx.db.select({ n: count() }).from(accounts);
  if (Number(row?.n ?? 0) > 0) return undefined;
  const created = await createAccount(ctx, {
    username: "admin",
    name: "Administración",
    isAdministrator: true,
  });
  return { username: "admin", oneTimePassword: created.oneTimePassword as string };
}
