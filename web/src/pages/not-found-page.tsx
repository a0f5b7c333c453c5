import { Anchor, Paper, Stack, Text, Title } from "@mantine/core";
import { Link, useLocation } from "react-router";
import { useT } from "../i18n/i18n.ts";

export default function NotFoundPage() {
  const t = useT();
  const location = useLocation();
  return (
    <Stack gap="lg">
      <Title order={1}>{t("app.notFound.title")}</Title>
      <Paper>
        <Stack gap="sm">
          <Text>{t("app.notFound.body", { path: location.pathname })}</Text>
          <Anchor component={Link} to="/">
            {t("app.notFound.home")}
          </Anchor>
        </Stack>
      </Paper>
    </Stack>
  );
}
