/**
 * Browser tests: Debian's Chromium driven by playwright-core (never a downloaded browser), the real app listening on
 * a random port over a test database with the demo quarter, axe-core run inside each page, and screenshots at
 * 1366×768 into test-results/screenshots (git-ignored). Without Chromium the tests skip, except under CI, where
 * they fail: `.ci/run` installs it (`apt-get install chromium`).
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.VINCULA_CHROMIUM ?? "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM_PATH);

/** Why browser tests cannot run here, or undefined; under CI their absence is an error, not a skip. */
export function browserUnavailableReason(): string | undefined {
  if (hasChromium) return undefined;
  const reason = `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`;
  if (process.env.CI) throw new Error(`CI requires the browser tests, but ${reason}`);
  return reason;
}

export const SCREENSHOT_DIR = join(import.meta.dirname, "../../test-results/screenshots");
export const VIEWPORT = { width: 1366, height: 768 };

export type TestBrowser = { browser: Browser; close(): Promise<void> };

/**
 * Chromium with the flags this machine needs (no sandbox as root, no background network); Playwright gives it a
 * fresh profile in a temporary directory of its own, removed on close.
 */
export async function launchChromium(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** The page at 1366×768 as a person first sees it, or the whole page with `fullPage`. */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? false });
  return path;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: string[] };

/**
 * axe-core's WCAG 2.1 A and AA rules (and its best practices) on the page as it is now. The script is evaluated
 * through the DevTools protocol, which the page's content security policy does not govern.
 */
export async function accessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } })
      .axe;
    return (await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      resultTypes: ["violations"],
    })) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    };
  });
  return result.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.slice(0, 5).map((node) => JSON.stringify(node.target)),
  }));
}

/** The serious and critical ones: what the tests refuse. */
export const serious = (violations: AxeViolation[]) =>
  violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
