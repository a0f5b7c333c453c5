/** A section the signed-in role may not use (typed or bookmarked: the navigation does not offer it). */
import { Anchor, Paper, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useT } from "../i18n/i18n.ts";

export default function ForbiddenPage() {
  const t = useT();
  return (
    <Stack gap="lg">
      <Title order={1}>{t("app.forbidden.title")}</Title>
      <Paper>
        <Stack gap="sm">
          <Text>{t("app.forbidden.body")}</Text>
          <Anchor component={Link} to="/">
            {t("app.notFound.home")}
          </Anchor>
        </Stack>
      </Paper>
    </Stack>
  );
}
