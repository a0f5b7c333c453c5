/**
 * The shell of the signed-in interface: header with the commission, the search box (for roles that may read the
 * records) and the account menu; navigation by role.
 */
import {
  AppShell,
  Avatar,
  Box,
  Burger,
  Group,
  Menu,
  NavLink,
  Text,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Suspense } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { hasPermission, useCurrentCommission, useMe, useSignOut } from "../auth/auth.ts";
import { LANGUAGES, useI18n } from "../i18n/i18n.ts";
import { visibleSections } from "../navigation.ts";
import { SearchBox } from "../pages/search/search-box.tsx";
import { PageLoader } from "./page-loader.tsx";

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join("");

export function AppLayout() {
  const { t, language, setLanguage } = useI18n();
  const [isOpen, { toggle, close }] = useDisclosure();
  const me = useMe().data;
  const commission = useCurrentCommission(me).data;
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  if (!me) return null;
  const sections = visibleSections(me.permissions, me.isAdministrator);
  const roleLabel = me.isAdministrator
    ? t("shell.administrator")
    : me.roles[0]
      ? t(`role.${me.roles[0].role}`)
      : "";
  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 248, breakpoint: "sm", collapsed: { mobile: !isOpen } }}
      padding="xl"
    >
      <a className="skip-link" href="#contenido">
        {t("app.skipToContent")}
      </a>
      <AppShell.Header>
        <Group h="100%" px="lg" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger
              opened={isOpen}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t("shell.toggleNavigation")}
            />
            <Box
              component={Link}
              to="/"
              c="institutional.7"
              fw={700}
              fz="xl"
              td="none"
              style={{ letterSpacing: "0.02em" }}
            >
              {t("app.name")}
            </Box>
            <Box visibleFrom="sm" pl="md" style={{ borderLeft: "1px solid var(--mantine-color-gray-3)" }}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} lh={1.2}>
                {commission?.acronym ?? t("app.tagline")}
              </Text>
              <Title order={2} size="sm" fw={600} lh={1.3} lineClamp={1}>
                {commission?.name ?? t("shell.noCommission")}
              </Title>
            </Box>
          </Group>
          <Group gap="lg" wrap="nowrap">
            {hasPermission(me, "records.read") && <SearchBox />}
            <Menu position="bottom-end" width={240} shadow="md">
              <Menu.Target>
                <UnstyledButton>
                  <Group gap="sm" wrap="nowrap">
                    <span className="visually-hidden">{t("shell.userMenu")}</span>
                    <Avatar color="institutional" radius="xl" size="md" aria-hidden>
                      {initials(me.name)}
                    </Avatar>
                    <Box visibleFrom="sm">
                      <Text size="sm" fw={600} lh={1.2}>
                        {me.name}
                      </Text>
                      <Text size="xs" c="dimmed" lh={1.2}>
                        {roleLabel}
                      </Text>
                    </Box>
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t("app.language")}</Menu.Label>
                {LANGUAGES.map((option) => (
                  <Menu.Item
                    key={option}
                    lang={option}
                    onClick={() => setLanguage(option)}
                    aria-current={option === language ? "true" : undefined}
                    fw={option === language ? 600 : undefined}
                  >
                    {t(`language.${option}`)}
                  </Menu.Item>
                ))}
                <Menu.Divider />
                <Menu.Label>{t("shell.signedInAs", { name: me.username })}</Menu.Label>
                <Menu.Item
                  onClick={() =>
                    signOut.mutate(undefined, { onSettled: () => navigate("/entrar", { replace: true }) })
                  }
                >
                  {t("shell.signOut")}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t("shell.mainNavigation")} component="nav">
        {sections.map((section) => {
          const isActive =
            section.path === "/" ? location.pathname === "/" : location.pathname.startsWith(section.path);
          return (
            <NavLink
              key={section.path}
              component={Link}
              to={section.path}
              label={t(section.label)}
              active={isActive}
              aria-current={isActive ? "page" : undefined}
              onClick={close}
              fw={500}
              style={{ borderRadius: "var(--mantine-radius-sm)" }}
            />
          );
        })}
        <Box mt="auto" pt="md">
          <NavLink component={Link} to="/publico" label={t("nav.public")} c="dimmed" />
        </Box>
      </AppShell.Navbar>
      <AppShell.Main id="contenido" bg="gray.0">
        <Box maw={1120}>
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
