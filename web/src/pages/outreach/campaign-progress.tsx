/**
 * The current send's progress, asked every two seconds while the campaign is being sent and no more once it
 * ends: a bar of sent, failed and waiting-for-retry deliveries out of the total, and the same in words for screen
 * readers. When the status changes the page reloads the campaign (its
 * sends and activity).
 */
import { Group, Paper, Progress, Stack, Text, Title } from "@mantine/core";
import { useEffect, useRef } from "react";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { CampaignStatusBadge } from "./common.tsx";
import { type CampaignStatus, progressShares, useCampaignProgress } from "./data.ts";

export function CampaignProgressPanel({
  campaignId,
  status,
  onChange,
}: {
  campaignId: string;
  status: CampaignStatus;
  onChange: () => void;
}) {
  const t = useT();
  const progress = useCampaignProgress(campaignId, status === "sending");
  const seen = useRef(status);
  const latest = progress.data?.status;
  useEffect(() => {
    if (latest && latest !== seen.current) {
      seen.current = latest;
      onChange();
    }
  }, [latest, onChange]);
  if (progress.isError) return <ErrorNotice error={progress.error} onRetry={() => void progress.refetch()} />;
  if (!progress.data) return null;
  const data = progress.data;
  const shares = progressShares(data);
  const number = (value: number) => value.toLocaleString("es-MX");
  return (
    <Paper>
      <Stack gap="sm" data-testid="campaign-progress">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {data.send
              ? t("outreach.progress.titleSend", { number: data.send.number })
              : t("outreach.progress.title")}
          </Title>
          <CampaignStatusBadge status={data.status} />
        </Group>
        <Progress.Root size="xl" aria-hidden>
          <Progress.Section value={shares.sentShare} color="teal" />
          <Progress.Section value={shares.failedShare} color="red" />
          <Progress.Section value={shares.retryingShare} color="yellow" />
        </Progress.Root>
        <Text size="sm" role="status" aria-live="polite" data-testid="campaign-progress-text">
          {t("outreach.progress.summary", {
            sent: number(shares.sent),
            total: number(data.total),
            failed: number(shares.failed),
            retrying: number(shares.retrying),
            waiting: number(shares.waiting),
          })}
        </Text>
        <Group gap="lg">
          <Legend color="teal" label={t("outreach.progress.sent")} />
          <Legend color="red" label={t("outreach.progress.failed")} />
          <Legend color="yellow" label={t("outreach.progress.retrying")} />
        </Group>
      </Stack>
    </Paper>
  );
}

function Legend({ color, label }: { color: string; label: string }) {
  return (
    <Group gap={6}>
      <span
        aria-hidden
        style={{
          width: 10,
          height: 10,
          borderRadius: 2,
          background: `var(--mantine-color-${color}-6)`,
          display: "inline-block",
        }}
      />
      <Text size="xs">{label}</Text>
    </Group>
  );
}
