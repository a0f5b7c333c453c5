/**
 * Catálogos: people, organisations (with their aliases), areas, parties and catalogue values, each a list
 * (/catalogos/personas …) and a record page (/catalogos/personas/:id, …/nuevo), plus the merge of duplicates.
 */
import { Stack, Tabs, Text, Title } from "@mantine/core";
import { Navigate, Route, Routes, useNavigate, useParams } from "react-router";
import { useT } from "../../i18n/i18n.ts";
import NotFoundPage from "../not-found-page.tsx";
import { CatalogList } from "./catalog-list.tsx";
import { CatalogRecordPage } from "./catalog-record.tsx";
import { CATALOG_KINDS, kindBySegment } from "./kinds.ts";

function CatalogListPage() {
  const t = useT();
  const navigate = useNavigate();
  const kind = kindBySegment(useParams().kind);
  if (!kind) return <NotFoundPage />;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t("catalogs.title")}</Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t("catalogs.intro")}
        </Text>
      </div>
      <Tabs
        value={kind.segment}
        onChange={(segment) => segment && navigate(`/catalogos/${segment}`)}
        keepMounted={false}
      >
        <Tabs.List aria-label={t("catalogs.tabs")} mb="lg">
          {CATALOG_KINDS.map((option) => (
            <Tabs.Tab key={option.segment} value={option.segment} fw={500}>
              {t(option.title)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {CATALOG_KINDS.map((option) => (
          <Tabs.Panel key={option.segment} value={option.segment}>
            {option.segment === kind.segment && <CatalogList kind={kind} />}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function CatalogRecordRoute({ isNew }: { isNew?: boolean }) {
  const params = useParams();
  const kind = kindBySegment(params.kind);
  if (!kind) return <NotFoundPage />;
  return <CatalogRecordPage kind={kind} id={isNew ? undefined : params.id} />;
}

export default function CatalogsSection() {
  return (
    <Routes>
      <Route index element={<Navigate to="personas" replace />} />
      <Route path=":kind" element={<CatalogListPage />} />
      <Route path=":kind/nuevo" element={<CatalogRecordRoute isNew />} />
      <Route path=":kind/:id" element={<CatalogRecordRoute />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
