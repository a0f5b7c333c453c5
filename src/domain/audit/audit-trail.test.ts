/**
 * The audit trail: every write is captured by the database with who made it, secrets stay out, and
 * `verifyAuditTrail` names the first entry that was altered, removed or moved. Tampering is done as an attacker
 * with the database owner's rights would: the append-only trigger is disabled first.
 */
import { readFileSync } from "node:fs";
import { is, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import {
  buildCommission,
  buildPerson,
  ensureInstitution,
  uniqueKey,
} from "../../../tests/support/factories.ts";
import { DEMO_PATH } from "../../../tests/support/large-dataset.ts";
import { type Db, queryRows } from "../../platform/db/open.ts";
import * as schema from "../../platform/db/schema.ts";
import { parties } from "../../platform/db/schema.ts";
import { createAccount } from "../accounts/accounts.ts";
import { createApiToken, signIn, tokenActor } from "../accounts/authentication.ts";
import { partyResource, personResource } from "../catalogs/catalogs.resources.ts";
import { importDatasetText } from "../dataset/import-dataset.ts";
import { inTransaction, type UseCaseContext } from "../shared/context.ts";
import { listAuditEntries } from "./list-audit-entries.ts";
import { verifyAuditTrail } from "./verify-audit-trail.ts";

/** Tables the trigger leaves alone: the log itself, its end, and sign-in sessions (bookkeeping with secrets). */
const UNAUDITED = ["audit_log", "audit_head", "auth_sessions"];

type Entry = {
  id: number;
  actor: string;
  table_name: string;
  operation: string;
  record_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

const entriesOf = (db: Db, table: string, recordId: string) =>
  queryRows<Entry>(
    db,
    sql`select id::int as id, actor, table_name, operation, record_id, before, after from audit_log
        where table_name = ${table} and record_id = ${recordId} order by id`,
  );

const lastId = async (db: Db) =>
  Number(
    (await queryRows<{ id: number }>(db, sql`select coalesce(max(id), 0)::int as id from audit_log`))[0]?.id,
  );

/** Runs `work` as the owner with the log's append-only trigger off, as an attacker with superuser would. */
async function tamper(db: Db, work: (tx: Db) => Promise<unknown>): Promise<void> {
  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await work(tx);
    // A put-back entry's deferred trigger must run before the table can be altered again.
    await tx.execute(sql`set constraints audit_log_advance_head immediate`);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  });
}

/** The whole row of an entry, to put it back after a test removed it. */
async function saveEntry(db: Db, id: number): Promise<Record<string, unknown>> {
  const [row] = await queryRows<{ row: Record<string, unknown> }>(
    db,
    sql`select to_jsonb(audit_log) as row from audit_log where id = ${id}`,
  );
  return row?.row as Record<string, unknown>;
}
const putBack = (tx: Db, row: Record<string, unknown>) =>
  tx.execute(
    sql`insert into audit_log select * from jsonb_populate_record(null::audit_log, ${JSON.stringify(row)}::jsonb)`,
  );

