/** Pieces every agreement page shares: the section's heading with its three views, and the stage's badge. */
import { Box, Button, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link, useLocation } from "react-router";
import { useMe } from "../../auth/auth.ts";
import { ViewLinks } from "../../components/view-links.tsx";
import { useT } from "../../i18n/i18n.ts";
import { type AgreementStage, canWrite } from "./data.ts";

/** Dark enough for AA contrast with the light variant's text; the label always says the stage in words. */
export const STAGE_COLOR: Record<AgreementStage, string> = {
  negotiation: "gray",
  pertinence_opinion: "indigo",
  signed: "cyan",
  in_force: "teal",
  concluded: "blue",
  terminated: "orange",
  cancelled: "red",
};

/** The stage in words after a coloured dot: the words carry the meaning, the colour only helps the eye. */
export function StageBadge({ stage }: { stage: AgreementStage }) {
  const t = useT();
  return (
    <Group gap={6} wrap="nowrap" component="span" style={{ display: "inline-flex" }}>
      <Box
        component="span"
        w={8}
        h={8}
        bg={`${STAGE_COLOR[stage]}.6`}
        style={{ borderRadius: "50%", flexShrink: 0 }}
        aria-hidden
      />
      <Text span size="sm">
        {t(`agreements.stage.${stage}`)}
      </Text>
    </Group>
  );
}

const VIEWS = [
  { path: "/convenios", label: "agreements.view.register" },
  { path: "/convenios/tablero", label: "agreements.view.board" },
  { path: "/convenios/estadisticas", label: "agreements.view.stats" },
] as const;

/** The h1 of the view, its introduction, and links to the section's other views (the current one marked). */
export function SectionHeader({
  title,
  intro,
  actions,
}: {
  title: string;
  intro: string;
  actions?: ReactNode;
}) {
  const t = useT();
  const me = useMe().data;
  const { pathname } = useLocation();
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{title}</Title>
          <Text c="dimmed" size="sm" mt={4}>
            {intro}
          </Text>
        </div>
        {actions}
      </Group>
      <Group gap="xs" justify="space-between" wrap="wrap">
        <ViewLinks views={VIEWS} label={t("agreements.view.label")} />
        {canWrite(me) && pathname !== "/convenios/nuevo" && (
          <Button component={Link} to="/convenios/nuevo" size="xs">
            {t("agreements.new")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
