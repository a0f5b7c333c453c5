/**
 * The HTTP part of `npm run bench`: what a password costs (argon2id parameters, time per hash), sign-ins per second
 * through the API, and requests per second on an authenticated list (a bearer token and a cookie session) against
 * a plain health check, on the engine it is given. The app listens on a random local port and a simple concurrent
 * loop of `fetch` drives it (no load-testing tool is a dependency). Figures only.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createAccount } from "../src/domain/accounts/accounts.ts";
import { createApiToken } from "../src/domain/accounts/authentication.ts";
import { ARGON2_PARAMETERS, hashPassword, verifyPassword } from "../src/domain/accounts/passwords.ts";
import type { UseCaseContext } from "../src/domain/shared/context.ts";
import { ALL_PERMISSIONS } from "../src/domain/shared/permissions.ts";
import { buildApp, SESSION_COOKIE } from "../src/http/app.ts";
import type { Database } from "../src/platform/db/open.ts";
import { LocalFileStore } from "../src/platform/files.ts";

/** Seconds each throughput is measured for, and how many requests are in flight at once. */
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_HTTP_CONCURRENCY ?? 8);
const SIGN_INS = Number(process.env.BENCH_SIGN_INS ?? 30);
const HASHES = Number(process.env.BENCH_HASHES ?? 20);

export type Throughput = { perSecond: number; p50: number; p95: number; requests: number; failed: number };
export type HttpFigures = {
  signInsSequential: Throughput;
  signInsConcurrent: Throughput;
  health: Throughput;
  listBearer: Throughput;
  listCookie: Throughput;
};
export type HashFigures = { parameters: string; hashMedian: number; verifyMedian: number; samples: number };

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] as number;

/** argon2id with Vincula's parameters: median time to hash and to verify a password. */
export async function measureHashing(samples = HASHES): Promise<HashFigures> {
  const hashes: number[] = [];
  const verifies: number[] = [];
  await hashPassword("calentamiento de la medición");
  for (let i = 0; i < samples; i++) {
    const password = `contraseña de medición ${i}`;
    let started = performance.now();
    const stored = await hashPassword(password);
    hashes.push(performance.now() - started);
    started = performance.now();
    await verifyPassword(stored, password);
    verifies.push(performance.now() - started);
  }
  const { memoryCost, timeCost, parallelism } = ARGON2_PARAMETERS;
  return {
    parameters: `argon2id, m = ${memoryCost} KiB (${(memoryCost / 1024).toFixed(0)} MiB), t = ${timeCost}, p = ${parallelism}`,
    hashMedian: median(hashes),
    verifyMedian: median(verifies),
    samples,
  };
}

/** `count` requests (or as many as fit in `seconds`), `concurrency` at a time; each must answer `expected`. */
async function drive(
  request: (i: number) => Promise<Response>,
  expected: number,
  { concurrency, seconds, count }: { concurrency: number; seconds?: number; count?: number },
): Promise<Throughput> {
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const deadline = seconds === undefined ? Number.POSITIVE_INFINITY : started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline && (count === undefined || next < count)) {
      const i = next++;
      const at = performance.now();
      const response = await request(i);
      await response.arrayBuffer();
      latencies.push(performance.now() - at);
      if (response.status !== expected) failed += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return {
    perSecond: latencies.length / elapsed,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    requests: latencies.length,
    failed,
  };
}

