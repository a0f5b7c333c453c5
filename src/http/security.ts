/**
 * Hardening at the HTTP edge (docs/decisions/014, 015): security headers and content security policies, the size and
 * shape limits every request meets before its use case, and the timeouts. The values are here, in one place, so
 * the README and the decision can cite them and the tests can read them.
 */
import { createHash } from "node:crypto";
import helmet from "@fastify/helmet";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, formatPath } from "../domain/shared/errors.ts";
import { unstorableText } from "../domain/shared/primitives.ts";

/** Sizes, depths and times. Bodies beyond the limits are answered 413; strings and nesting 400. */
export const LIMITS = {
  /** A JSON body (imports have their own, larger limit; uploads the configured `VINCULA_MAX_UPLOAD_BYTES`). */
  bodyBytes: 2 * 1024 * 1024,
  importBodyBytes: 50 * 1024 * 1024,
  /** Longest string anywhere in a JSON body: the longest text field of any record is 20,000 characters. */
  bodyStringLength: 100_000,
  /** Longest value of a query-string parameter (ids, dates, keys and searches are far shorter). */
  queryStringLength: 2_000,
  /** Deepest nesting of objects and arrays in a body (a dataset is about 6 deep). */
  bodyDepth: 32,
  /** Longest path parameter (keys are at most 120 characters); longer ones do not match a route (404). */
  paramLength: 200,
  /** Receiving a whole request, headers and body (slow uploads included). */
  requestTimeoutMs: 120_000,
  /** An idle socket, counted also while a handler works: longer than the longest handler. */
  connectionTimeoutMs: 660_000,
  /** Producing the answer: most routes… */
  handlerTimeoutMs: 60_000,
  /** …rendering reports (a PDF of a large quarter takes a minute or more), and importing a whole commission. */
  reportHandlerTimeoutMs: 300_000,
  importHandlerTimeoutMs: 600_000,
} as const;

/** The JSON API and every other answer: nothing may load, run, be framed or be the target of a form. */
const API_DIRECTIVES = {
  defaultSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/**
 * HTML pages Vincula writes itself (the root page, report previews and downloads): still no script and nothing
 * loaded; the page's own `<style>` elements are allowed by their hash, computed when the page is sent (so a report
 * frozen under an older stylesheet still shows styled), and `style` attributes (the table column widths) by
 * 'unsafe-inline' in `style-src-attr`, which allows styling only. Report text is always escaped (render-html.ts).
 * A report's HTML may be framed by Vincula's own pages (`frameable`: the report page of the web interface shows it
 * in a sandboxed frame, docs/decisions/019); nothing else may be framed at all.
 */
export function htmlContentSecurityPolicy(
  html: string,
  options: { frameable?: boolean; formToSelf?: boolean } = {},
): string {
  const hashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    (match) =>
      `'sha256-${createHash("sha256")
        .update(match[1] ?? "")
        .digest("base64")}'`,
  );
  const styles = hashes.length > 0 ? hashes.join(" ") : "'none'";
  return [
    "default-src 'none'",
    `style-src ${styles}`,
    `style-src-elem ${styles}`,
    "style-src-attr 'unsafe-inline'",
    "img-src data:",
    "base-uri 'none'",
    options.formToSelf ? "form-action 'self'" : "form-action 'none'",
    options.frameable ? "frame-ancestors 'self'" : "frame-ancestors 'none'",
  ].join("; ");
}

/** The one-click unsubscribe pages (src/http/routes/unsubscribe.routes.ts), whose form posts to itself. */
export const UNSUBSCRIBE_PREFIX = "/u/";

/** The answers whose HTML is a report (previews and files), which the web interface shows in a frame. */
export const FRAMEABLE_REPORT_PREFIX = "/api/v1/reports/";

/**
 * The interactive documentation (Swagger UI, under /api/docs) runs its own scripts and styles: scripts only from
 * Vincula itself, inline styles (the UI sets `style` attributes), requests only to Vincula ("Try it out").
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const DOCS_PREFIX = "/api/docs";

/**
 * The web interface (web/dist, served by src/http/web-app.ts): its scripts and stylesheets from Vincula only, no
 * inline script at all; Mantine writes its CSS variables in <style> elements, allowed by the nonce of this answer
 * (React sets `style` properties through the CSSOM, which a policy does not govern); requests only to Vincula.
 */
