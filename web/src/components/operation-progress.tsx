/**
 * The progress of a long operation (an upload, a report being rendered, a download): a bar with the share done
 * when the size is known, a moving bar otherwise, and the bytes so far, announced politely to screen readers.
 */
import { Progress as ProgressBar, Stack, Text } from "@mantine/core";
import type { Progress } from "../api/client.ts";
import { useT } from "../i18n/i18n.ts";

const kib = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("es-MX")} KiB`;

export function OperationProgress({ label, progress }: { label: string; progress?: Progress | null }) {
  const t = useT();
  const share = progress?.total ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : null;
  const detail =
    progress && progress.loaded > 0
      ? share !== null && progress.total
        ? t("progress.ofTotal", { loaded: kib(progress.loaded), total: kib(progress.total), share })
        : t("progress.loaded", { loaded: kib(progress.loaded) })
      : t("progress.waiting");
  return (
    <Stack gap={4} role="status" aria-live="polite" data-testid="operation-progress">
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <ProgressBar
        value={share ?? 100}
        animated={share === null || share < 100}
        striped={share === null}
        aria-label={label}
        size="sm"
      />
      <Text size="xs" c="dimmed">
        {detail}
      </Text>
    </Stack>
  );
}
