/** The agreement's data as a description list; the secretariat corrects it in place (PATCH /agreements/:id). */
import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { Link } from "react-router";
import { apiPatch } from "../../api/client.ts";
import { useMe } from "../../auth/auth.ts";
import { longDate } from "../../format.ts";
import { useI18n } from "../../i18n/i18n.ts";
import { recordPath } from "../../records.ts";
import { AgreementForm, patchBody, valuesOf } from "./agreement-form.tsx";
import { AGREEMENTS_KEY, type Agreement, canWrite, type Lookups } from "./data.ts";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children}
      </Text>
    </div>
  );
}

export function AgreementDetails({ agreement, lookups }: { agreement: Agreement; lookups: Lookups }) {
  const { t, language } = useI18n();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const [isEditing, setEditing] = useState(false);
  const initial = valuesOf(agreement);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiPatch<Agreement>(`/agreements/${encodeURIComponent(agreement.id)}`, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: AGREEMENTS_KEY });
      setEditing(false);
    },
  });
  const date = (value: string | null) => (value ? longDate(value, language) : t("agreements.none"));
  const validity = agreement.isIndefinite
    ? t("agreements.validity.indefinite")
    : agreement.validTo
      ? date(agreement.validTo)
      : t("agreements.none");

  return (
    <Paper component="section" aria-labelledby="details-title">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h4" id="details-title">
            {t("agreements.details.title")}
          </Title>
          {canWrite(me) && !isEditing && (
            <Button size="xs" variant="default" onClick={() => setEditing(true)}>
              {t("agreements.edit.button")}
            </Button>
          )}
        </Group>
        {isEditing ? (
          <AgreementForm
            initial={initial}
            lookups={lookups}
            isNew={false}
            isSaving={save.isPending}
            error={save.error}
            onSubmit={(values) => save.mutate(patchBody(values, initial))}
            onCancel={() => {
              save.reset();
              setEditing(false);
            }}
          />
        ) : (
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="dl" m={0}>
              <Fact label={t("agreements.field.type")}>
                {agreement.typeId ? (lookups.type.get(agreement.typeId)?.name ?? "—") : t("agreements.none")}
              </Fact>
              <Fact label={t("agreements.field.management")}>
                {t(`agreements.management.${agreement.management}`)}
              </Fact>
              <Fact label={t("agreements.field.counterparts")}>
                {agreement.counterpartIds.map((id, index) => (
                  <span key={id}>
                    {index > 0 && "; "}
                    <Anchor component={Link} to={recordPath("organisation", id) ?? "#"} size="sm">
                      {lookups.organisation.get(id)?.name ?? id}
                    </Anchor>
                  </span>
                ))}
              </Fact>
              <Fact label={t("agreements.field.areas")}>
                {agreement.areaIds.length === 0
                  ? t("agreements.none")
                  : agreement.areaIds.map((id) => lookups.area.get(id)?.name ?? id).join("; ")}
              </Fact>
              <Fact label={t("agreements.field.signedOn")}>{date(agreement.signedOn)}</Fact>
              <Fact label={t("agreements.field.validity")}>
                {agreement.validFrom
                  ? t("agreements.validity.longRange", { from: date(agreement.validFrom), to: validity })
                  : validity}
              </Fact>
            </SimpleGrid>
            <dl style={{ margin: 0 }}>
              <Fact label={t("agreements.field.object")}>{agreement.object ?? t("agreements.none")}</Fact>
            </dl>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
