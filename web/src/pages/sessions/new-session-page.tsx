/**
 * «Nueva sesión» (/sesiones/nueva), for the technical secretariat: POST /sessions, then the new session's page.
 * The number is suggested as the next of its kind in the date's year; the API refuses a repeated one on the field.
 */
import { Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { apiGet, apiPost } from "../../api/client.ts";
import type { Page, Session } from "../../api/types.ts";
import { hasPermission, useCurrentCommission, useMe } from "../../auth/auth.ts";
import { FormErrors } from "../../components/form-errors.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { useT } from "../../i18n/i18n.ts";
import ForbiddenPage from "../forbidden-page.tsx";
import { keys } from "./session-api.ts";
import {
  emptySession,
  SESSION_FIELDS,
  SessionFields,
  type SessionFormValues,
  sessionBody,
} from "./session-form.tsx";

export function NewSessionPage() {
  const t = useT();
  const me = useMe().data;
  const commission = useCurrentCommission(me).data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<SessionFormValues>(emptySession);
  const [isNumberTouched, setNumberTouched] = useState(false);
  const year = /^\d{4}/.exec(values.date)?.[0] ?? String(new Date().getFullYear());
  const last = useQuery({
    queryKey: ["sessions", "last-number", commission?.id, year, values.kind],
    enabled: !!commission,
    queryFn: () =>
      apiGet<Page<Session>>("/sessions", {
        commissionId: commission?.id,
        year,
        kind: values.kind,
        sort: "number",
        order: "desc",
        limit: 1,
      }),
  });
  const suggested = (last.data?.items[0]?.number ?? 0) + 1;
  useEffect(() => {
    if (last.data && !isNumberTouched) setValues((current) => ({ ...current, number: suggested }));
  }, [last.data, suggested, isNumberTouched]);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiPost<Session>("/sessions", body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.sessions }),
  });
  // After the render that turns the unsaved-changes guard off (its effect runs before this one).
  useEffect(() => {
    if (create.data) void navigate(`/sesiones/${create.data.id}`);
  }, [create.data, navigate]);
  if (!hasPermission(me, "records.write")) return <ForbiddenPage />;
  const isDirty = values.date !== "" || values.place !== "" || values.link !== "" || values.startTime !== "";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ commissionId: commission?.id, ...sessionBody(values) });
  };
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/sesiones" size="sm">
          {t("sessions.back")}
        </Anchor>
        <Title order={1} mt={4}>
          {t("sessions.new")}
        </Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t("sessions.newIntro")}
        </Text>
      </div>
      <Paper component="form" onSubmit={submit} noValidate maw={760}>
        <Stack gap="md">
          <SessionFields
            values={values}
            onChange={(next) => {
              if (next.number !== values.number) setNumberTouched(true);
              setValues(next);
            }}
            error={create.error}
            numberHint={last.data ? t("sessions.field.numberHint", { number: suggested, year }) : undefined}
          />
          <FormErrors error={create.error} fields={SESSION_FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" component={Link} to="/sesiones">
              {t("form.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t("sessions.create")}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <UnsavedChangesGuard when={isDirty && !create.isSuccess} />
    </Stack>
  );
}
