/**
 * The commission's sessions as an iCalendar feed (GET /api/v1/public/sessions.ics?commission=<key>, no account
 * needed): its address to copy into a calendar application, and how to subscribe.
 */
import { Anchor, Button, CopyButton, Group, List, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { apiUrl } from "../../api/client.ts";
import { useT } from "../../i18n/i18n.ts";

export function CalendarSubscription({ commissionKey }: { commissionKey: string }) {
  const t = useT();
  const path = apiUrl("/public/sessions.ics", { commission: commissionKey });
  const address = `${window.location.origin}${path}`;
  return (
    <Paper>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t("sessions.subscribe.title")}
        </Title>
        <Text size="sm">{t("sessions.subscribe.intro")}</Text>
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            label={t("sessions.subscribe.address")}
            value={address}
            readOnly
            onFocus={(event) => event.currentTarget.select()}
            style={{ flex: 1 }}
          />
          <CopyButton value={address}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy} aria-live="polite">
                {copied ? t("sessions.subscribe.copied") : t("sessions.subscribe.copy")}
              </Button>
            )}
          </CopyButton>
        </Group>
        <List size="sm" spacing={4}>
          <List.Item>{t("sessions.subscribe.outlook")}</List.Item>
          <List.Item>{t("sessions.subscribe.google")}</List.Item>
          <List.Item>{t("sessions.subscribe.apple")}</List.Item>
        </List>
        <Text size="xs" c="dimmed">
          {t("sessions.subscribe.note")}{" "}
          <Anchor href={path} size="xs" underline="always">
            {t("sessions.subscribe.download")}
          </Anchor>
        </Text>
      </Stack>
    </Paper>
  );
}
