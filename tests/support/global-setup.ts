/**
 * Once per test run: a migrated PGlite snapshot (so each test file clones it in about a second instead of
 * creating and migrating a new data directory) and a PostgreSQL template database. Under CI the PostgreSQL run
 * is required: if no server can be provisioned, the run fails instead of skipping.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/platform/db/open.ts";
import { type Cluster, clusterUnavailableReason, startCluster } from "./postgres-cluster.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresUrl: string | null;
    postgresSkipReason: string | null;
  }
}

export const TEMPLATE_DATABASE = "vincula_template";

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "vincula-test-"));
  const embedded = await openDatabase({ kind: "pglite", dataDir: undefined });
  await embedded.migrate();
  const snapshot = join(dir, "pglite.tar");
  const blob = await embedded.dumpDataDir!();
  writeFileSync(snapshot, Buffer.from(await blob.arrayBuffer()));
  await embedded.close();
  project.provide("pgliteSnapshot", snapshot);

  let cluster: Cluster | undefined;
  let serverUrl = process.env.VINCULA_TEST_DATABASE_URL ?? null;
  let skipReason: string | null = null;
  if (!serverUrl && process.env.VINCULA_TEST_POSTGRES !== "0") {
    const reason = clusterUnavailableReason();
    if (reason) skipReason = reason;
    else {
      cluster = await startCluster();
      serverUrl = cluster.url;
    }
  } else if (!serverUrl) {
    skipReason = "VINCULA_TEST_POSTGRES=0";
  }
  if (!serverUrl && process.env.CI) {
    throw new Error(`CI requires the PostgreSQL test run, but no server could be provisioned: ${skipReason}`);
  }
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE}`);
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
    await admin.end();
    const template = await openDatabase({
      kind: "postgres",
      url: withDatabase(serverUrl, TEMPLATE_DATABASE),
    });
    await template.migrate();
    await template.close();
  } else {
    console.warn(`\n[vincula] PostgreSQL tests skipped: ${skipReason}\n`);
  }
  project.provide("postgresUrl", serverUrl);
  project.provide("postgresSkipReason", skipReason);

  return () => {
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