describeEachEngine("audit trail", (t) => {
  beforeAll(async () => {
    await ensureInstitution(t.context);
  });

  it("puts the audit trigger on every table of the schema but the log itself and sign-in sessions", async () => {
    const tables = (Object.values(schema) as unknown[])
      .filter((value): value is PgTable => is(value, PgTable))
      .map((table) => getTableConfig(table).name)
      .filter((name) => !UNAUDITED.includes(name))
      .sort();
    const inDatabase = await queryRows<{ name: string; audited: boolean }>(
      t.database.db,
      sql`select c.relname as name,
                 exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'vincula_audit') as audited
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = current_schema() and c.relkind in ('r', 'p')`,
    );
    const audited = inDatabase.filter((row) => row.audited).map((row) => row.name);
    // A table added to the schema without `select vincula_audit_attach('…')` in its migration fails here.
    expect(tables.filter((name) => !audited.includes(name))).toEqual([]);
    expect(audited.sort()).toEqual(tables);
    expect(
      inDatabase
        .filter((row) => !row.audited)
        .map((row) => row.name)
        .sort(),
    ).toEqual([...UNAUDITED].sort());
  });

  it("records who inserted, updated and deleted a record, with the row before and after", async () => {
    const ctx: UseCaseContext = { actor: { kind: "local", name: "ana" }, db: t.database.db };
    const person = await personResource.create(ctx, {
      key: uniqueKey("persona"),
      name: "Erika Estrada Ruiz",
    });
    await personResource.update(ctx, person.id, { name: "Erika Estrada Ruíz" });
    await personResource.remove(ctx, person.id);
    const entries = await entriesOf(t.database.db, "people", person.id);
    expect(entries.map((e) => [e.operation, e.actor])).toEqual([
      ["insert", "cli:ana"],
      ["update", "cli:ana"],
      ["delete", "cli:ana"],
    ]);
    const [inserted, updated, deleted] = entries;
    expect(inserted?.before).toBeNull();
    expect(inserted?.after).toMatchObject({ id: person.id, name: "Erika Estrada Ruiz" });
    expect(updated?.before).toMatchObject({ name: "Erika Estrada Ruiz" });
    expect(updated?.after).toMatchObject({ name: "Erika Estrada Ruíz" });
    expect(deleted?.before).toMatchObject({ name: "Erika Estrada Ruíz" });
    expect(deleted?.after).toBeNull();
    // The generated search vector is not a change anyone made.
    expect(Object.keys(inserted?.after ?? {})).not.toContain("search");
    expect((entries[1]?.id ?? 0) - (entries[0]?.id ?? 0)).toBeGreaterThan(0);
  });

  it("names a composite record by its key columns, and skips an update that changes nothing", async () => {
    const commission = await buildCommission(t.context);
    const person = await buildPerson(t.context);
    const before = await lastId(t.database.db);
    await inTransaction(t.context, (tx) =>
      tx.execute(sql`update people set name = name where id = ${person.id}`),
    );
    expect(await lastId(t.database.db)).toBe(before);
    await inTransaction(t.context, (tx) =>
      tx.execute(
        sql`insert into numbering_counters (scope, year, last_seq) values (${`resolution:${commission.id}`}, 2021, 7)`,
      ),
    );
    const [entry] = await entriesOf(t.database.db, "numbering_counters", `resolution:${commission.id}/2021`);
    expect(entry).toMatchObject({ operation: "insert", actor: "system:test", after: { last_seq: 7 } });
  });

  it("refuses a write in a transaction that names nobody", async () => {
    const error = await t.database.db
      .insert(parties)
      .values({ key: uniqueKey("partido"), name: "Partido sin autor" })
      .catch((e: unknown) => e);
    expect(String((error as { cause?: Error }).cause?.message ?? error)).toMatch(/without vincula\.actor/);
    await expect(
      queryRows(t.database.db, sql`select 1 from parties where name = 'Partido sin autor'`),
    ).resolves.toEqual([]);
  });

  it("keeps the chain whole across a savepoint rolled back inside a transaction", async () => {
    const keys: [string, string, string] = [uniqueKey("partido"), uniqueKey("partido"), uniqueKey("partido")];
    await inTransaction(t.context, async (tx) => {
      const inner: UseCaseContext = { ...t.context, db: tx };
      await partyResource.create(inner, { key: keys[0], name: "Primero" });
      await partyResource
        .create(inner, { key: keys[0], name: "Duplicado: se revierte su savepoint" })
        .catch(() => undefined);
      await inTransaction(inner, async (nested) => {
        await nested.insert(parties).values({ key: keys[1], name: "Revertido" });
        throw new Error("rollback to savepoint");
      }).catch(() => undefined);
      await partyResource.create(inner, { key: keys[2], name: "Tercero" });
    });
    const logged = await queryRows<{ key: string }>(
      t.database.db,
      sql`select after->>'key' as key from audit_log where table_name = 'parties'
           and after->>'key' in (${keys[0]}, ${keys[1]}, ${keys[2]}) order by id`,
    );
    expect(logged.map((row) => row.key)).toEqual([keys[0], keys[2]]);
    expect(await verifyAuditTrail(t.context)).toMatchObject({ ok: true, problem: null });
  });

  it("keeps secrets out: password and token hashes are replaced, sessions and token use are not logged", async () => {
    const username = uniqueKey("cuenta").toLowerCase();
    const { account } = await createAccount(t.context, {
      username,
      name: "Cuenta de prueba",
      isAdministrator: true,
      roles: [],
      password: "contraseña de prueba 2021",
    });
    const { token } = await createApiToken(t.context, account.id, {
      name: "integración",
      scopes: ["audit.read"],
    });
    const [created] = await entriesOf(t.database.db, "accounts", account.id);
    expect(created?.after).toMatchObject({ username, password_hash: "[secreto]" });
    const tokens = await queryRows<{ after: Record<string, unknown> }>(
      t.database.db,
      sql`select after from audit_log where table_name = 'api_tokens' and after->>'account_id' = ${account.id}`,
    );
    expect(tokens.map((row) => row.after.token_hash)).toEqual(["[secreto]"]);

    const before = await lastId(t.database.db);
    await tokenActor(t.database.db, token);
    await signIn(t.database.db, { username, password: "contraseña de prueba 2021" });
    expect(await lastId(t.database.db)).toBe(before);
    await signIn(t.database.db, { username, password: "otra contraseña cualquiera" }).catch(() => undefined);
    const failures = await entriesOf(t.database.db, "accounts", account.id);
    expect(failures.at(-1)).toMatchObject({
      actor: `sign-in:${username}`,
      operation: "update",
      after: { failed_sign_ins: 1 },
    });
    const secrets = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log
           where table_name = 'auth_sessions'
              or coalesce(before::text, '') || coalesce(after::text, '') like '%$argon2id$%'`,
    );
    expect(secrets[0]?.n).toBe(0);
  });

  it("records nothing while a restore copies the log verbatim", async () => {
    const before = await lastId(t.database.db);
    const key = uniqueKey("partido");
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('vincula.restoring', 'on', true)`);
      await tx.insert(parties).values({ key, name: "Restaurado" });
    });
    expect(await lastId(t.database.db)).toBe(before);
  });

  it("refuses to change or remove an entry while its trigger is on", async () => {
    const id = await lastId(t.database.db);
    for (const statement of [
      sql`update audit_log set actor = 'otra persona' where id = ${id}`,
      sql`delete from audit_log where id = ${id}`,
      sql`truncate audit_log`,
    ]) {
      const error = await t.database.db.execute(statement).catch((e: unknown) => e);
      expect(String((error as { cause?: Error }).cause?.message ?? error)).toMatch(/append-only/);
    }
  });

  describe("verification", () => {
    beforeAll(async () => {
      for (let i = 0; i < 5; i++) await buildPerson(t.context);
    });

    it("finds the chain intact, ending where audit_head says", async () => {
      const result = await verifyAuditTrail(t.context);
      const head = await queryRows<{ last_id: number; last_hash: string }>(
        t.database.db,
        sql`select last_id::int as last_id, last_hash from audit_head`,
      );
      expect(result).toMatchObject({ ok: true, problem: null, entries: await lastId(t.database.db) });
      expect(result.headHash).toBe(head[0]?.last_hash);
      expect(head[0]?.last_id).toBe(result.entries);
    });

    it("names an entry one byte of which was edited", async () => {
      const [target] = await queryRows<{ id: number; name: string }>(
        t.database.db,
        sql`select id::int as id, after->>'name' as name from audit_log
             where table_name = 'people' and operation = 'insert' order by id desc limit 1 offset 2`,
      );
      const id = target?.id as number;
      const edited = `X${(target?.name ?? "").slice(1)}`;
      await tamper(t.database.db, (tx) =>
        tx.execute(
          sql`update audit_log set after = jsonb_set(after, '{name}', to_jsonb(${edited}::text)) where id = ${id}`,
        ),
      );
      const result = await verifyAuditTrail(t.context);
      expect(result).toMatchObject({ ok: false, entries: id - 1, headHash: null });
      expect(result.problem).toMatchObject({ id, table: "people", actor: "system:test" });
      expect(result.problem?.message).toMatch(/alterada/);
      await tamper(t.database.db, (tx) =>
        tx.execute(
          sql`update audit_log set after = jsonb_set(after, '{name}', to_jsonb(${target?.name}::text)) where id = ${id}`,
        ),
      );
      expect((await verifyAuditTrail(t.context)).ok).toBe(true);
    });

    it("names the entry after one that was removed, and notices entries removed at the end", async () => {
      const end = await lastId(t.database.db);
      const middle = await saveEntry(t.database.db, end - 2);
      await tamper(t.database.db, (tx) => tx.execute(sql`delete from audit_log where id = ${end - 2}`));
      const result = await verifyAuditTrail(t.context);
      expect(result.problem).toMatchObject({ id: end - 1 });
      expect(result.problem?.message).toBe(`Falta la entrada ${end - 2}, anterior a esta: fue eliminada.`);
      await tamper(t.database.db, (tx) => putBack(tx, middle));

      const last = await saveEntry(t.database.db, end);
      await tamper(t.database.db, (tx) => tx.execute(sql`delete from audit_log where id = ${end}`));
      const atTheEnd = await verifyAuditTrail(t.context);
      expect(atTheEnd.problem).toMatchObject({ id: end, table: null });
      expect(atTheEnd.problem?.message).toMatch(/Falta la entrada \d+, la última/);
      await tamper(t.database.db, (tx) => putBack(tx, last));
      expect((await verifyAuditTrail(t.context)).ok).toBe(true);
    });

    it("names the first of two entries that were swapped", async () => {
      const end = await lastId(t.database.db);
      const [a, b] = [end - 3, end - 2];
      const swap = async (tx: Db) => {
        await tx.execute(sql`update audit_log set id = -1 where id = ${a}`);
        await tx.execute(sql`update audit_log set id = ${a} where id = ${b}`);
        await tx.execute(sql`update audit_log set id = ${b} where id = -1`);
      };
      await tamper(t.database.db, swap);
      const result = await verifyAuditTrail(t.context);
      expect(result.problem).toMatchObject({ id: a });
      expect(result.problem?.message).toMatch(/alterada o cambió de lugar/);
      await tamper(t.database.db, swap);
      expect((await verifyAuditTrail(t.context)).ok).toBe(true);
    });

    it("notices a rewritten end of the chain", async () => {
      const [head] = await queryRows<{ last_hash: string }>(
        t.database.db,
        sql`select last_hash from audit_head`,
      );
      await t.database.db.execute(sql`update audit_head set last_hash = repeat('f', 64)`);
      const result = await verifyAuditTrail(t.context);
      expect(result.problem?.message).toMatch(/sello final no coincide/);
      await t.database.db.execute(sql`update audit_head set last_hash = ${head?.last_hash}`);
      expect((await verifyAuditTrail(t.context)).ok).toBe(true);
    });
  });
});

