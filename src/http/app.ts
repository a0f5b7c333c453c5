/** The Fastify application: plugins, error mapping, OpenAPI and every route under /api/v1. */
import { timingSafeEqual } from "node:crypto";
import cookie from "@fastify/cookie";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { sessionActor, tokenActor } from "../domain/accounts/authentication.ts";
import { type Dispatcher, startCampaignDispatcher } from "../domain/outreach/campaign-dispatcher.ts";
import type { SenderSettings } from "../domain/outreach/campaign-sender.ts";
import { type Actor, can, type UseCaseContext } from "../domain/shared/context.ts";
import { AppError, formatPath } from "../domain/shared/errors.ts";
import type { Permission } from "../domain/shared/permissions.ts";
import type { Config } from "../platform/config.ts";
import type { Database } from "../platform/db/open.ts";
import type { FileStore } from "../platform/files.ts";
import { createMailTransport, type MailConfig, type MailTransport } from "../platform/mail.ts";
import { problem, problemFromAppError } from "./problem.ts";
import { registerRoutes } from "./routes/index.ts";
import { registerUnsubscribeRoutes } from "./routes/unsubscribe.routes.ts";
import {
  checkRequestValues,
  DOCS_CONTENT_SECURITY_POLICY,
  DOCS_PREFIX,
  LIMITS,
  registerSecurityHeaders,
} from "./security.ts";
import { createWebApp, isWebPagePath } from "./web-app.ts";

export type AppDependencies = {
  database: Database;
  files: FileStore;
  config: Pick<Config, "logLevel" | "maxUploadBytes"> & Partial<Pick<Config, "trustProxy">>;
  /** false: no log at all; a stream: JSON lines written there (tests read what the log keeps). */
  logger?: boolean | { write(line: string): void };
  /** The built web interface (web/dist); without it `/` only points to the API. */
  webRoot?: string;
  /**
   * Mail for campaigns: with it the server sends test messages and runs the campaign dispatcher (scheduled
   * starts, the durable sender, daily retention: docs/decisions/025) while it is up. Without it, campaigns are
   * sent with `vincula campaign send`.
   */
  outreach?: OutreachMail;
};

export type OutreachMail = {
  mail: MailConfig;
  publicUrl: string;
  privacyNoticeUrl: string;
  unsubscribeMailto?: string;
  /** How often the dispatcher looks for work (default 30 s). */
  dispatchIntervalMs?: number;
  /** SMTP connections the dispatcher's transport may open (default 1). */
  connections?: number;
};

export type App = FastifyInstance & { withTypeProvider(): FastifyInstance };

/** Per-request context: the actor the request authenticated as (or the public), and the database. */
export type ContextFactory = (request: FastifyRequest) => UseCaseContext;

/** Every route declares the permission it needs (`config: { permission }`); "public.read" needs no account. */
declare module "fastify" {
  interface FastifyContextConfig {
    permission?: Permission;
  }
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
  interface FastifyRequest {
    actor: Actor;
    /** Set when the actor came from a session cookie: the token the CSRF header must repeat. */
    csrfToken?: string;
    mustChangePassword?: boolean;
    /** Set when the answer is the web interface's page: the nonce its style elements carry. */
    webAppNonce?: string;
  }
}

export const SESSION_COOKIE = "vincula_session";

/** Compares a header with a secret in constant time. */
function sameSecret(header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== "string") return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
/** Routes a person whose password must change may still use. */
const PASSWORD_CHANGE_ROUTES = new Set(["/api/v1/auth/me", "/api/v1/auth/password", "/api/v1/auth/sign-out"]);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The routes of the app with their permissions, as registered (the role × route test reads this). */
export type RouteEntry = { method: string; url: string; permission: Permission };

/** Fastify takes a hop count too, but its types do not say so: the same rule as a function. */
function trustProxyOption(trust: boolean | number | string[]) {
  return typeof trust === "number" ? (_address: string, hop: number) => hop < trust : trust;
}

