/** The accounts: who signs in, with which roles per commission, and whether active (GET /accounts). */
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { ExportButtons } from "../../components/export-buttons.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { type Account, describeRole, useAccounts, useRolePlaces } from "./accounts-data.ts";

export function AccountsList() {
  const t = useT();
  const accounts = useAccounts();
  const places = useRolePlaces();
  const roles = (account: Account) =>
    account.isAdministrator
      ? [t("accounts.administrator"), ...account.roles.map((role) => describeRole(role, places, t))]
      : account.roles.length > 0
        ? account.roles.map((role) => describeRole(role, places, t))
        : [t("accounts.noRoles")];
  const status = (account: Account) =>
    [
      account.isActive ? t("accounts.active") : t("accounts.inactive"),
      ...(account.lockedUntil ? [t("accounts.locked")] : []),
      ...(account.mustChangePassword ? [t("accounts.mustChange")] : []),
    ].join(" · ");
  const items = accounts.data?.items ?? [];
  return (
    <Paper p={0}>
      <Group justify="space-between" align="flex-end" p="lg" pb="md">
        <Stack gap={4}>
          <Title order={2}>{t("accounts.title")}</Title>
          {accounts.data && (
            <Text size="sm" c="dimmed">
              {t("accounts.count", { count: items.length })}
            </Text>
          )}
        </Stack>
        <Group gap="sm" align="flex-end">
          <ExportButtons
            title={t("accounts.title")}
            columns={[
              { header: t("accounts.column.username"), value: (row: Account) => row.username },
              { header: t("accounts.column.name"), value: (row: Account) => row.name },
              { header: t("accounts.column.roles"), value: (row: Account) => roles(row).join("; ") },
              { header: t("accounts.column.status"), value: (row: Account) => status(row) },
            ]}
            rows={items}
          />
          <Button component={Link} to="/administracion/cuentas/nueva" size="xs">
            {t("accounts.new")}
          </Button>
        </Group>
      </Group>
      {accounts.isPending ? (
        <PageLoader />
      ) : accounts.isError ? (
        <ErrorNotice error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover>
            <caption className="visually-hidden">{t("accounts.title")}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("accounts.column.username")}</Table.Th>
                <Table.Th scope="col">{t("accounts.column.name")}</Table.Th>
                <Table.Th scope="col">{t("accounts.column.roles")}</Table.Th>
                <Table.Th scope="col">{t("accounts.column.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((account) => (
                <Table.Tr key={account.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/administracion/cuentas/${account.id}`} fw={600}>
                      {account.username}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{account.name}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {roles(account).map((role) => (
                        <Text key={role} size="sm">
                          {role}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge variant="dot" color={account.isActive ? "teal" : "gray"} c="dark.7" radius="sm">
                        {account.isActive ? t("accounts.active") : t("accounts.inactive")}
                      </Badge>
                      {account.lockedUntil && (
                        <Badge variant="light" color="red" c="red.9" radius="sm">
                          {t("accounts.locked")}
                        </Badge>
                      )}
                      {account.mustChangePassword && (
                        <Badge variant="light" color="orange" c="orange.9" radius="sm">
                          {t("accounts.mustChange")}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
