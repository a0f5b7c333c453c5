/**
 * One account: create it (…/cuentas/nueva; the one-time password is shown once, with a copy button) or edit its
 * name, email, administration flag and roles per commission (role and, for area liaisons, area); reset its
 * password; disable or enable it. The API's refusals (the last administrator cannot be demoted) show as they come.
 */
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Fieldset,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { apiGet, apiPatch, apiPost } from "../../api/client.ts";
import type { RoleName } from "../../api/types.ts";
import { ME_QUERY_KEY } from "../../auth/auth.ts";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { ACCOUNTS_KEY, type Account, ROLE_NAMES, useRolePlaces } from "./accounts-data.ts";

type Grant = { commissionId: string | null; role: RoleName; areaId: string | null };
type Values = { username: string; name: string; email: string; isAdministrator: boolean; roles: Grant[] };

const valuesOf = (account?: Account): Values => ({
  username: account?.username ?? "",
  name: account?.name ?? "",
  email: account?.email ?? "",
  isAdministrator: account?.isAdministrator ?? false,
  roles: account?.roles.map((role) => ({ ...role })) ?? [],
});

/** The one-time password, shown once. */
function OneTimePassword({ username, password }: { username: string; password: string }) {
  const t = useT();
  return (
    <Stack gap="sm">
      <Text size="sm">{t("accounts.oneTime", { username })}</Text>
      <Group gap="sm" wrap="nowrap">
        <Text size="sm" fw={600} component="span">
          {t("accounts.oneTimeLabel")}:
        </Text>
        <Code fz="md" data-testid="one-time-password">
          {password}
        </Code>
        <CopyButton value={password}>
          {({ copied, copy }) => (
            <Button size="xs" variant={copied ? "light" : "default"} onClick={copy}>
              {copied ? t("accounts.copied") : t("accounts.copy")}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

export function AccountPage({ id }: { id?: string }) {
  const account = useQuery({
    queryKey: [...ACCOUNTS_KEY, id],
    enabled: !!id,
    queryFn: () => apiGet<Account>(`/accounts/${encodeURIComponent(id ?? "")}`),
    retry: false,
  });
  if (id && account.isPending) return <PageLoader />;
  if (id && account.isError)
    return <ErrorNotice error={account.error} onRetry={() => void account.refetch()} />;
  return <AccountForm key={id ?? "new"} account={account.data} />;
}

function AccountForm({ account }: { account?: Account }) {
  const t = useT();
  const isNew = !account;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const places = useRolePlaces();
  const [saved, setSaved] = useState(() => valuesOf(account));
  const [values, setValues] = useState(saved);
  const [notice, setNotice] = useState<string | null>(null);
  const [created, setCreated] = useState<{ account: Account; oneTimePassword?: string } | null>(null);
  const [resetAsked, setResetAsked] = useState(false);
  const [resetPassword, setResetPassword] = useState<string | null>(null);
  const isDirty = JSON.stringify(values) !== JSON.stringify(saved);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY });
    await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
  };
  const body = () => ({
    ...(isNew ? { username: values.username.trim() } : {}),
    name: values.name,
    email: values.email.trim() || null,
    isAdministrator: values.isAdministrator,
    roles: values.roles.map((role) => ({
      commissionId: role.commissionId ?? "",
      role: role.role,
      areaId: role.role === "area_liaison" ? role.areaId : null,
    })),
  });
  const save = useMutation({
    mutationFn: () =>
      isNew
        ? apiPost<{ account: Account; oneTimePassword?: string }>("/accounts", body())
        : apiPatch<Account>(`/accounts/${account.id}`, body()).then((updated) => ({ account: updated })),
    onSuccess: async (result) => {
      setSaved(values);
      await refresh();
      if (isNew) setCreated(result);
      else setNotice(t("form.saved"));
    },
  });
  const toggleActive = useMutation({
    mutationFn: () => apiPatch<Account>(`/accounts/${account?.id}`, { isActive: !account?.isActive }),
    onSuccess: async (updated) => {
      await refresh();
      setNotice(updated.isActive ? t("accounts.activated") : t("accounts.deactivated"));
    },
  });
  const reset = useMutation({
    mutationFn: () => apiPost<{ oneTimePassword: string }>(`/accounts/${account?.id}/password-reset`),
    onSuccess: async (result) => {
      setResetAsked(false);
      setResetPassword(result.oneTimePassword);
      await refresh();
    },
  });
  useEffect(() => {
    if (!isDirty) return;
    setNotice(null);
  }, [isDirty]);

  const errors = fieldErrors(save.error);
  const set = <K extends keyof Values>(name: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [name]: value }));
  const setRole = (index: number, change: Partial<Grant>) =>
    set(
      "roles",
      values.roles.map((role, at) => (at === index ? { ...role, ...change } : role)),
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const commissionOptions = places.commissions.map((c) => ({
    value: c.id,
    label: `${c.acronym} — ${c.name}`,
  }));
  const areaOptions = places.areas.map((a) => ({
    value: a.id,
    label: a.acronym ? `${a.acronym} — ${a.name}` : a.name,
  }));
  const heading = isNew ? t("accounts.new") : `${account.name} (${account.username})`;

  return (
    <Stack gap="lg">
      <UnsavedChangesGuard when={isDirty && !created} />
      <div>
        <Anchor component={Link} to="/administracion/cuentas" size="sm">
          {t("accounts.back")}
        </Anchor>
        <Title order={1} mt="xs">
          {heading}
        </Title>
      </div>
      {notice && (
        <Alert
          color="teal"
          variant="light"
          role="status"
          withCloseButton
          closeButtonLabel={t("accounts.close")}
          onClose={() => setNotice(null)}
        >
          {notice}
        </Alert>
      )}
      {created?.oneTimePassword && (
        <Alert color="blue" variant="light" title={t("accounts.created")} role="status">
          <Stack gap="sm">
            <OneTimePassword username={created.account.username} password={created.oneTimePassword} />
            <Group>
              <Button size="xs" onClick={() => navigate(`/administracion/cuentas/${created.account.id}`)}>
                {t("accounts.openAccount")}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {!created && (
        <Paper component="form" onSubmit={submit} noValidate aria-labelledby="account-form-title">
          <Stack gap="md">
            <Title order={2} id="account-form-title" className="visually-hidden">
              {heading}
            </Title>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <TextInput
                label={t("accounts.field.username")}
                description={isNew ? t("accounts.field.usernameHelp") : undefined}
                value={values.username}
                onChange={(event) => set("username", event.currentTarget.value)}
                error={errors.username}
                disabled={!isNew}
                withAsterisk={isNew}
              />
              <TextInput
                label={t("accounts.field.name")}
                value={values.name}
                onChange={(event) => set("name", event.currentTarget.value)}
                error={errors.name}
                withAsterisk
              />
              <TextInput
                label={t("accounts.field.email")}
                type="email"
                value={values.email}
                onChange={(event) => set("email", event.currentTarget.value)}
                error={errors.email}
              />
            </SimpleGrid>
            <Checkbox
              label={t("accounts.field.isAdministrator")}
              checked={values.isAdministrator}
              onChange={(event) => set("isAdministrator", event.currentTarget.checked)}
            />
            <Fieldset legend={t("accounts.roles")}>
              <Stack gap="sm">
                <Text size="xs" c="dimmed">
                  {t("accounts.rolesHelp")}
                </Text>
                {values.roles.map((role, index) => (
                  <Group
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows of an editable list without ids
                    key={index}
                    align="flex-start"
                    gap="sm"
                    wrap="wrap"
                    role="group"
                    aria-label={t("accounts.role.number", { number: index + 1 })}
                  >
                    <Select
                      label={t("accounts.role.commission")}
                      data={commissionOptions}
                      value={role.commissionId}
                      onChange={(value) => setRole(index, { commissionId: value })}
                      error={errors[`roles[${index}].commissionId`]}
                      w={320}
                      allowDeselect={false}
                    />
                    <Select
                      label={t("accounts.role.role")}
                      data={ROLE_NAMES.map((name) => ({ value: name, label: t(`role.${name}`) }))}
                      value={role.role}
                      onChange={(value) => value && setRole(index, { role: value as RoleName })}
                      error={errors[`roles[${index}].role`]}
                      w={240}
                      allowDeselect={false}
                    />
                    {role.role === "area_liaison" && (
                      <Select
                        label={t("accounts.role.area")}
                        data={areaOptions}
                        value={role.areaId}
                        onChange={(value) => setRole(index, { areaId: value })}
                        error={errors[`roles[${index}].areaId`]}
                        searchable
                        w={320}
                      />
                    )}
                    <Button
                      variant="subtle"
                      color="red"
                      mt={26}
                      size="sm"
                      onClick={() =>
                        set(
                          "roles",
                          values.roles.filter((_, at) => at !== index),
                        )
                      }
                    >
                      {t("accounts.role.remove")}
                    </Button>
                  </Group>
                ))}
                <Group>
                  <Button
                    variant="default"
                    size="xs"
                    onClick={() =>
                      set("roles", [
                        ...values.roles,
                        {
                          commissionId: places.commissions[0]?.id ?? null,
                          role: "technical_secretariat",
                          areaId: null,
                        },
                      ])
                    }
                  >
                    {t("accounts.role.add")}
                  </Button>
                </Group>
              </Stack>
            </Fieldset>
            <FormErrors error={save.error} fields={["username", "name", "email"]} />
            <Group justify="flex-end">
              <Button
                variant="default"
                disabled={!isDirty || save.isPending}
                onClick={() => {
                  setValues(saved);
                  save.reset();
                }}
              >
                {t("form.cancel")}
              </Button>
              <Button type="submit" loading={save.isPending} disabled={!isNew && !isDirty}>
                {isNew ? t("accounts.create") : t("form.save")}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {!isNew && (
        <Paper>
          <Stack gap="sm">
            <Title order={2}>{t("accounts.actions")}</Title>
            {resetPassword && (
              <Alert color="blue" variant="light" title={t("accounts.resetDone")} role="status">
                <OneTimePassword username={account.username} password={resetPassword} />
              </Alert>
            )}
            {toggleActive.isError && <ErrorNotice error={toggleActive.error} />}
            {reset.isError && <ErrorNotice error={reset.error} />}
            <Group gap="sm">
              <Button variant="default" onClick={() => setResetAsked(true)}>
                {t("accounts.resetPassword")}
              </Button>
              <Button
                variant={account.isActive ? "outline" : "filled"}
                color={account.isActive ? "red" : "teal"}
                loading={toggleActive.isPending}
                onClick={() => toggleActive.mutate()}
              >
                {account.isActive ? t("accounts.deactivate") : t("accounts.activate")}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {account && (
        <Modal
          opened={resetAsked}
          onClose={() => setResetAsked(false)}
          title={t("accounts.resetPassword")}
          centered
        >
          <Text size="sm">{t("accounts.resetConfirm", { username: account.username })}</Text>
          <Group justify="flex-end" mt="lg">
            <Button variant="default" onClick={() => setResetAsked(false)}>
              {t("accounts.cancel")}
            </Button>
            <Button color="red" loading={reset.isPending} onClick={() => reset.mutate()}>
              {t("accounts.confirm")}
            </Button>
          </Group>
        </Modal>
      )}
    </Stack>
  );
}
