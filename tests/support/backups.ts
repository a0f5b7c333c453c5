/**
 * For backup tests: a backup file opened entry by entry, a digest of every table of a database (its own SQL,
 * independent of the code under test), and a command run until it prints a line and then killed with SIGKILL.
 */
import { spawn } from "node:child_process";
import { createReadStream, readdirSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../src/platform/db/open.ts";
import { readTar } from "../../src/platform/tar.ts";

const ROOT = join(import.meta.dirname, "../..");

export type OpenedBackup = {
  header: Record<string, unknown>;
  manifest: Record<string, unknown>;
  /** Per table, its rows as JSON lines, sorted (order-independent comparison). */
  records: Map<string, string[]>;
  /** sha256 → size of every stored file in the backup. */
  files: Map<string, number>;
  names: string[];
};

export async function openBackup(path: string): Promise<OpenedBackup> {
  const opened: OpenedBackup = { header: {}, manifest: {}, records: new Map(), files: new Map(), names: [] };
  for await (const { name, data } of readTar(createReadStream(path))) {
    opened.names.push(name);
    if (name === "vincula-backup.json") opened.header = JSON.parse(data.toString("utf8"));
    else if (name === "manifest.json") opened.manifest = JSON.parse(data.toString("utf8"));
    else if (name.startsWith("files/")) opened.files.set(name.slice(6).replace("/", ""), data.byteLength);
    else {
      const table = name.split("/")[1] as string;
      const lines = data.toString("utf8").split("\n").filter(Boolean);
      opened.records.set(table, [...(opened.records.get(table) ?? []), ...lines]);
    }
  }
  for (const lines of opened.records.values()) lines.sort();
  return opened;
}

/** Row count and an order-independent md5 of the rows of every table (the drizzle bookkeeping included). */
export async function databaseDigest(db: Db): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select quote_ident(table_schema) || '.' || quote_ident(table_name) as "name"
          from information_schema.tables
         where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
         order by 1`,
  );
  const digest: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ rows: number; md5: string }>(
      db,
      sql.raw(
        `select count(*)::int as "rows", md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text)), '')) as "md5" from ${name} t`,
      ),
    );
    digest[name] = `${row?.rows} rows, md5 ${row?.md5}`;
  }
  return digest;
}

/** The files of a content-addressed store directory, as `ab/cdef…`. */
export function storedFileNames(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
      .sort();
  } catch {
    return [];
  }
}

export type KilledRun = {
  signal: NodeJS.Signals | null;
  code: number | null;
  output: string;
  killedAfterMs: number;
};

/**
 * Runs `vincula …` in a process group of its own and, as soon as its output matches `when`, kills the whole group
 * with SIGKILL (bin/vincula.js runs the command in a child process, which must die too). Resolves once the group
 * is gone; if the command finished first, `signal` is null.
 */
export function runCliUntil(args: string[], env: Record<string, string>, when: RegExp): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(ROOT, "bin/vincula.js"), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", LOG_LEVEL: "silent", ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    let killedAfterMs = -1;
    const watch = (chunk: Buffer) => {
      output += chunk;
      if (killedAfterMs < 0 && when.test(output) && child.pid) {
        killedAfterMs = Date.now() - started;
        process.kill(-child.pid, "SIGKILL");
      }
    };
    child.stdout.on("data", watch);
    child.stderr.on("data", watch);
    child.on("error", reject);
    // «close» comes once every process holding the output pipes, the wrapper's child included, is gone.
    child.on("close", (code, signal) => resolve({ signal, code, output, killedAfterMs }));
  });
}
