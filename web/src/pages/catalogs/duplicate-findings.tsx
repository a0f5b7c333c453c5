/**
 * The checks' near-duplicate findings of one catalogue (GET /checks, «reports.read»): each pair once, with a
 * one-click proposal to merge the newer into the older (the dialog shows what will move before anything does).
 */
import { Anchor, Button, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { apiGet } from "../../api/client.ts";
import type { Finding } from "../../api/types.ts";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { recordPath } from "../../records.ts";
import type { CatalogKind } from "./kinds.ts";
import { MergeDialog } from "./merge-dialog.tsx";
import { CHECKS_KEY, useCatalogList } from "./queries.ts";

type Named = { id: string; label: string };
type FindingWithRelated = Finding & { related?: { type: string; id: string; label: string }[] };

export function DuplicateFindings({ kind, canMerge }: { kind: CatalogKind; canMerge: boolean }) {
  const t = useT();
  const [proposal, setProposal] = useState<{ duplicate: Named; target: Named } | null>(null);
  const findings = useQuery({
    queryKey: CHECKS_KEY,
    queryFn: () => apiGet<{ items: FindingWithRelated[] }>("/checks"),
  });
  const records = useCatalogList(kind);
  const createdAt = new Map(
    (records.data?.items ?? []).map((row) => [row.id, String(row.createdAt ?? "")] as const),
  );
  // Each pair once, proposing to keep the older record (the one other records had time to cite).
  const pairs = new Map<string, { a: Named; b: Named }>();
  for (const finding of findings.data?.items ?? []) {
    const other = finding.related?.[0];
    if (finding.code !== kind.duplicateCode || !other) continue;
    const first = { id: finding.record.id, label: finding.record.label };
    const second = { id: other.id, label: other.label };
    const key = [first.id, second.id].sort().join("/");
    const isFirstOlder = (createdAt.get(first.id) ?? "") < (createdAt.get(second.id) ?? "");
    if (!pairs.has(key)) pairs.set(key, isFirstOlder ? { a: second, b: first } : { a: first, b: second });
  }
  return (
    <Paper>
      <Stack gap="sm">
        <Title order={2}>{t("catalogs.duplicates.title")}</Title>
        {findings.isPending ? (
          <PageLoader />
        ) : findings.isError ? (
          <ErrorNotice error={findings.error} onRetry={() => void findings.refetch()} />
        ) : pairs.size === 0 ? (
          <Text size="sm" c="dimmed">
            {t("catalogs.duplicates.none")}
          </Text>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t("catalogs.duplicates.intro")}
            </Text>
            <List spacing="xs" size="sm" data-testid="duplicate-findings">
              {[...pairs.values()].map(({ a, b }) => (
                <List.Item key={`${a.id}/${b.id}`}>
                  <Group gap="sm" wrap="wrap">
                    <Text size="sm" component="span">
                      <Anchor component={Link} to={recordPath(kind.type, a.id) ?? "#"}>
                        {a.label}
                      </Anchor>
                      {" · "}
                      <Anchor component={Link} to={recordPath(kind.type, b.id) ?? "#"}>
                        {b.label}
                      </Anchor>
                    </Text>
                    {canMerge && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        onClick={() => setProposal({ duplicate: a, target: b })}
                        aria-label={t("catalogs.duplicates.merge", { a: a.label, b: b.label })}
                      >
                        {t("catalogs.merge.short")}
                      </Button>
                    )}
                  </Group>
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
      {proposal && (
        <MergeDialog
          kind={kind}
          duplicate={proposal.duplicate}
          initialTarget={proposal.target}
          onClose={() => setProposal(null)}
        />
      )}
    </Paper>
  );
}
