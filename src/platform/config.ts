import { resolve } from "node:path";
import { z } from "zod";
import { type MailConfig, mailConfigFrom, ZMailEnvironment } from "./mail.ts";

/** An address or network a reverse proxy may send from: 10.0.0.1, 10.0.0.0/8, ::1, or proxy-addr's names. */
const ZProxyAddress = z.union([
  z.ipv4(),
  z.ipv6(),
  z.cidrv4(),
  z.cidrv6(),
  z.enum(["loopback", "linklocal", "uniquelocal"]),
]);

/**
 * Which X-Forwarded-* headers to believe: `false` (the default: none, Vincula faces the clients), `true` (any
 * proxy: only when nothing else can reach the port), a number of proxy hops, or the proxies' addresses and
 * networks separated by commas.
 */
export const ZTrustProxy = z
  .string()
  .trim()
  .transform((value, context): boolean | number | string[] => {
    if (value === "" || value === "false") return false;
    if (value === "true") return true;
    if (/^\d+$/.test(value)) return Number(value);
    const addresses = value.split(",").map((address) => address.trim());
    for (const address of addresses)
      if (!ZProxyAddress.safeParse(address).success)
        context.addIssue({
          code: "custom",
          message: `«${address}» no es true, false, un número de saltos ni una dirección o red IP`,
        });
    return addresses;
  });

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
  VINCULA_TRUST_PROXY: ZTrustProxy.default(false),
  /** Vincula's address as the public reaches it: the unsubscribe links in campaign messages start with it. */
  VINCULA_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "debe ser una dirección http:// o https://" })
    .optional(),
  /** The institution's privacy notice, linked from every campaign message; the sender refuses to start without it. */
  VINCULA_PRIVACY_NOTICE_URL: z
    .url({ protocol: /^https?$/, error: "debe ser una dirección http:// o https://" })
    .optional(),
  /** A mailbox that receives «unsubscribe» messages, offered beside the one-click link; optional. */
  VINCULA_UNSUBSCRIBE_MAILTO: z.email("no es una dirección de correo").optional(),
  ...ZMailEnvironment.shape,
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
  trustProxy: boolean | number | string[];
  publicUrl: string | undefined;
  unsubscribeMailto: string | undefined;
  privacyNoticeUrl: string | undefined;
  /** Absent when no SMTP server is configured (VINCULA_SMTP_URL). */
  mail: MailConfig | undefined;
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
  const mail = mailConfigFrom(e);
  if (mail.problems.length > 0)
    throw new ConfigError(`Configuración inválida en el entorno:\n${mail.problems.join("\n")}`);
  return {
    dataDir: resolve(e.VINCULA_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    actorName: e.VINCULA_ACTOR,
    maxUploadBytes: e.VINCULA_MAX_UPLOAD_BYTES,
    trustProxy: e.VINCULA_TRUST_PROXY,
    publicUrl: e.VINCULA_PUBLIC_URL,
    unsubscribeMailto: e.VINCULA_UNSUBSCRIBE_MAILTO,
    privacyNoticeUrl: e.VINCULA_PRIVACY_NOTICE_URL,
    mail: mail.config,
  };
}
