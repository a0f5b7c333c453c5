/**
 * The real Fastify app over a test database, with its own temporary file store.
 *
 * Requests made with `app.inject` carry an administrator's API token unless they set their own `authorization`
 * header (an empty string sends none: the public). `tokenFor` creates an account with given roles and returns a
 * token limited to them, `signIn` opens a cookie session as a browser would.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, InjectOptions } from "fastify";
import { createAccount } from "../../src/domain/accounts/accounts.ts";
import { createApiToken } from "../../src/domain/accounts/authentication.ts";
import type { UseCaseContext } from "../../src/domain/shared/context.ts";
import { ALL_PERMISSIONS, type Grant, ROLE_PERMISSIONS } from "../../src/domain/shared/permissions.ts";
import { buildApp, type OutreachMail, SESSION_COOKIE } from "../../src/http/app.ts";
import type { Database } from "../../src/platform/db/open.ts";
import { type FileStore, LocalFileStore } from "../../src/platform/files.ts";
import { uniqueKey } from "./factories.ts";

export type TestApp = {
  app: FastifyInstance;
  filesDir: string;
  /** An account with these roles (or an administrator) and a bearer token with all of its permissions. */
  tokenFor(roles: Grant[] | "administrator"): Promise<string>;
  /** An account with these roles and a password; signs in and returns the cookie and CSRF headers. */
  signIn(roles: Grant[] | "administrator"): Promise<{ cookie: string; csrf: string; username: string }>;
  close(): Promise<void>;
};

export const PASSWORD = "contraseña de prueba 2021";

export type TestAppOptions = {
  maxUploadBytes?: number;
  /** Another file store (one that fails, say); the default is a temporary directory. */
  files?: FileStore;
  /** Where the log goes, as JSON lines (level «info»); by default there is no log. */
  log?: { write(line: string): void };
  trustProxy?: boolean | number | string[];
  /** Campaign mail (e.g. to a test SMTP server): the server then test-sends and runs its dispatcher. */
  outreach?: OutreachMail;
};

export async function openTestApp(database: Database, options: TestAppOptions = {}): Promise<TestApp> {
  const filesDir = mkdtempSync(join(tmpdir(), "vincula-files-"));
  const app = await buildApp({
    database,
    files: options.files ?? new LocalFileStore(filesDir),
    config: {
      logLevel: options.log ? "info" : "silent",
      maxUploadBytes: options.maxUploadBytes ?? 1_000_000,
      trustProxy: options.trustProxy,
    },
    logger: options.log ?? false,
    outreach: options.outreach,
  });
  const system: UseCaseContext = { actor: { kind: "system", name: "test" }, db: database.db };
  const account = async (roles: Grant[] | "administrator", password?: string) =>
    createAccount(system, {
      username: uniqueKey("cuenta").toLowerCase().slice(0, 40),
      name: "Cuenta de prueba",
      isAdministrator: roles === "administrator",
      roles: roles === "administrator" ? [] : roles,
      password,
    });
  const tokenFor = async (roles: Grant[] | "administrator") => {
    const { account: created } = await account(roles);
    const scopes =
      roles === "administrator"
        ? ALL_PERMISSIONS
        : [...new Set(roles.flatMap((g) => ROLE_PERMISSIONS[g.role]))];
    return (await createApiToken(system, created.id, { name: "pruebas", scopes })).token;
  };
  const adminToken = await tokenFor("administrator");
  const inject = app.inject.bind(app);
  (app as { inject: unknown }).inject = (request: InjectOptions) =>
    inject({
      ...request,
      headers: { authorization: `Bearer ${adminToken}`, ...(request.headers ?? {}) },
    });
  return {
    app,
    filesDir,
    tokenFor,
    async signIn(roles) {
      const { account: created } = await account(roles, PASSWORD);
      const response = await inject({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        payload: { username: created.username, password: PASSWORD },
      });
      if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
      return {
        cookie: `${SESSION_COOKIE}=${cookie?.value}`,
        csrf: (response.json() as { csrfToken: string }).csrfToken,
        username: created.username,
      };
    },
    close: async () => {
      await app.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
