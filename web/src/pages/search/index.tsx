/**
 * Búsqueda: the results of the header's search box (`/buscar?q=…`), from GET /search (accent-insensitive), grouped
 * by kind of record, each linking to its page (recordPath). Roles without «records.read» are told they cannot.
 */
import { Anchor, Badge, Button, Group, List, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, Fragment, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { apiGet } from "../../api/client.ts";
import { hasPermission, useMe } from "../../auth/auth.ts";
import { type MessageKey, useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { recordPath } from "../../records.ts";
import ForbiddenPage from "../forbidden-page.tsx";

type SearchHit = {
  type: string;
  id: string;
  commissionId: string | null;
  title: string;
  snippet: string;
  rank: number;
};

/** The snippet with the API's «…» marks as highlighted text. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/«([^»]*)»/);
  return (
    <Text size="sm" c="dimmed">
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
          <mark key={index}>{part}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </Text>
  );
}

export default function SearchPage() {
  const t = useT();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const q = (params.get("q") ?? "").trim();
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const canSearch = hasPermission(me, "records.read");
  const results = useQuery({
    queryKey: ["search", q],
    enabled: canSearch && q.length >= 2,
    queryFn: () => apiGet<{ items: SearchHit[] }>("/search", { q, limit: 100 }),
  });
  if (!canSearch) return <ForbiddenPage />;
  const groups = new Map<string, SearchHit[]>();
  for (const hit of results.data?.items ?? []) groups.set(hit.type, [...(groups.get(hit.type) ?? []), hit]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim()) setParams({ q: draft.trim() });
  };
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t("search.title")}</Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t("search.intro")}
        </Text>
      </div>
      <Paper component="form" onSubmit={submit} role="search" aria-label={t("search.title")}>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t("search.query")}
            value={draft}
            onChange={(event) => setDraft(event.currentTarget.value)}
            type="search"
            style={{ flex: 1 }}
            maw={560}
          />
          <Button type="submit">{t("search.submit")}</Button>
        </Group>
      </Paper>
      {q.length > 0 && q.length < 2 ? (
        <Text c="dimmed">{t("search.tooShort")}</Text>
      ) : q.length === 0 ? null : results.isPending ? (
        <PageLoader />
      ) : results.isError ? (
        <ErrorNotice error={results.error} onRetry={() => void results.refetch()} />
      ) : results.data.items.length === 0 ? (
        <Paper>
          <Text>{t("search.none", { q })}</Text>
        </Paper>
      ) : (
        <>
          <Text size="sm" c="dimmed" role="status">
            {t("search.results", { count: results.data.items.length, q })}
          </Text>
          {[...groups.entries()].map(([type, hits]) => {
            const label = t(`search.type.${type}` as MessageKey);
            return (
              <Paper key={type} component="section" aria-labelledby={`search-group-${type}`}>
                <Stack gap="sm">
                  <Group gap="xs">
                    <Title order={2} id={`search-group-${type}`}>
                      {label}
                    </Title>
                    <Badge variant="light" color="gray" c="dark.6">
                      {hits.length}
                    </Badge>
                  </Group>
                  <List spacing="sm" listStyleType="none" ml={0} pl={0}>
                    {hits.map((hit) => {
                      const path = recordPath(hit.type, hit.id);
                      return (
                        <List.Item key={`${hit.type}-${hit.id}`}>
                          {path ? (
                            <Anchor component={Link} to={path} fw={600}>
                              {hit.title}
                            </Anchor>
                          ) : (
                            <Text fw={600} span>
                              {hit.title}{" "}
                              <Text span size="xs" c="dimmed">
                                ({t("search.noPath")})
                              </Text>
                            </Text>
                          )}
                          <Snippet text={hit.snippet} />
                        </List.Item>
                      );
                    })}
                  </List>
                </Stack>
              </Paper>
            );
          })}
        </>
      )}
    </Stack>
  );
}