/** What the routes need to send campaign mail: the transport, the settings, and a way to wake the dispatcher. */
export type CampaignMail = { transport: MailTransport; settings: SenderSettings; wake: () => void };

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const campaignMail: CampaignMail | undefined = deps.outreach && {
    transport: createMailTransport(deps.outreach.mail, {
      pool: true,
      maxConnections: deps.outreach.connections ?? 1,
    }),
    settings: {
      from: deps.outreach.mail.from,
      publicUrl: deps.outreach.publicUrl,
      privacyNoticeUrl: deps.outreach.privacyNoticeUrl,
      unsubscribeMailto: deps.outreach.unsubscribeMailto,
      maxRatePerMinute: deps.outreach.mail.ratePerMinute,
    },
    wake: () => undefined,
  };
  const app = Fastify({
    logger:
      deps.logger === false
        ? false
        : typeof deps.logger === "object"
          ? { level: deps.config.logLevel, stream: deps.logger }
          : { level: deps.config.logLevel },
    // Behind a reverse proxy, which of its X-Forwarded-* headers to believe (client address, protocol).
    trustProxy: trustProxyOption(deps.config.trustProxy ?? false),
    bodyLimit: LIMITS.bodyBytes,
    requestTimeout: LIMITS.requestTimeoutMs,
    connectionTimeout: LIMITS.connectionTimeoutMs,
    handlerTimeout: LIMITS.handlerTimeoutMs,
    routerOptions: { maxParamLength: LIMITS.paramLength },
    // A URL that cannot be decoded is the client's fault, and gets the same problem document as anything else.
    frameworkErrors: (error, _request, reply) => {
      const detail =
        error.code === "FST_ERR_MAX_PARAM_LENGTH"
          ? `Un parámetro de la dirección es demasiado largo (máximo ${LIMITS.paramLength} caracteres).`
          : "La dirección de la solicitud no es válida (caracteres mal codificados).";
      (reply as FastifyReply)
        .status(400)
        .type("application/problem+json")
        .send(problem(400, "bad_request", detail));
    },
    ajv: { customOptions: { coerceTypes: "array" } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  const routeTable: RouteEntry[] = [];
  app.decorate("routeTable", routeTable);
  app.decorateRequest("actor", null as never);
  // A route without a declared permission is a startup error, not an open door. The documentation pages are
  // served by the swagger-ui plugin and are public.
  app.addHook("onRoute", (route) => {
    const methods = [route.method].flat();
    const isDocs = route.url.startsWith(DOCS_PREFIX);
    const permission = route.config?.permission ?? (isDocs ? "public.read" : undefined);
    if (!permission)
      throw new Error(`La ruta ${methods.join(",")} ${route.url} no declara su permiso (config.permission).`);
    route.config = { ...route.config, permission };
    for (const method of methods)
      if (method !== "HEAD") routeTable.push({ method, url: route.url, permission });
  });
  await registerSecurityHeaders(app);
  await app.register(cookie);
  app.addHook("onRequest", async (request) => {
    request.actor = { kind: "public" };
    const authorization = request.headers.authorization;
    if (authorization?.startsWith("Bearer ")) {
      const actor = await tokenActor(deps.database.db, authorization.slice(7).trim());
      if (!actor)
        throw new AppError("unauthenticated", "La ficha de acceso no es válida, expiró o fue revocada.");
      request.actor = actor;
    } else {
      const token = request.cookies[SESSION_COOKIE];
      const session = token ? await sessionActor(deps.database.db, token) : undefined;
      if (session) {
        request.actor = session.actor;
        request.csrfToken = session.csrfToken;
        request.mustChangePassword = session.mustChangePassword;
      }
    }
    // A cookie is sent by the browser on its own: a write must also repeat the session's CSRF token.
    if (
      request.csrfToken &&
      !SAFE_METHODS.has(request.method) &&
      request.routeOptions.url !== "/api/v1/auth/sign-in" &&
      // The unsubscribe link's token is its own key; a signed-in browser following it must not be refused.
      !request.routeOptions.url?.startsWith("/u/") &&
      !sameSecret(request.headers["x-csrf-token"], request.csrfToken)
    )
      throw new AppError(
        "csrf_failed",
        "Falta el encabezado X-CSRF-Token de la sesión o no coincide; recargue la página.",
      );
    const permission = request.routeOptions.config.permission;
    if (!permission || permission === "public.read") return;
    if (request.actor.kind === "public")
      throw new AppError("unauthenticated", "Inicie sesión para continuar.");
    if (request.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(request.routeOptions.url ?? ""))
      throw new AppError("password_change_required", "Cambie su contraseña provisional antes de continuar.");
    if (!can(request.actor, permission))
      throw new AppError("forbidden", "Su cuenta no tiene permiso para esta operación.");
  });
  // Sizes, NUL characters, lone surrogates and nesting, before the route's schema and the use case.
  app.addHook("preValidation", async (request) => {
    checkRequestValues(request.params, "params");
    checkRequestValues(request.query, "querystring");
    checkRequestValues(request.body, "body");
  });
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) {
      const body = problemFromAppError(error);
      return reply.status(body.status).type("application/problem+json").send(body);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((issue) => ({
        path: formatPath(
          [issue.instancePath.replace(/^\//, "").split("/").filter(Boolean)]
            .flat()
            .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        ),
        message: issue.message ?? "valor inválido",
      }));
      const where = error.validationContext === "querystring" ? "los parámetros" : "los datos enviados";
      return reply
        .status(400)
        .type("application/problem+json")
        .send({ ...problem(400, "validation_failed", `Hay errores en ${where}.`), errors });
    }
    if ((error as FastifyError).code === "FST_ERR_HANDLER_TIMEOUT") {
      request.log.error({ err: error }, "handler timeout");
      return reply
        .status(503)
        .type("application/problem+json")
        .send(
          problem(
            503,
            "request_timeout",
            "La operación tardó demasiado y se dejó de esperar; pudo haberse completado: revise antes de repetirla.",
          ),
        );
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      const code =
        status === 413 ? "payload_too_large" : status === 415 ? "unsupported_media_type" : "bad_request";
      const detail =
        status === 413
          ? "La solicitud es demasiado grande."
          : status === 415
            ? "Tipo de contenido no admitido; envíe application/json."
            : "La solicitud no es válida (JSON mal formado o encabezados incorrectos).";
      return reply
        .status(status)
        .type("application/problem+json")
        .send(problem(status, code, detail));
    }
    request.log.error({ err: error }, "unhandled error");
    return reply
      .status(500)
      .type("application/problem+json")
      .send(
        problem(
          500,
          "internal_error",
          "Ocurrió un error interno; el equipo técnico puede revisarlo en la bitácora.",
        ),
      );
  });

  // Any other page of the web interface is the same page: the browser's router shows the path.
  const webApp = createWebApp(deps.webRoot);
  app.setNotFoundHandler((request, reply) =>
    (request.method === "GET" || request.method === "HEAD") && isWebPagePath(request.url)
      ? webApp.sendPage(request, reply)
      : reply
          .status(404)
          .type("application/problem+json")
          .send(
            problem(
              404,
              "route_not_found",
              `No existe la ruta ${request.method} ${request.url.split("?")[0]}.`,
            ),
          ),
  );

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Vincula API",
        version: "1",
        description:
          "Registros de una comisión colegiada: sesiones, acuerdos, convenios, actividades y su programa de trabajo. " +
          "Los errores se devuelven como application/problem+json con un `code` estable.",
      },
      servers: [{ url: "/" }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    // Its own policy, scoped to its routes; no badge from validator.swagger.io (nothing leaves Vincula).
    staticCSP: DOCS_CONTENT_SECURITY_POLICY,
    uiConfig: { validatorUrl: null },
  });

  const context: ContextFactory = (request) => ({ actor: request.actor, db: deps.database.db });

  await app.register(
    async (api) => {
      api.get("/openapi.json", { schema: { hide: true }, config: { permission: "public.read" } }, async () =>
        app.swagger(),
      );
      await registerRoutes(api, {
        context,
        database: deps.database,
        files: deps.files,
        maxUploadBytes: deps.config.maxUploadBytes,
        outreach: campaignMail,
      });
    },
    { prefix: "/api/v1" },
  );

  await registerUnsubscribeRoutes(app, deps.database.db);
  if (campaignMail) {
    const mail = campaignMail;
    let dispatcher: Dispatcher | undefined;
    app.addHook("onReady", async () => {
      dispatcher = startCampaignDispatcher(deps.database.db, mail.transport, mail.settings, {
        intervalMs: deps.outreach?.dispatchIntervalMs,
        // One process owns a PGlite database: a claim older than this server is a dead process's.
        sender: deps.database.kind === "pglite" ? { staleBefore: new Date() } : undefined,
        onError: (error) => app.log.error({ err: error }, "campaign dispatcher"),
      });
      mail.wake = () => dispatcher?.wake();
    });
    app.addHook("onClose", async () => {
      await dispatcher?.stop();
      mail.transport.close();
    });
  }
  await webApp.register(app);

  return app;
}
