import { resolve } from "node:path";
import { z } from "zod";

/** The process environment Vincula reads, checked once at start. */
export const ZEnvironment = z.object({
  VINCULA_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "debe empezar con postgres:// o postgresql://")
    .optional(),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  VINCULA_ACTOR: z.string().min(1).default("local"),
  VINCULA_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
});
export type Environment = z.infer<typeof ZEnvironment>;

export type Config = {
  dataDir: string;
  databaseUrl: string | undefined;
  host: string;
  port: number;
  logLevel: Environment["LOG_LEVEL"];
  actorName: string;
  maxUploadBytes: number;
};

export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError with one line per problem, in Spanish. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnvironment.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Configuración inválida en el entorno:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    dataDir: resolve(e.VINCULA_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    actorName: e.VINCULA_ACTOR,
    maxUploadBytes: e.VINCULA_MAX_UPLOAD_BYTES,
  };
}