describeEachEngine("audit trail of an import", (t) => {
  it("logs every row the demo import writes, and the chain verifies", async () => {
    await importDatasetText(t.context, readFileSync(DEMO_PATH, "utf8"));
    const tables = await queryRows<{ name: string }>(
      t.database.db,
      sql`select distinct c.relname as name from pg_trigger g join pg_class c on c.oid = g.tgrelid
           where g.tgname = 'vincula_audit' order by 1`,
    );
    const mismatches: string[] = [];
    for (const { name } of tables) {
      const [counts] = await queryRows<{ rows: number; logged: number }>(
        t.database.db,
        sql`select (select count(*) from ${sql.identifier(name)})::int as rows,
                   (select count(*) filter (where operation = 'insert') - count(*) filter (where operation = 'delete')
                      from audit_log where table_name = ${name})::int as logged`,
      );
      if (counts?.rows !== counts?.logged)
        mismatches.push(`${name}: ${counts?.rows} rows, ${counts?.logged} logged`);
    }
    expect(mismatches).toEqual([]);
    const agreements = await listAuditEntries(t.context, { table: "agreements", limit: 500 });
    expect(agreements.total).toBeGreaterThan(0);
    expect(agreements.items.every((entry) => entry.actor === "system:test")).toBe(true);
    const result = await verifyAuditTrail(t.context);
    expect(result).toMatchObject({ ok: true, problem: null });
    expect(result.entries).toBeGreaterThan(500);
  });
});