/** The API over `database` (which holds the demo quarter) on a random port, measured from outside. */
export async function measureHttp(database: Database): Promise<HttpFigures> {
  const filesDir = mkdtempSync(join(tmpdir(), "vincula-bench-files-"));
  // Behind a "proxy" so that each sign-in can come from its own address: the per-address limit stays out of it.
  const app = await buildApp({
    database,
    files: new LocalFileStore(filesDir),
    config: { logLevel: "silent", maxUploadBytes: 1024 * 1024, trustProxy: true },
    logger: false,
  });
  const base = await app.listen({ host: "127.0.0.1", port: 0 });
  try {
    const system: UseCaseContext = { actor: { kind: "system", name: "bench" }, db: database.db };
    const username = `bench-${Date.now().toString(36)}`;
    const password = "contraseña de la medición 2021";
    const { account } = await createAccount(system, {
      username,
      name: "Medición",
      isAdministrator: true,
      roles: [],
      password,
    });
    const { token } = await createApiToken(system, account.id, { name: "bench", scopes: ALL_PERMISSIONS });
    const signIn = (i: number) =>
      fetch(`${base}/api/v1/auth/sign-in`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-forwarded-for": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        },
        body: JSON.stringify({ username, password }),
      });
    const first = await signIn(0);
    const cookie = `${SESSION_COOKIE}=${/vincula_session=([^;]+)/.exec(first.headers.get("set-cookie") ?? "")?.[1]}`;
    const list = `${base}/api/v1/activities?limit=50`;
    const get = (url: string, headers: Record<string, string>) => () => fetch(url, { headers });
    // Warm the routes, the schemas and the connection pools before measuring.
    for (let i = 0; i < 20; i++) {
      await (await get(list, { authorization: `Bearer ${token}` })()).arrayBuffer();
      await (await get(list, { cookie })()).arrayBuffer();
    }
    return {
      signInsSequential: await drive((i) => signIn(i + 1), 200, { concurrency: 1, count: SIGN_INS }),
      signInsConcurrent: await drive((i) => signIn(i + 10_000), 200, {
        concurrency: CONCURRENCY,
        count: SIGN_INS,
      }),
      health: await drive(get(`${base}/api/v1/health`, {}), 200, {
        concurrency: CONCURRENCY,
        seconds: SECONDS,
      }),
      listBearer: await drive(get(list, { authorization: `Bearer ${token}` }), 200, {
        concurrency: CONCURRENCY,
        seconds: SECONDS,
      }),
      listCookie: await drive(get(list, { cookie }), 200, { concurrency: CONCURRENCY, seconds: SECONDS }),
    };
  } finally {
    await app.close();
    rmSync(filesDir, { recursive: true, force: true });
  }
}

/** The HTTP table: each figure on both engines, with PostgreSQL ÷ PGlite. */
export function printHttp(
  write: (line: string) => void,
  hashing: HashFigures,
  embedded: HttpFigures,
  server: HttpFigures,
): void {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  write(
    `\n## Sign-in cost and requests per second through HTTP (demo data; ${CONCURRENCY} in flight, ${SECONDS} s each)`,
  );
  write(
    `passwords: ${hashing.parameters}; hash ${ms(hashing.hashMedian)}, verify ${ms(hashing.verifyMedian)} (median of ${hashing.samples})`,
  );
  write(`${"".padEnd(44)} ${"PGlite".padStart(22)} ${"PostgreSQL".padStart(22)} ${"PG/PGlite".padStart(10)}`);
  const row = (name: string, pick: (f: HttpFigures) => Throughput) => {
    const a = pick(embedded);
    const b = pick(server);
    const cell = (t: Throughput) =>
      `${t.perSecond.toFixed(0)}/s p50 ${ms(t.p50)}${t.failed > 0 ? ` (${t.failed} failed)` : ""}`;
    write(
      `${name.padEnd(44)} ${cell(a).padStart(22)} ${cell(b).padStart(22)} ${`${(b.perSecond / a.perSecond).toFixed(2)}×`.padStart(10)}`,
    );
  };
  row(`sign-in, one at a time (${SIGN_INS})`, (f) => f.signInsSequential);
  row(`sign-in, ${CONCURRENCY} at a time (${SIGN_INS})`, (f) => f.signInsConcurrent);
  row("GET /health (no account, no database)", (f) => f.health);
  row("GET /activities?limit=50, bearer token", (f) => f.listBearer);
  row("GET /activities?limit=50, cookie session", (f) => f.listCookie);
  write(
    "Requests per second over the whole interval; p50 is each request's latency. A bearer request also records the\n" +
      "token's last use (a write); a cookie request reads its session. Sign-ins are bound by argon2id's verify.",
  );
}
