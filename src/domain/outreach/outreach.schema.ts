/** zod schemas of outreach: lists, contacts, consents, data-protection requests. Bounded for the HTTP edge. */
import { z } from "zod";
import { ZCalendarDate, ZKey, ZName, ZUuid } from "../shared/primitives.ts";
import { countryCode, emailProblem, languageTag, normalizeEmail } from "./contact-fields.ts";

export const CONTACT_STATUSES = ["subscribed", "unsubscribed", "bounced", "blocked"] as const;
export const ARCO_KINDS = ["access", "rectification", "cancellation", "opposition"] as const;
export const ARCO_OUTCOMES = ["granted", "denied", "withdrawn"] as const;

const ZShortText = z.string().trim().max(500, { message: "no puede pasar de 500 caracteres" });
const ZTag = z.string().trim().min(1).max(100, { message: "una etiqueta no puede pasar de 100 caracteres" });
const ZPurpose = z.string().trim().min(1).max(500);
const ZVersion = z
  .string()
  .trim()
  .min(1, { message: "indique la versión del aviso de privacidad" })
  .max(100, { message: "no puede pasar de 100 caracteres" });

export const ZEmail = z
  .string()
  .max(320, { message: "el correo pasa de 254 caracteres" })
  .superRefine((value, context) => {
    const problem = emailProblem(normalizeEmail(value));
    if (problem) context.addIssue({ code: "custom", message: problem });
  })
  .transform((value) => value.trim());

export const ZCountry = z
  .string()
  .max(100)
  .transform((value, context) => {
    const code = countryCode(value);
    if (!code) {
      context.addIssue({
        code: "custom",
        message: `«${value}» no es un país (código ISO 3166-1 de dos letras)`,
      });
      return z.NEVER;
    }
    return code;
  });

export const ZLanguage = z
  .string()
  .max(35)
  .transform((value, context) => {
    const tag = languageTag(value);
    if (!tag) {
      context.addIssue({ code: "custom", message: `«${value}» no es un idioma (p. ej. «es», «en»)` });
      return z.NEVER;
    }
    return tag;
  });

export const ZListCreate = z.strictObject({
  commissionId: ZUuid,
  key: ZKey,
  name: ZName,
  description: z.string().trim().max(5000).nullish(),
  purpose: z.string().trim().min(1, { message: "indique la finalidad" }).max(5000),
  retentionMonths: z.number().int().min(1).max(1200),
  privacyNoticeVersion: ZVersion,
});
export type ListCreate = z.infer<typeof ZListCreate>;
export const ZListUpdate = ZListCreate.omit({ commissionId: true }).partial();

export const ZConsentInput = z.strictObject({
  givenOn: ZCalendarDate,
  source: z.string().trim().min(1, { message: "indique la fuente del consentimiento" }).max(500),
  privacyNoticeVersion: ZVersion.optional().describe("Por omisión, la versión vigente de la lista"),
  purposes: z.array(ZPurpose).max(20).optional().describe("Por omisión, la finalidad de la lista"),
});
export type ConsentInput = z.infer<typeof ZConsentInput>;

export const ZContactCreate = z.strictObject({
  name: ZShortText.nullish(),
  email: ZEmail,
  country: ZCountry.nullish(),
  city: ZShortText.nullish(),
  language: ZLanguage.nullish(),
  tags: z.array(ZTag).max(50).default([]),
  consent: ZConsentInput,
});
export type ContactCreate = z.input<typeof ZContactCreate>;

/** Rectification: the person's data as corrected (the address too; its normalised form must stay unique). */
export const ZContactRectify = z.strictObject({
  name: ZShortText.nullish(),
  email: ZEmail.optional(),
  country: ZCountry.nullish(),
  city: ZShortText.nullish(),
  language: ZLanguage.nullish(),
  tags: z.array(ZTag).max(50).optional(),
});

export const ZContactStatusChange = z.strictObject({ status: z.enum(CONTACT_STATUSES) });

export const ZContactFilters = z.strictObject({
  status: z.enum(CONTACT_STATUSES).optional(),
  country: z.string().max(2).optional(),
  tag: z.string().max(100).optional(),
  /** Part of the name or address. */
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ContactFilters = z.input<typeof ZContactFilters>;

export const ZDataProtectionRequestCreate = z.strictObject({
  commissionId: ZUuid,
  kind: z.enum(ARCO_KINDS),
  requesterEmail: ZEmail,
  requesterName: ZShortText.nullish(),
  details: z.string().trim().max(5000).nullish(),
  receivedOn: ZCalendarDate,
});
export type DataProtectionRequestCreate = z.input<typeof ZDataProtectionRequestCreate>;

export const ZDataProtectionRequestResolve = z.strictObject({
  status: z.enum(ARCO_OUTCOMES),
  outcome: z.string().trim().min(1, { message: "describa la respuesta dada" }).max(5000),
  resolvedOn: ZCalendarDate,
});
