import { sql } from "drizzle-orm";
import type { Db } from "../../platform/db/open.ts";
import { AppError } from "./errors.ts";
import { type Grant, hasPermission, type Permission } from "./permissions.ts";

export type { Permission } from "./permissions.ts";

/**
 * Who performs a use case.
 * - `account`: a person signed in (cookie session) or an integration (API token, limited to `scopes`).
 * - `public`: a request without an account; only the transparency use cases admit it.
 * - `local`: the operator at the server's shell (the `vincula` CLI), who may do everything, like `psql`.
 * - `system`: Vincula itself (migrations, the demo loader, tests).
 */
export type Actor =
  | {
      kind: "account";
      id: string;
      username: string;
      name: string;
      isAdministrator: boolean;
      grants: Grant[];
      /** Set when the request came with an API token: the permissions it may use. */
      scopes?: readonly Permission[];
    }
  | { kind: "public" }
  | { kind: "local"; name: string }
  | { kind: "system"; name: string };

/** What every use case receives: who acts and the database (or transaction) to act on. */
export type UseCaseContext = { actor: Actor; db: Db };

/** Where an operation applies: the commission of the record and, for area liaisons, the record's areas. */
export type Scope = { commissionId?: string | null; areaIds?: readonly string[] };

/** Whether `actor` holds `permission` (in `scope`, when given). */
export function can(actor: Actor, permission: Permission, scope: Scope = {}): boolean {
  switch (actor.kind) {
    case "local":
    case "system":
      return true;
    case "public":
      return permission === "public.read";
    case "account":
      if (actor.scopes && !actor.scopes.includes(permission)) return false;
      return actor.isAdministrator || hasPermission(actor.grants, permission, scope);
  }
}

/** The one authorization check at the top of every use case. */
export function authorize(actor: Actor, permission: Permission, scope: Scope = {}): void {
  if (can(actor, permission, scope)) return;
  if (actor.kind === "public")
    throw new AppError("unauthenticated", "Inicie sesión para realizar esta operación.");
  throw new AppError(
    "forbidden",
    "Su cuenta no tiene permiso para esta operación.",
    [],
    `forbidden: ${permission}`,
  );
}

/** The commissions in which `actor` holds `permission`; `undefined` means all of them. */
export function commissionsWhere(actor: Actor, permission: Permission): string[] | undefined {
  if (actor.kind !== "account" || actor.isAdministrator) return actor.kind === "public" ? [] : undefined;
  if (actor.scopes && !actor.scopes.includes(permission)) return [];
  return [
    ...new Set(actor.grants.filter((g) => hasPermission([g], permission, {})).map((g) => g.commissionId)),
  ];
}

/** How the audit trail and the logs name an actor. */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case "account":
      return `account:${actor.username}${actor.scopes ? " (token)" : ""}`;
    case "public":
      return "public";
    case "local":
      return `cli:${actor.name}`;
    case "system":
      return `system:${actor.name}`;
  }
}

/**
 * Runs `work` in a transaction (a savepoint when `ctx.db` is already one) that names its actor for the audit
 * trail. Every write goes through here: the database's audit trigger refuses a change made in a transaction that
 * named nobody (migrations/0008_audit_triggers.sql, docs/decisions/011).
 */
export async function inTransaction<T>(ctx: UseCaseContext, work: (tx: Db) => Promise<T>): Promise<T> {
  return inTransactionAs(ctx.db, actorLabel(ctx.actor), work);
}

/**
 * `inTransaction` for writes made before there is an actor (sign-in bookkeeping), naming them as `label`. The
 * transaction starts by naming who acts (`vincula.actor`, local to it) and taking the audit trail's lock, so
 * write transactions queue on that one lock before any other and cannot deadlock over it.
 */
export async function inTransactionAs<T>(db: Db, label: string, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    await tx.execute(sql`select vincula_audit_begin(${label})`);
    return work(tx);
  });
}
