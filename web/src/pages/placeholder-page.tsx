/** A section that exists in the navigation but whose pages arrive in a later step of issue 5. */
import { Paper, Stack, Text, Title } from "@mantine/core";
import { type MessageKey, useT } from "../i18n/i18n.ts";

export default function PlaceholderPage({ section }: { section: MessageKey }) {
  const t = useT();
  return (
    <Stack gap="lg">
      <Title order={1}>{t(section)}</Title>
      <Paper>
        <Text c="dimmed">{t("placeholder.body")}</Text>
      </Paper>
    </Stack>
  );
}
