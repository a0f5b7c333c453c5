/**
 * Signing in and out, the signed-in account, changing one's password; and account administration (accounts,
 * roles, password resets, API tokens) for administrators.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createAccount,
  getAccount,
  listAccounts,
  resetPassword,
  updateAccount,
  ZAccount,
  ZAccountCreate,
  ZAccountUpdate,
} from "../../domain/accounts/accounts.ts";
import {
  changeOwnPassword,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  SIGN_IN_POLICY,
  signIn,
  signOut,
  ZApiToken,
  ZChangePassword,
  ZCreateApiToken,
  ZSignIn,
} from "../../domain/accounts/authentication.ts";
import { AppError } from "../../domain/shared/errors.ts";
import { PERMISSIONS, ROLE_PERMISSIONS } from "../../domain/shared/permissions.ts";
import { SESSION_COOKIE } from "../app.ts";
import { ZProblem } from "../problem.ts";
import type { RouteDependencies } from "./index.ts";

const ZMe = z.object({
  id: z.uuid(),
  username: z.string(),
  name: z.string(),
  isAdministrator: z.boolean(),
  mustChangePassword: z.boolean(),
  roles: ZAccount.shape.roles,
  permissions: z.array(z.string()).describe("Permisos que la cuenta tiene en alguna comisión"),
});

const ZSignedIn = ZMe.extend({
  csrfToken: z
    .string()
    .describe("Repítalo en el encabezado X-CSRF-Token de cada solicitud que modifica datos"),
  expiresAt: z.string(),
});

/**
 * Failed sign-ins per client address: at most 10 in 5 minutes, on top of the lock-out of an account after five
 * failures in a row (which guards one account; this guards against trying many). In memory: a restart forgets it,
 * the account's lock-out is in the database.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly limit = 10,
    private readonly windowMs = 5 * 60_000,
  ) {}
  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => now - at < this.windowMs);
  }
  /** Whether the address may try again. */
  allows(key: string, now = Date.now()): boolean {
    return this.recent(key, now).length < this.limit;
  }
  recordFailure(key: string, now = Date.now()): void {
    this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 10_000)
      for (const [k, v] of this.failures)
        if (v.every((at) => now - at >= this.windowMs)) this.failures.delete(k);
  }
}

const ZIdParams = z.object({ id: z.string().max(100) });
const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };

