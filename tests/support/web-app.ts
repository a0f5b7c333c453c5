/**
 * One browser-test fixture for every section's tests (tests/e2e/*.test.ts): the real app (buildApp listening on a
 * random port, serving web/dist, rebuilt when stale) over a fresh PGlite database holding the demo quarter, one
 * account per role with the same password, and Debian's Chromium. Pages open in fresh profiles (no cookies) whose
 * console is watched for content-security-policy reports.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { createAccount } from "../../src/domain/accounts/accounts.ts";
import { importDatasetText } from "../../src/domain/dataset/import-dataset.ts";
import type { UseCaseContext } from "../../src/domain/shared/context.ts";
import type { Role } from "../../src/domain/shared/permissions.ts";
import { buildApp } from "../../src/http/app.ts";
import { ensureWebBuild, WEB_DIST } from "../../src/http/web-build.ts";
import type { Database } from "../../src/platform/db/open.ts";
import { LocalFileStore } from "../../src/platform/files.ts";
import {
  accessibilityViolations,
  browserUnavailableReason,
  launchChromium,
  screenshot,
  serious,
  type TestBrowser,
  VIEWPORT,
} from "./browser.ts";
import { openTestDatabase } from "./databases.ts";
import { startSmtpServer, type TestSmtpServer } from "./smtp-server.ts";

export { screenshot };

export const DEMO = readFileSync(join(import.meta.dirname, "../../demo/cvoe-2021-q1.yaml"), "utf8");
export const PASSWORD = "contraseña de prueba 2021";

/** The accounts of the fixture: username → role in the demo commission (CVOE); `admin` is an administrator. */
export const ACCOUNTS: { username: string; name: string; role: Role | "administrator"; areaKey?: string }[] =
  [
    { username: "secretaria", name: "Laura Méndez Ortiz", role: "technical_secretariat" },
    { username: "enlace", name: "Óscar Ruiz Peña", role: "area_liaison", areaKey: "deoeyg" },
    { username: "consejera", name: "Ana Torres Gil", role: "commission_member" },
    { username: "representante", name: "Jorge Salas Reyes", role: "party_representative" },
    { username: "invitado", name: "Marta Vega Luna", role: "guest" },
    { username: "admin", name: "Administración del sistema", role: "administrator" },
  ];

/** Why browser tests cannot run here (undefined when they can); under CI a missing Chromium throws instead. */
export const webSkipReason = browserUnavailableReason();
if (webSkipReason) console.warn(`[vincula] browser tests skipped: ${webSkipReason}`);

export type WebApp = {
  app: FastifyInstance;
  database: Database;
  /** The demo commission's id. */
  commissionId: string;
  /** A context to write records as the system (tests set up what a page then shows). */
  system: UseCaseContext;
  baseUrl: string;
  /** A fresh browser profile; `cspReports` collects every content-security-policy report of its console. */
  openPage(): Promise<{ page: Page; cspReports: string[] }>;
  /** Signs in through the sign-in page and waits for Inicio. */
  signIn(page: Page, username: string, password?: string): Promise<void>;
  /** axe-core on the page as it is: no serious or critical violation. */
  expectAccessible(page: Page): Promise<void>;
  /** With `{ mail: true }`: the real SMTP server the app sends campaigns to (it keeps what it receives). */
  smtp?: TestSmtpServer;
  close(): Promise<void>;
};

export type WebAppOptions = {
  /**
   * Campaign mail: a real SMTP server in the test's process, and the app started with `outreach` pointing at it,
   * so the server itself starts scheduled campaigns and sends those being sent (its dispatcher looks every
   * 200 ms).
   */
  mail?: boolean;
};

export async function startWebApp(options: WebAppOptions = {}): Promise<WebApp> {
  const [, opened, smtp] = await Promise.all([
    ensureWebBuild(),
    openTestDatabase("pglite"),
    options.mail ? startSmtpServer() : undefined,
  ]);
  const system: UseCaseContext = { actor: { kind: "system", name: "pruebas" }, db: opened.database.db };
  await importDatasetText(system, DEMO);
  const commission = await opened.database.db.query.commissions.findFirst();
  if (!commission) throw new Error("the demo has no commission");
  for (const account of ACCOUNTS) {
    const area = account.areaKey
      ? await opened.database.db.query.areas.findFirst({
          where: (areas, { eq }) => eq(areas.key, account.areaKey as string),
        })
      : undefined;
    await createAccount(system, {
      username: account.username,
      name: account.name,
      password: PASSWORD,
      isAdministrator: account.role === "administrator",
      roles:
        account.role === "administrator"
          ? []
          : [{ commissionId: commission.id, role: account.role, areaId: area?.id ?? null }],
    });
  }
  const app = await buildApp({
    database: opened.database,
    files: new LocalFileStore(mkdtempSync(join(tmpdir(), "vincula-e2e-files-"))),
    config: { logLevel: "silent", maxUploadBytes: 5_000_000 },
    logger: false,
    webRoot: WEB_DIST,
    outreach: smtp && {
      mail: {
        smtpUrl: smtp.url,
        from: "Comisión de Vinculación <avisos@example.org>",
        rejectUnauthorized: true,
        requireTls: false,
        ratePerMinute: 6_000,
      },
      publicUrl: "http://vincula.example.org",
      privacyNoticeUrl: "http://vincula.example.org/aviso-de-privacidad",
      dispatchIntervalMs: 200,
    },
  });
  const baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
  const chromium: TestBrowser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    app,
    database: opened.database,
    commissionId: commission.id,
    system,
    baseUrl,
    smtp,
    async openPage() {
      const context = await chromium.browser.newContext({
        viewport: VIEWPORT,
        locale: "es-MX",
        acceptDownloads: true,
      });
      contexts.push(context);
      const page = await context.newPage();
      const cspReports: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) cspReports.push(message.text());
      });
      return { page, cspReports };
    },
    async signIn(page, username, password = PASSWORD) {
      await page.goto(`${baseUrl}/entrar`);
      await page.getByLabel(/^Usuario/).fill(username);
      await page.getByLabel(/^Contraseña/).fill(password);
      await page.getByRole("button", { name: "Entrar" }).click();
      await page.waitForURL((url) => url.pathname !== "/entrar");
    },
    async expectAccessible(page) {
      const violations = await accessibilityViolations(page);
      expect(serious(violations), JSON.stringify(violations, null, 2)).toEqual([]);
    },
    async close() {
      for (const context of contexts) await context.close();
      await chromium.close();
      await app.close();
      await smtp?.close();
      await opened.drop();
    },
  };
}
