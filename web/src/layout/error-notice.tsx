/** An API refusal or a network failure, in the words the API gave (its Spanish `detail`) when it gave some. */
import { Alert, Button, Stack, Text } from "@mantine/core";
import { ApiError, NetworkError } from "../api/client.ts";
import { type Translate, useT } from "../i18n/i18n.ts";

export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError) return error.detail ?? t("app.error.unexpected", { status: error.status });
  if (error instanceof NetworkError) return t("app.error.network");
  return t("app.error.unexpected", { status: "—" });
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <Alert color="red" variant="light" title={t("app.error.title")} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error, t)}</Text>
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            {t("app.retry")}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