export function registerAuthRoutes(app: FastifyInstance, { context, database }: RouteDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const limiter = new FailureLimiter();
  const me = (request: FastifyRequest) => {
    const actor = request.actor;
    if (actor.kind !== "account") throw new AppError("unauthenticated", "Inicie sesión para continuar.");
    const held = Object.keys(PERMISSIONS).filter(
      (permission) =>
        actor.isAdministrator ||
        actor.grants.some((g) => ROLE_PERMISSIONS[g.role].includes(permission as keyof typeof PERMISSIONS)),
    );
    return {
      id: actor.id,
      username: actor.username,
      name: actor.name,
      isAdministrator: actor.isAdministrator,
      mustChangePassword: request.mustChangePassword ?? false,
      roles: actor.grants,
      permissions: actor.scopes ? held.filter((p) => actor.scopes?.includes(p as never)) : held,
    };
  };
  const setCookie = (request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: "/",
      httpOnly: true,
      sameSite: "strict",
      // Secure whenever the request arrived over HTTPS (directly or through a proxy that says so).
      secure: request.protocol === "https",
      expires: expiresAt,
    });

  api.post(
    "/auth/sign-in",
    {
      config: { permission: "public.read" },
      schema: {
        tags: ["Cuentas"],
        summary: "Inicia sesión: deja una cookie de sesión (HttpOnly) y devuelve el token CSRF",
        description: `Cinco intentos fallidos seguidos bloquean la cuenta ${SIGN_IN_POLICY.lockMinutes} minutos; la sesión dura ${SIGN_IN_POLICY.sessionHours} horas.`,
        body: ZSignIn,
        response: { 200: ZSignedIn, 400: ZProblem, 401: ZProblem, 423: ZProblem, 429: ZProblem },
      },
    },
    async (request, reply) => {
      if (!limiter.allows(request.ip))
        throw new AppError(
          "too_many_attempts",
          "Demasiados intentos fallidos de inicio de sesión desde esta dirección; espere unos minutos.",
        );
      const session = await signIn(database.db, request.body).catch((error: unknown) => {
        if (
          error instanceof AppError &&
          (error.code === "unauthenticated" || error.code === "account_locked")
        )
          limiter.recordFailure(request.ip);
        throw error;
      });
      setCookie(request, reply, session.token, session.expiresAt);
      request.actor = session.actor;
      request.mustChangePassword = session.mustChangePassword;
      return { ...me(request), csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
    },
  );
  api.post(
    "/auth/sign-out",
    {
      config: { permission: "public.read" },
      schema: {
        tags: ["Cuentas"],
        summary: "Cierra la sesión de este navegador",
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(database.db, token);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );
  api.get(
    "/auth/me",
    {
      config: { permission: "public.read" },
      schema: {
        tags: ["Cuentas"],
        summary: "La cuenta con la que se actúa y sus permisos",
        response: {
          200: ZMe.extend({
            csrfToken: ZSignedIn.shape.csrfToken
              .optional()
              .describe("El token CSRF de la sesión de este navegador (ausente con una ficha de acceso)"),
          }),
          401: ZProblem,
        },
      },
    },
    // The same origin may read its session's CSRF token again: a new tab or a reload keeps writing.
    async (request) => ({ ...me(request), csrfToken: request.csrfToken }),
  );
  api.post(
    "/auth/password",
    {
      config: { permission: "public.read" },
      schema: {
        tags: ["Cuentas"],
        summary: "Cambia la contraseña propia (cierra las demás sesiones)",
        body: ZChangePassword,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      if (request.actor.kind === "public")
        throw new AppError("unauthenticated", "Inicie sesión para cambiar su contraseña.");
      if (request.actor.kind === "account" && request.actor.scopes)
        throw new AppError("forbidden", "Una ficha de acceso no puede cambiar la contraseña de su cuenta.");
      await changeOwnPassword(context(request), request.body, request.cookies[SESSION_COOKIE]);
      return reply.status(204).send(null);
    },
  );

  const admin = { permission: "accounts.manage" } as const;
  api.get(
    "/accounts",
    {
      config: admin,
      schema: {
        tags: ["Cuentas"],
        summary: "Lista las cuentas",
        response: { 200: z.object({ items: z.array(ZAccount) }), ...errors },
      },
    },
    async (request) => ({ items: await listAccounts(context(request)) }),
  );
  api.get(
    "/accounts/:id",
    {
      config: admin,
      schema: {
        tags: ["Cuentas"],
        summary: "Consulta una cuenta",
        params: ZIdParams,
        response: { 200: ZAccount, ...errors },
      },
    },
    async (request) => getAccount(context(request), request.params.id),
  );
  api.post(
    "/accounts",
    {
      config: admin,
      schema: {
        tags: ["Cuentas"],
        summary: "Crea una cuenta; sin contraseña, devuelve una provisional una sola vez",
        body: ZAccountCreate,
        response: { 201: z.object({ account: ZAccount, oneTimePassword: z.string().optional() }), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createAccount(context(request), request.body)),
  );
  api.patch(
    "/accounts/:id",
    {
      config: admin,
      schema: {
        tags: ["Cuentas"],
        summary: "Modifica nombre, correo, roles, administración o si está activa",
        params: ZIdParams,
        body: ZAccountUpdate,
        response: { 200: ZAccount, ...errors },
      },
    },
    async (request) => updateAccount(context(request), request.params.id, request.body),
  );
  api.post(
    "/accounts/:id/password-reset",
    {
      config: admin,
      schema: {
        tags: ["Cuentas"],
        summary: "Restablece la contraseña: devuelve una provisional una sola vez y cierra sus sesiones",
        params: ZIdParams,
        response: { 200: z.object({ oneTimePassword: z.string() }), ...errors },
      },
    },
    async (request) => resetPassword(context(request), request.params.id),
  );
  api.get(
    "/accounts/:id/tokens",
    {
      config: admin,
      schema: {
        tags: ["Cuentas"],
        summary: "Fichas de acceso de la cuenta (sin su secreto)",
        params: ZIdParams,
        response: { 200: z.object({ items: z.array(ZApiToken) }), ...errors },
      },
    },
    async (request) => ({ items: await listApiTokens(context(request), request.params.id) }),
  );
  api.post(
    "/accounts/:id/tokens",
    {
      config: admin,
      schema: {
        tags: ["Cuentas"],
        summary: "Crea una ficha de acceso para integraciones; su secreto se muestra una sola vez",
        params: ZIdParams,
        body: ZCreateApiToken,
        response: { 201: z.object({ token: z.string(), apiToken: ZApiToken }), ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createApiToken(context(request), request.params.id, request.body)),
  );
  api.delete(
    "/api-tokens/:id",
    {
      config: admin,
      schema: {
        tags: ["Cuentas"],
        summary: "Revoca una ficha de acceso",
        params: ZIdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await revokeApiToken(context(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
