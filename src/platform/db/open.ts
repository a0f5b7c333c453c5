import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
/** A database or a transaction: every repository function takes one explicitly. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../../../migrations");

export type DatabaseTarget =
  | { kind: "pglite"; dataDir: string | undefined; loadDataDir?: Blob }
  | { kind: "postgres"; url: string; maxConnections?: number };

export type Database = {
  db: Db;
  kind: DatabaseTarget["kind"];
  /** Applies pending migrations (idempotent). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the data directory as a tarball, to clone a migrated database quickly in tests. */
  dumpDataDir?(): Promise<Blob>;
};

/** PGlite needs its contrib extensions passed every time it is opened. */
const pgliteExtensions = { unaccent, pg_trgm };

/** Opens the embedded database (PGlite, in a directory or in memory) or a PostgreSQL server. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === "pglite") {
    let dataDir: string | undefined;
    if (target.dataDir) {
      dataDir = join(target.dataDir, "pglite");
      mkdirSync(dataDir, { recursive: true });
    }
    const client = await PGlite.create({
      dataDir,
      extensions: pgliteExtensions,
      loadDataDir: target.loadDataDir,
    });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      migrate: () => migratePglite(db as never, { migrationsFolder }),
      close: () => client.close(),
      dumpDataDir: async () => {
        const dump = await client.dumpDataDir("none");
        return dump;
      },
    };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: target.maxConnections ?? 10 });
  // An idle connection the server closes (restart, pg_terminate_backend, drop … with (force)) is reported here;
  // without a listener Node would end the process. The pool opens a new connection on the next query.
  pool.on("error", (error) => {
    process.stderr.write(
      `Se perdió una conexión inactiva con PostgreSQL (${error.message}); se abrirá otra.\n`,
    );
  });
  // Fail early with a clear message if the server cannot be reached.
  const probe = await pool.connect();
  probe.release();
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    migrate: async () => {
      // Several processes may start at once: serialise migrations with an advisory lock on one connection.
      const connection = await pool.connect();
      try {
        await connection.query("select pg_advisory_lock(7402118)");
        await migrateNodePg(drizzleNodePg(connection, { schema }), { migrationsFolder });
      } finally {
        await connection.query("select pg_advisory_unlock(7402118)").catch(() => undefined);
        connection.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Runs one statement and returns its rows (same shape on PGlite and node-postgres). */
export async function queryRows<T>(db: Db, statement: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}
