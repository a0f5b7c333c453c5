/**
 * Signing in and out, changing one's password, and API tokens. A browser session is a random token in an
 * HttpOnly cookie; an integration sends `Authorization: Bearer vt_…`. Both are stored as sha256 only.
 * Five failed sign-ins in a row lock the account for 15 minutes (the HTTP layer also limits attempts per address).
 */
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../platform/db/open.ts";
import { accounts, apiTokens, authSessions } from "../../platform/db/schema.ts";
import {
  type Actor,
  authorize,
  can,
  inTransaction,
  inTransactionAs,
  type UseCaseContext,
} from "../shared/context.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { ALL_PERMISSIONS, type Permission } from "../shared/permissions.ts";
import { parseInput } from "../shared/resource.ts";
import { loadAccountActor } from "./accounts.ts";
import { decoyHash, hashPassword, newSecret, sha256, verifyPassword, ZPassword } from "./passwords.ts";

export const SIGN_IN_POLICY = { maxFailures: 5, lockMinutes: 15, sessionHours: 12 } as const;

export const ZSignIn = z.object({
  username: z.string().trim().toLowerCase().min(1).max(100),
  password: z.string().min(1).max(200),
});

export type SignedIn = {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  actor: Actor & { kind: "account" };
  mustChangePassword: boolean;
};

/** How the audit trail names the bookkeeping of a sign-in (failures counted, lock-out), made before there is an actor. */
const signInLabel = (username: string) => `sign-in:${username}`;

const invalid = () => new AppError("unauthenticated", "Usuario o contraseña incorrectos.");

/** Checks the password and opens a session; counts failures and locks the account after too many. */
export async function signIn(db: Db, rawInput: unknown): Promise<SignedIn> {
  const input = parseInput(ZSignIn, rawInput);
  const account = await db.query.accounts.findFirst({ where: eq(accounts.username, input.username) });
  if (!account) {
    await verifyPassword(await decoyHash(), input.password);
    throw invalid();
  }
  const now = new Date();
  const matches = await verifyPassword(account.passwordHash, input.password);
  // A locked account says so only to whoever knows its password: to anyone else it answers as any wrong
  // password does, so the lock-out reveals neither that the username exists nor that it is locked.
  if (account.lockedUntil && account.lockedUntil > now) {
    if (!matches) throw invalid();
    const minutes = Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 60_000);
    throw new AppError(
      "account_locked",
      `La cuenta está bloqueada por intentos fallidos; vuelva a intentar en ${minutes} min o pida a la administración que restablezca la contraseña.`,
    );
  }
  if (!matches || !account.isActive) {
    if (!matches) {
      const failures = account.failedSignIns + 1;
      const locks = failures >= SIGN_IN_POLICY.maxFailures;
      await inTransactionAs(db, signInLabel(account.username), (tx) =>
        tx
          .update(accounts)
          .set({
            failedSignIns: locks ? 0 : failures,
            lockedUntil: locks
              ? new Date(now.getTime() + SIGN_IN_POLICY.lockMinutes * 60_000)
              : account.lockedUntil,
          })
          .where(eq(accounts.id, account.id)),
      );
    }
    throw invalid();
  }
  const token = newSecret("vs_");
  const csrfToken = newSecret("vs_");
  const expiresAt = new Date(now.getTime() + SIGN_IN_POLICY.sessionHours * 3_600_000);
  await inTransactionAs(db, signInLabel(account.username), async (tx) => {
    await tx.update(accounts).set({ failedSignIns: 0, lockedUntil: null }).where(eq(accounts.id, account.id));
    // Expired sessions of this account go when it signs in again.
    await tx
      .delete(authSessions)
      .where(and(eq(authSessions.accountId, account.id), lt(authSessions.expiresAt, now)));
    await tx
      .insert(authSessions)
      .values({ accountId: account.id, tokenHash: sha256(token), csrfToken, expiresAt });
  });
  const actor = await loadAccountActor(db, account.id);
  if (!actor) throw invalid();
  return { token, csrfToken, expiresAt, actor, mustChangePassword: account.mustChangePassword };
}

export async function signOut(db: Db, token: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.tokenHash, sha256(token)));
}

/** The actor of a session cookie, with the session's CSRF token; undefined when unknown or expired. */
export async function sessionActor(
  db: Db,
  token: string,
): Promise<
  { actor: Actor & { kind: "account" }; csrfToken: string; mustChangePassword: boolean } | undefined
> {
  const [session] = await db
    .select({ id: authSessions.id, accountId: authSessions.accountId, csrfToken: authSessions.csrfToken })
    .from(authSessions)
    .where(and(eq(authSessions.tokenHash, sha256(token)), gt(authSessions.expiresAt, new Date())));
  if (!session) return undefined;
  const actor = await loadAccountActor(db, session.accountId);
  if (!actor) return undefined;
  const account = await db.query.accounts.findFirst({
    where: eq(accounts.id, session.accountId),
    columns: { mustChangePassword: true },
  });
  return { actor, csrfToken: session.csrfToken, mustChangePassword: account?.mustChangePassword ?? false };
}

