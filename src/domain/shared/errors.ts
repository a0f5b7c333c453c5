/**
 * One error type for every use case. `code` is stable (programs match on it); `message` is for people, in
 * Spanish; `details` carries per-field problems. The HTTP edge maps each code to a status exhaustively
 * (src/http/problem.ts), so a new code without a status does not compile.
 */

export const ERROR_CODES = [
  "validation_failed",
  "not_found",
  "conflict",
  "forbidden",
  "unauthenticated",
  "csrf_failed",
  "too_many_attempts",
  "account_locked",
  "password_change_required",
  "reference_not_found",
  "number_taken",
  "dataset_invalid",
  "commission_exists",
  "attachment_too_large",
  "attachment_type_not_allowed",
  "in_use",
  "institution_missing",
  "agreement_stage_not_forward",
  "agreement_not_signed",
  "numbering_not_configured",
  "inconsistent_reference",
  "resolution_not_last",
  "report_not_presented",
  "report_frozen",
  "report_has_blocking_findings",
  "backup_invalid",
  "backup_incompatible",
  "database_not_empty",
  "stored_file_damaged",
  "mail_not_configured",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorDetail = { path: string; message: string; value?: unknown };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly publicMessage: string;
  readonly details: ErrorDetail[];

  constructor(code: ErrorCode, publicMessage: string, details: ErrorDetail[] = [], logMessage?: string) {
    super(logMessage ?? `${code}: ${publicMessage}`);
    this.code = code;
    this.publicMessage = publicMessage;
    this.details = details;
  }
}

export const notFound = (what: string, id: string) =>
  new AppError("not_found", `No existe ${what} con identificador «${id}».`);

/** Formats `sessions[2].date` from a zod/JSON path. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** «sessions[2].date: «2021-02-29» no es una fecha válida» */
export function describeDetail(detail: ErrorDetail): string {
  const value =
    detail.value === undefined
      ? ""
      : ` «${typeof detail.value === "string" ? detail.value : JSON.stringify(detail.value)}»`;
  return `${detail.path || "(raíz)"}:${value} ${detail.message}`;
}

/** Wraps a zod error as a validation AppError with one detail per issue, values included. */
export function fromZodIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string; input?: unknown }>,
  root: unknown,
  code: ErrorCode = "validation_failed",
  message = "Los datos enviados no son válidos.",
): AppError {
  const details = issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
    value:
      issue.input !== undefined && typeof issue.input !== "object" ? issue.input : valueAt(root, issue.path),
  }));
  return new AppError(code, message, details);
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current: unknown = root;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current !== null && typeof current === "object" ? undefined : current;
}
