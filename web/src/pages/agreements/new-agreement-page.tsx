/** /convenios/nuevo — a new agreement, for the secretariat («records.write»); it opens its page once saved. */
import { Paper, Stack } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { apiPost } from "../../api/client.ts";
import { useCurrentCommission, useMe } from "../../auth/auth.ts";
import { useT } from "../../i18n/i18n.ts";
import { PageLoader } from "../../layout/page-loader.tsx";
import ForbiddenPage from "../forbidden-page.tsx";
import { AgreementForm, type AgreementValues, createBody, EMPTY_VALUES } from "./agreement-form.tsx";
import { SectionHeader } from "./common.tsx";
import { AGREEMENTS_KEY, type Agreement, canWrite, useLookups } from "./data.ts";

export function NewAgreementPage() {
  const t = useT();
  const me = useMe().data;
  const commission = useCurrentCommission(me).data;
  const lookups = useLookups(commission?.id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (values: AgreementValues) =>
      apiPost<Agreement>("/agreements", createBody(values, commission?.id ?? "")),
    onSuccess: async (agreement) => {
      await queryClient.invalidateQueries({ queryKey: AGREEMENTS_KEY });
      void navigate(`/convenios/${agreement.id}`);
    },
  });
  if (!canWrite(me)) return <ForbiddenPage />;
  return (
    <Stack gap="lg">
      <SectionHeader title={t("agreements.new")} intro={t("agreements.newIntro")} />
      <Paper>
        {lookups.isPending || !commission ? (
          <PageLoader />
        ) : (
          <AgreementForm
            initial={EMPTY_VALUES}
            lookups={lookups}
            isNew
            isSaving={create.isPending || create.isSuccess}
            error={create.error}
            onSubmit={(values) => create.mutate(values)}
            onCancel={() => navigate("/convenios")}
          />
        )}
      </Paper>
    </Stack>
  );
}
