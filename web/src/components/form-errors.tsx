/**
 * The API's refusals next to the fields they concern: a 400 carries `errors[]` with a `path` per field («name»,
 * «dates[0]», «rows[3]»); a form shows each under its field and the rest (and the `detail`) above the buttons.
 */
import { Alert, List } from "@mantine/core";
import { ApiError } from "../api/client.ts";
import { useT } from "../i18n/i18n.ts";
import { ErrorNotice } from "../layout/error-notice.tsx";

/** The message of each field the API refused, by its path; empty when the error is not a validation error. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const byPath: Record<string, string> = {};
  for (const entry of error.errors) byPath[entry.path] ??= entry.message;
  return byPath;
}

/**
 * The part of an error no field shows: the API's sentence and the messages whose path is not among `fields`.
 * Renders nothing without an error.
 */
export function FormErrors({ error, fields }: { error: unknown; fields: readonly string[] }) {
  const t = useT();
  if (!error) return null;
  if (!(error instanceof ApiError) || error.errors.length === 0) return <ErrorNotice error={error} />;
  const shown = new Set(fields);
  const rest = error.errors.filter((entry) => !shown.has(entry.path));
  return (
    <Alert color="red" variant="light" title={error.detail ?? t("form.invalid")} role="alert">
      {rest.length > 0 && (
        <List size="sm" spacing={2}>
          {rest.map((entry) => (
            <List.Item key={`${entry.path}-${entry.message}`}>
              {entry.path ? `${entry.path}: ` : ""}
              {entry.message}
            </List.Item>
          ))}
        </List>
      )}
      {rest.length === 0 && t("form.seeFields")}
    </Alert>
  );
}
