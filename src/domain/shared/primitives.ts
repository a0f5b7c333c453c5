/** zod building blocks shared by every module: dates, keys, pagination. Messages are for people, in Spanish. */
import { z } from "zod";
import { isValidCalendarDate } from "./calendar.ts";

z.config(z.locales.es());

export const ZCalendarDate = z
  .string()
  .refine(isValidCalendarDate, {
    message: "no es una fecha válida (se espera AAAA-MM-DD de un día que exista)",
  })
  .meta({ format: "date", description: "Fecha de calendario AAAA-MM-DD", example: "2021-01-21" });

export const ZTimeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "no es una hora válida (se espera HH:MM)" })
  .meta({ example: "11:00" });

export const ZKey = z
  .string()
  .min(1, { message: "la clave no puede estar vacía" })
  .max(120, { message: "la clave no puede pasar de 120 caracteres" })
  .regex(/^[a-z0-9][a-z0-9._-]*$/, {
    message: "la clave solo admite minúsculas sin acentos, dígitos, punto, guion y guion bajo",
  })
  .meta({ example: "erika-estrada-ruiz" });

export const ZName = z
  .string()
  .trim()
  .min(1, { message: "no puede estar vacío" })
  .max(500, { message: "no puede pasar de 500 caracteres" });

export const ZLongText = z.string().trim().max(20000, { message: "no puede pasar de 20,000 caracteres" });

export const ZUuid = z.uuid({ message: "no es un identificador válido" });

export const ZYear = z.number().int().min(1900).max(2999);
export const ZQuarter = z.number().int().min(1).max(4);

export const ZPagination = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export type Page<T> = { items: T[]; total: number; limit: number; offset: number };

export const zPage = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });

/** A surrogate half without its other half: the string is not Unicode. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why PostgreSQL could not store this text (in `text` or `jsonb`), or undefined: the NUL character and lone
 * UTF-16 surrogates. The HTTP edge and the dataset import both refuse such text before it reaches the database.
 */
export function unstorableText(text: string): string | undefined {
  if (text.includes("\u0000")) return "contiene el carácter nulo (U+0000), que no se admite";
  if (LONE_SURROGATE.test(text))
    return "contiene mitades sueltas de pares UTF-16 (no es texto Unicode válido)";
  return undefined;
}

/** Every string (and key) under `value` that PostgreSQL could not store, with its path. */
export function findUnstorableText(value: unknown): { path: (string | number)[]; message: string }[] {
  const found: { path: (string | number)[]; message: string }[] = [];
  const visit = (node: unknown, path: (string | number)[]) => {
    if (typeof node === "string") {
      const message = unstorableText(node);
      if (message) found.push({ path, message });
    } else if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) visit(item, [...path, index]);
    } else if (node !== null && typeof node === "object")
      for (const [key, child] of Object.entries(node)) {
        const message = unstorableText(key);
        if (message) found.push({ path: [...path, key], message: `nombre de campo: ${message}` });
        visit(child, [...path, key]);
      }
  };
  visit(value, []);
  return found;
}
