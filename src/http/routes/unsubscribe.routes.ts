/**
 * The one-click unsubscribe of campaign messages, outside /api/v1 because the link is what people see:
 * `GET /u/:token` answers a small page in Spanish asking to confirm, with a form that POSTs back;
 * `POST /u/:token` unsubscribes the token's contact — the form, or a mail client's RFC 8058 one-click POST
 * (body `List-Unsubscribe=One-Click`). Public (the token is the key), idempotent, 404 for an unknown token.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { unsubscribeByToken, unsubscribeTarget } from "../../domain/outreach/unsubscribe.ts";
import type { Db } from "../../platform/db/open.ts";

/** The token's shape is checked by the use case (an unknown or malformed token is the same 404). */
const ZTokenParams = z.object({ token: z.string().max(100) });

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const STYLE =
  "body{font-family:Arial,Helvetica,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222;line-height:1.5}" +
  "button{font-size:1rem;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#6b2c91;color:#fff;cursor:pointer}";

function page(title: string, body: string): string {
  return `<!doctype html><html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

export async function registerUnsubscribeRoutes(app: FastifyInstance, db: Db): Promise<void> {
  await app.register(async (scope) => {
    // Mail clients send the one-click POST as a form; its contents do not matter (any POST to the link unsubscribes).
    for (const type of ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"])
      scope.addContentTypeParser(type, { parseAs: "string", bodyLimit: 4096 }, (_request, body, done) =>
        done(null, body),
      );
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.get(
      "/u/:token",
      { config: { permission: "public.read" }, schema: { hide: true, params: ZTokenParams } },
      async (request, reply) => {
        const target = await unsubscribeTarget(db, request.params.token);
        const list = escapeHtml(target.listName);
        const html = target.subscribed
          ? page(
              `¿Darse de baja de la lista «${target.listName}»?`,
              `<p>Dejará de recibir los correos de la lista «${list}». Los demás datos se conservan conforme al aviso de privacidad.</p>` +
                `<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Darme de baja</button></form>`,
            )
          : page(
              "Ya no está suscrito",
              `<p>Esta dirección ya no recibe los correos de la lista «${list}».</p>`,
            );
        return reply.type("text/html; charset=utf-8").header("cache-control", "no-store").send(html);
      },
    );

    api.post(
      "/u/:token",
      { config: { permission: "public.read" }, schema: { hide: true, params: ZTokenParams } },
      async (request, reply) => {
        const result = await unsubscribeByToken(db, request.params.token);
        const html = page(
          "Baja registrada",
          `<p>Ya no recibirá los correos de la lista «${escapeHtml(result.listName)}».</p>`,
        );
        return reply.type("text/html; charset=utf-8").header("cache-control", "no-store").send(html);
      },
    );
  });
}
