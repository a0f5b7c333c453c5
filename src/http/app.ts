/** The Fastify application: plugins, error mapping, OpenAPI and every route under /api/v1. */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Actor, UseCaseContext } from "../domain/shared/context.ts";
import { AppError, formatPath } from "../domain/shared/errors.ts";
import type { Config } from "../platform/config.ts";
import type { Database } from "../platform/db/open.ts";
import type { FileStore } from "../platform/files.ts";
import { problem, problemFromAppError } from "./problem.ts";
import { registerRoutes } from "./routes/index.ts";

export type AppDependencies = {
  database: Database;
  files: FileStore;
  config: Pick<Config, "actorName" | "logLevel" | "maxUploadBytes">;
  logger?: boolean;
};

export type App = FastifyInstance & { withTypeProvider(): FastifyInstance };

/** Per-request context: until accounts exist (issue 4) every request acts as the configured local actor. */
export type ContextFactory = () => UseCaseContext;

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger === false ? false : { level: deps.config.logLevel },
    bodyLimit: 2 * 1024 * 1024,
    requestTimeout: 60_000,
    ajv: { customOptions: { coerceTypes: "array" } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
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

  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .type("application/problem+json")
      .send(
        problem(404, "route_not_found", `No existe la ruta ${request.method} ${request.url.split("?")[0]}.`),
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
  await app.register(swaggerUi, { routePrefix: "/api/docs" });

  const actor: Actor = { kind: "local", name: deps.config.actorName };
  const context: ContextFactory = () => ({ actor, db: deps.database.db });

  await app.register(
    async (api) => {
      api.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
      await registerRoutes(api, { context, files: deps.files, maxUploadBytes: deps.config.maxUploadBytes });
    },
    { prefix: "/api/v1" },
  );

  app.get("/", { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type("text/html; charset=utf-8")
      .send(
        `<!doctype html><html lang="es-MX"><meta charset="utf-8"><title>Vincula</title>` +
          `<h1>Vincula</h1><p>La API está en <a href="/api/v1/health">/api/v1</a>; ` +
          `su documentación interactiva en <a href="/api/docs">/api/docs</a>.</p></html>`,
      ),
  );

  return app;
}
