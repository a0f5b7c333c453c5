/** The links between a section's views (lists and ARCO requests; register, board and statistics), the current one marked. */
import { Button, Group } from "@mantine/core";
import { Link, useLocation } from "react-router";
import { type MessageKey, useT } from "../i18n/i18n.ts";

export function ViewLinks({
  views,
  label,
}: {
  views: readonly { path: string; label: MessageKey }[];
  /** What the navigation is called for assistive technology. */
  label: string;
}) {
  const t = useT();
  const { pathname } = useLocation();
  return (
    <Group component="nav" gap={4} aria-label={label}>
      {views.map((view) => {
        const isCurrent = pathname === view.path;
        return (
          <Button
            key={view.path}
            component={Link}
            to={view.path}
            size="xs"
            variant={isCurrent ? "filled" : "default"}
            aria-current={isCurrent ? "page" : undefined}
          >
            {t(view.label)}
          </Button>
        );
      })}
    </Group>
  );
}
