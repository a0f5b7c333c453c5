/**
 * Administración: accounts (/administracion/cuentas, «accounts.manage») and the audit trail
 * (/administracion/bitacora, «audit.read»); each role sees only the tabs it may use (the technical secretariat
 * reads the trail but does not manage accounts; an administrator does both).
 */
import { Stack, Tabs, Text, Title } from "@mantine/core";
import { Navigate, Route, Routes, useLocation, useNavigate, useParams } from "react-router";
import { hasPermission, useMe } from "../../auth/auth.ts";
import { useT } from "../../i18n/i18n.ts";
import ForbiddenPage from "../forbidden-page.tsx";
import NotFoundPage from "../not-found-page.tsx";
import { AccountPage } from "./account-form.tsx";
import { AccountsList } from "./accounts-list.tsx";
import { AuditLog } from "./audit-log.tsx";

const TABS = [
  { segment: "cuentas", label: "admin.tab.accounts", permission: "accounts.manage" },
  { segment: "bitacora", label: "admin.tab.audit", permission: "audit.read" },
] as const;

function useTabs() {
  const me = useMe().data;
  return TABS.filter((tab) => hasPermission(me, tab.permission));
}

function AdministrationTabs({ active }: { active: (typeof TABS)[number]["segment"] }) {
  const t = useT();
  const navigate = useNavigate();
  const tabs = useTabs();
  if (!tabs.some((tab) => tab.segment === active)) return <ForbiddenPage />;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t("admin.title")}</Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t("admin.intro")}
        </Text>
      </div>
      <Tabs value={active} onChange={(segment) => segment && navigate(`/administracion/${segment}`)}>
        <Tabs.List aria-label={t("admin.tabs")} mb="lg">
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.segment} value={tab.segment} fw={500}>
              {t(tab.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab.segment} value={tab.segment}>
            {tab.segment === active && (active === "cuentas" ? <AccountsList /> : <AuditLog />)}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function AccountRoute({ isNew }: { isNew?: boolean }) {
  const me = useMe().data;
  const { id } = useParams();
  if (!hasPermission(me, "accounts.manage")) return <ForbiddenPage />;
  return <AccountPage id={isNew ? undefined : id} />;
}

function FirstTab() {
  const tabs = useTabs();
  const location = useLocation();
  const first = tabs[0];
  return first ? <Navigate to={`${first.segment}${location.search}`} replace /> : <ForbiddenPage />;
}

export default function AdministrationSection() {
  return (
    <Routes>
      <Route index element={<FirstTab />} />
      <Route path="cuentas" element={<AdministrationTabs active="cuentas" />} />
      <Route path="cuentas/nueva" element={<AccountRoute isNew />} />
      <Route path="cuentas/:id" element={<AccountRoute />} />
      <Route path="bitacora" element={<AdministrationTabs active="bitacora" />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
