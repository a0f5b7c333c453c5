/** Agreements in force whose validity ends within 90 days of today, soonest first. */
import { Anchor, Badge, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { longDate } from "../../format.ts";
import { useI18n } from "../../i18n/i18n.ts";
import { recordPath } from "../../records.ts";
import type { Dashboard } from "./types.ts";

export function ExpiringAgreements({ dashboard }: { dashboard: Dashboard }) {
  const { t, language } = useI18n();
  const agreements = [...dashboard.expiringAgreements].sort((a, b) => a.daysLeft - b.daysLeft);
  return (
    <Paper>
      <Stack gap="sm">
        <Title order={2}>{t("dashboard.expiring.title")}</Title>
        {agreements.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("dashboard.expiring.none")}
          </Text>
        ) : (
          <List spacing="sm" listStyleType="none" p={0}>
            {agreements.map((agreement) => (
              <List.Item key={agreement.id}>
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <Badge color={agreement.daysLeft <= 30 ? "red.8" : "orange.9"} radius="sm" miw={96}>
                    {agreement.daysLeft === 0
                      ? t("dashboard.expiring.today")
                      : t("dashboard.expiring.days", { count: agreement.daysLeft })}
                  </Badge>
                  <div>
                    <Anchor
                      component={Link}
                      to={recordPath("agreement", agreement.id) ?? "/convenios"}
                      size="sm"
                      fw={600}
                    >
                      {agreement.key} · {agreement.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {agreement.counterparts.join(", ")} ·{" "}
                      {t("dashboard.expiring.until", { date: longDate(agreement.validTo, language) })}
                    </Text>
                  </div>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}
