/**
 * The web interface (web/, built by Vite into web/dist): its files under /assets, and its page — index.html with
 * a fresh style nonce and the app's content security policy — at `/` and, from the not-found handler, for every
 * other GET outside /api (the app routes in the browser). A wildcard route would do the same but would also
 * swallow /api paths that match no route (a too-long parameter must stay a 400, an unknown route a 404 problem).
 * Without a build, `/` says how to make one and the API keeps working.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** The placeholder Vite writes where the nonce goes (`html.cspNonce` in web/vite.config.ts). */
export const NONCE_PLACEHOLDER = "VINCULA_STYLE_NONCE";

/** Paths the web page answers: not the API nor its documentation, not a built file that does not exist. */
export const isWebPagePath = (url: string) => !/^\/api(\/|\?|$)/.test(url) && !url.startsWith("/assets/");

type IndexPage = { html: string; modifiedMs: number };

export type WebApp = {
  /** Registers /, /assets/* and /favicon.svg. */
  register(app: FastifyInstance): Promise<void>;
  /** Answers the page of the web interface (the browser's router then shows the path). */
  sendPage(request: FastifyRequest, reply: FastifyReply): FastifyReply;
};

export function createWebApp(root: string | undefined): WebApp {
  const indexPath = root ? join(root, "index.html") : undefined;
  let cached: IndexPage | undefined;
  /** index.html, read again only when a new build replaced it. */
  const indexPage = (): string | undefined => {
    if (!indexPath || !existsSync(indexPath)) return undefined;
    const modifiedMs = statSync(indexPath).mtimeMs;
    if (cached?.modifiedMs !== modifiedMs) cached = { html: readFileSync(indexPath, "utf8"), modifiedMs };
    return cached.html;
  };

  const register = async (app: FastifyInstance) => {
    app.get("/", { schema: { hide: true }, config: { permission: "public.read" } }, sendPage);
    if (!root) return;
    await app.register(fastifyStatic, { root, serve: false });
    // Built files have a content hash in their name: they never change, and may be cached for a year.
    app.get<{ Params: { "*": string } }>(
      "/assets/*",
      { schema: { hide: true }, config: { permission: "public.read" } },
      (request, reply) =>
        reply.sendFile(`assets/${request.params["*"]}`, {
          immutable: true,
          maxAge: "365d",
          dotfiles: "deny",
        }),
    );
    app.get(
      "/favicon.svg",
      { schema: { hide: true }, config: { permission: "public.read" } },
      (_request, reply) => reply.sendFile("favicon.svg", { maxAge: "1d" }),
    );
  };

  function sendPage(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const html = indexPage();
    if (!html)
      return reply
        .type("text/html; charset=utf-8")
        .send(
          `<!doctype html><html lang="es-MX"><meta charset="utf-8"><title>Vincula</title>` +
            `<h1>Vincula</h1><p>La interfaz web no está construida (<code>npm run build:web</code>). ` +
            `La API está en <a href="/api/v1/health">/api/v1</a>; ` +
            `su documentación interactiva en <a href="/api/docs">/api/docs</a>.</p></html>`,
        );
    // One nonce per answer: Mantine's <style> elements carry it, and nothing else may add styles.
    const nonce = randomBytes(18).toString("base64");
    request.webAppNonce = nonce;
    return reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .send(html.replaceAll(NONCE_PLACEHOLDER, nonce));
  }
  return { register, sendPage };
}