export const ZChangePassword = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: ZPassword,
});

/** The signed-in person changes their own password; their other sessions are closed. */
export async function changeOwnPassword(
  ctx: UseCaseContext,
  rawInput: unknown,
  keepToken?: string,
): Promise<void> {
  if (ctx.actor.kind !== "account")
    throw new AppError("unauthenticated", "Inicie sesión para cambiar su contraseña.");
  const input = parseInput(ZChangePassword, rawInput);
  const account = await ctx.db.query.accounts.findFirst({ where: eq(accounts.id, ctx.actor.id) });
  if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword)))
    throw new AppError("validation_failed", "La contraseña actual no es correcta.", [
      { path: "currentPassword", message: "no coincide" },
    ]);
  if (input.newPassword === input.currentPassword)
    throw new AppError("validation_failed", "La contraseña nueva debe ser distinta de la actual.", [
      { path: "newPassword", message: "igual a la actual" },
    ]);
  const passwordHash = await hashPassword(input.newPassword);
  const accountId = account.id;
  await inTransaction(ctx, async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(accounts.id, accountId));
    const sessions = await tx.select().from(authSessions).where(eq(authSessions.accountId, accountId));
    const keep = keepToken ? sha256(keepToken) : undefined;
    for (const session of sessions)
      if (session.tokenHash !== keep) await tx.delete(authSessions).where(eq(authSessions.id, session.id));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// API tokens

export const ZCreateApiToken = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z
    .array(z.enum(ALL_PERMISSIONS as [Permission, ...Permission[]]))
    .min(1)
    .max(ALL_PERMISSIONS.length),
  expiresInDays: z.number().int().min(1).max(365).default(90),
});

export const ZApiToken = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  name: z.string(),
  scopes: z.array(z.string()),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ApiToken = z.infer<typeof ZApiToken>;

const presentToken = (row: typeof apiTokens.$inferSelect): ApiToken => ({
  id: row.id,
  accountId: row.accountId,
  name: row.name,
  scopes: row.scopes,
  expiresAt: row.expiresAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

/** A token for an account, limited to scopes the account holds; its secret is returned once. */
export async function createApiToken(
  ctx: UseCaseContext,
  accountId: string,
  rawInput: unknown,
): Promise<{ token: string; apiToken: ApiToken }> {
  authorize(ctx.actor, "accounts.manage");
  const input = parseInput(ZCreateApiToken, rawInput);
  const owner = z.uuid().safeParse(accountId).success ? await loadAccountActor(ctx.db, accountId) : undefined;
  if (!owner) throw notFound("la cuenta activa", accountId);
  const beyond = input.scopes.filter((scope) => !can(owner, scope));
  if (beyond.length > 0)
    throw new AppError(
      "validation_failed",
      "La ficha no puede tener permisos que la cuenta no tiene.",
      beyond.map((scope) => ({ path: "scopes", message: "la cuenta no tiene este permiso", value: scope })),
    );
  const token = newSecret("vt_");
  const [row] = await inTransaction(ctx, (tx) =>
    tx
      .insert(apiTokens)
      .values({
        accountId,
        name: input.name,
        tokenHash: sha256(token),
        scopes: input.scopes,
        expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
      })
      .returning(),
  );
  return { token, apiToken: presentToken(row as typeof apiTokens.$inferSelect) };
}

export async function listApiTokens(ctx: UseCaseContext, accountId: string): Promise<ApiToken[]> {
  authorize(ctx.actor, "accounts.manage");
  if (!z.uuid().safeParse(accountId).success) throw notFound("la cuenta", accountId);
  const rows = await ctx.db.select().from(apiTokens).where(eq(apiTokens.accountId, accountId));
  return rows.map(presentToken);
}

export async function revokeApiToken(ctx: UseCaseContext, tokenId: string): Promise<void> {
  authorize(ctx.actor, "accounts.manage");
  if (!z.uuid().safeParse(tokenId).success) throw notFound("la ficha de acceso", tokenId);
  const [row] = await inTransaction(ctx, (tx) =>
    tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id }),
  );
  if (!row) throw notFound("la ficha de acceso vigente", tokenId);
}

/** The actor of a bearer token: its account, limited to the token's scopes; undefined when unusable. */
export async function tokenActor(db: Db, token: string): Promise<(Actor & { kind: "account" }) | undefined> {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, new Date()),
      ),
    );
  if (!row) return undefined;
  // Stamping the token is bookkeeping (the audit trigger skips an update of `last_used_at` alone), done at most
  // once a minute: every write transaction queues on the audit trail's lock, and an integration may send many
  // requests a second.
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)
    await inTransactionAs(db, `api-token:${row.id}`, (tx) =>
      tx.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id)),
    );
  return loadAccountActor(db, row.accountId, row.scopes as Permission[]);
}