export function webAppContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    // The report page shows the report's HTML in a sandboxed frame (no scripts), from Vincula only.
    "frame-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** HSTS is sent only on requests that arrived over HTTPS (directly, or through a trusted proxy that says so). */
export const HSTS = "max-age=31536000";

/** Security headers on every answer; the HTML and documentation policies replace the API's where they apply. */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: API_DIRECTIVES },
    // Browsers ignore HSTS received over plain HTTP, and a development server must stay reachable over it.
    strictTransportSecurity: false,
    xFrameOptions: { action: "deny" },
    // Calendar applications and other sites may link to the public feeds and downloads.
    crossOriginResourcePolicy: { policy: "same-site" },
  });
  app.addHook("onSend", async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.protocol === "https") reply.header("strict-transport-security", HSTS);
    const type = String(reply.getHeader("content-type") ?? "");
    if (request.webAppNonce && type.startsWith("text/html"))
      reply.header("content-security-policy", webAppContentSecurityPolicy(request.webAppNonce));
    else if (type.startsWith("text/html") && !request.url.startsWith(DOCS_PREFIX)) {
      const html =
        typeof payload === "string" ? payload : Buffer.isBuffer(payload) ? payload.toString("utf8") : "";
      const frameable = request.url.startsWith(FRAMEABLE_REPORT_PREFIX);
      // The unsubscribe page's form posts back to its own address.
      const formToSelf = request.url.startsWith(UNSUBSCRIBE_PREFIX);
      reply.header("content-security-policy", htmlContentSecurityPolicy(html, { frameable, formToSelf }));
      if (frameable) reply.header("x-frame-options", "SAMEORIGIN");
    }
    return payload;
  });
}

/**
 * What every JSON body and query string must respect before its use case sees it: strings of a bounded length,
 * without NUL characters (PostgreSQL cannot store them in text nor in jsonb) and without lone UTF-16 surrogates
 * (not Unicode; jsonb refuses them), and a bounded nesting depth. A violation is `validation_failed` with its path.
 */
export function checkRequestValues(value: unknown, where: "body" | "querystring" | "params"): void {
  const maxLength = where === "body" ? LIMITS.bodyStringLength : LIMITS.queryStringLength;
  type Entry = { value: object; key?: string | number; parent?: Entry; depth: number };
  const pathOf = (entry: Entry | undefined, last?: string | number) => {
    const path: (string | number)[] = last === undefined ? [] : [last];
    for (let at = entry; at?.key !== undefined; at = at.parent) path.unshift(at.key);
    return path;
  };
  const checkString = (text: string, entry: Entry | undefined, key?: string | number) => {
    const problem = stringProblem(text, maxLength);
    if (problem) throw invalidValue(where, pathOf(entry, key), problem);
  };
  if (typeof value === "string") checkString(value, undefined);
  if (!isContainer(value)) return;
  // Only containers go on the stack; strings are checked as their parent is read.
  const stack: Entry[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const entry = stack.pop() as Entry;
    if (entry.depth >= LIMITS.bodyDepth)
      throw invalidValue(where, pathOf(entry), `anidación de más de ${LIMITS.bodyDepth} niveles`);
    const children: [string | number, unknown][] = Array.isArray(entry.value)
      ? entry.value.map((item, index) => [index, item])
      : Object.entries(entry.value);
    for (const [key, child] of children) {
      if (typeof key === "string" && stringProblem(key, LIMITS.queryStringLength))
        throw invalidValue(where, pathOf(entry), "un nombre de campo no es válido");
      if (typeof child === "string") checkString(child, entry, key);
      else if (isContainer(child)) stack.push({ value: child, key, parent: entry, depth: entry.depth + 1 });
    }
  }
}

const isContainer = (value: unknown): value is object =>
  value !== null && typeof value === "object" && !ArrayBuffer.isView(value);

function stringProblem(text: string, maxLength: number): string | undefined {
  if (text.length > maxLength)
    return `texto demasiado largo: ${text.length.toLocaleString("es-MX")} caracteres (máximo ${maxLength.toLocaleString("es-MX")})`;
  return unstorableText(text);
}

function invalidValue(where: "body" | "querystring" | "params", path: (string | number)[], message: string) {
  const label = where === "body" ? "los datos enviados" : "los parámetros";
  return new AppError("validation_failed", `Hay errores en ${label}.`, [{ path: formatPath(path), message }]);
}
