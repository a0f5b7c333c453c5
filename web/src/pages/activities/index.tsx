/**
 * Actividades: the quick entry and the list (/actividades), one activity (/actividades/:id) and the XLSX import
 * (/actividades/importar). The catalogues every page needs (kinds, organisations, areas, the programmes' actions)
 * are read once here.
 */
import { Alert, Button, Group, Stack, Text, Title } from "@mantine/core";
import { useMemo } from "react";
import { Link, Route, Routes, useLocation } from "react-router";
import type { Me } from "../../api/types.ts";
import { hasPermission, useCurrentCommission, useMe } from "../../auth/auth.ts";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import NotFoundPage from "../not-found-page.tsx";
import { ActivityDetail } from "./activity-detail.tsx";
import { ActivityList } from "./activity-list.tsx";
import {
  type ActionChoice,
  type Area,
  actionChoices,
  type CatalogEntry,
  canRecordActivities,
  type Organisation,
  type Programme,
  useActivityKinds,
  useAreas,
  useOrganisations,
  useProgrammes,
} from "./data.ts";
import { ImportPage } from "./import-page.tsx";
import { QuickEntryForm } from "./quick-entry-form.tsx";

type Catalogues = {
  me: Me;
  commissionId: string;
  programmes: Programme[];
  actions: ActionChoice[];
  kinds: CatalogEntry[];
  areas: Area[];
  organisations: Organisation[];
};

function ActivitiesPage({ me, commissionId, ...catalogues }: Catalogues) {
  const t = useT();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t("activities.title")}</Title>
          <Text c="dimmed" size="sm" mt={4}>
            {t("activities.intro")}
          </Text>
        </div>
        {hasPermission(me, "data.import") && (
          <Button component={Link} to="/actividades/importar" variant="default">
            {t("activities.import")}
          </Button>
        )}
      </Group>
      {notice && (
        <Alert color="green" variant="light" role="status">
          {notice}
        </Alert>
      )}
      {canRecordActivities(me) && (
        <QuickEntryForm
          me={me}
          commissionId={commissionId}
          kinds={catalogues.kinds}
          actions={catalogues.actions}
          organisations={catalogues.organisations}
        />
      )}
      <ActivityList commissionId={commissionId} {...catalogues} />
    </Stack>
  );
}

function NoCommission() {
  const t = useT();
  return (
    <Stack gap="lg">
      <Title order={1}>{t("activities.title")}</Title>
      <Text c="dimmed">{t("activities.noCommission")}</Text>
    </Stack>
  );
}

export default function ActivitiesSection() {
  const me = useMe().data;
  const commission = useCurrentCommission(me);
  const programmes = useProgrammes(commission.data?.id);
  const kinds = useActivityKinds();
  const organisations = useOrganisations();
  const areas = useAreas();
  const actions = useMemo(() => actionChoices(programmes.data), [programmes.data]);
  const queries = [commission, programmes, kinds, organisations, areas];
  const failed = queries.find((query) => query.isError);
  if (failed) return <ErrorNotice error={failed.error} onRetry={() => void failed.refetch()} />;
  if (commission.data === null) return <NoCommission />;
  if (!me || !commission.data || !programmes.data || !kinds.data || !organisations.data || !areas.data)
    return <PageLoader />;
  const catalogues: Catalogues = {
    me,
    commissionId: commission.data.id,
    programmes: programmes.data,
    actions,
    kinds: kinds.data,
    areas: areas.data,
    organisations: organisations.data,
  };
  return (
    <Routes>
      <Route index element={<ActivitiesPage {...catalogues} />} />
      <Route
        path="importar"
        element={
          hasPermission(me, "data.import") ? (
            <ImportPage commissionId={commission.data.id} />
          ) : (
            <NotFoundPage />
          )
        }
      />
      <Route
        path=":id"
        element={
          <ActivityDetail
            me={me}
            kinds={catalogues.kinds}
            actions={actions}
            organisations={catalogues.organisations}
          />
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
