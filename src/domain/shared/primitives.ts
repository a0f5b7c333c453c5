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
