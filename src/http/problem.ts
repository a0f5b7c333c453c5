/** Errors leave the API as RFC 9457 problem documents with a stable code and a Spanish message. */
import { z } from "zod";
import type { AppError, ErrorCode } from "../domain/shared/errors.ts";

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_failed: 400,
  dataset_invalid: 422,
  not_found: 404,
  conflict: 409,
  number_taken: 409,
  commission_exists: 409,
  in_use: 409,
  institution_missing: 409,
  agreement_stage_not_forward: 409,
  agreement_not_signed: 409,
  numbering_not_configured: 409,
  forbidden: 403,
  unauthenticated: 401,
  csrf_failed: 403,
  too_many_attempts: 429,
  account_locked: 423,
  password_change_required: 403,
  reference_not_found: 422,
  attachment_too_large: 413,
  attachment_type_not_allowed: 415,
  inconsistent_reference: 422,
  resolution_not_last: 409,
  report_not_presented: 409,
  report_frozen: 409,
  report_has_blocking_findings: 422,
  backup_invalid: 422,
  backup_incompatible: 409,
  database_not_empty: 409,
  stored_file_damaged: 500,
  mail_not_configured: 503,
};

/** The record above is exhaustive: adding an ErrorCode without a status is a compile error there. */
export function statusFor(code: ErrorCode): number {
  return STATUS_BY_CODE[code];
}

export const ZProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe("Código estable para programas"),
    detail: z.string().describe("Mensaje para personas, en español"),
    errors: z
      .array(z.object({ path: z.string(), message: z.string(), value: z.unknown().optional() }))
      .optional(),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof ZProblem>;

export function problemFromAppError(error: AppError): Problem {
  const status = statusFor(error.code);
  return {
    type: `urn:vincula:error:${error.code}`,
    title: error.code,
    status,
    code: error.code,
    detail: error.publicMessage,
    ...(error.details.length > 0 ? { errors: error.details } : {}),
  };
}

export function problem(status: number, code: string, detail: string): Problem {
  return { type: `urn:vincula:error:${code}`, title: code, status, code, detail };
}
