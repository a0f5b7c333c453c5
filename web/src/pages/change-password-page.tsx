/** The provisional password must be changed before anything else (the API refuses every other route). */
import { Box, Button, Center, Paper, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { Navigate, useNavigate } from "react-router";
import { useChangePassword, useMe, useSignOut } from "../auth/auth.ts";
import { useT } from "../i18n/i18n.ts";
import { ErrorNotice } from "../layout/error-notice.tsx";
import { PageLoader } from "../layout/page-loader.tsx";

const MIN_LENGTH = 12;

export default function ChangePasswordPage() {
  const t = useT();
  const me = useMe();
  const change = useChangePassword();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [problem, setProblem] = useState<"mismatch" | "tooShort" | null>(null);

  if (me.isPending) return <PageLoader />;
  if (!me.data) return <Navigate to="/entrar" replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (next.length < MIN_LENGTH) return setProblem("tooShort");
    if (next !== confirmation) return setProblem("mismatch");
    setProblem(null);
    change.mutate(
      { currentPassword: current, newPassword: next },
      { onSuccess: () => navigate("/", { replace: true }) },
    );
  };

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper shadow="sm" p="xl" w="100%" maw={460}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Box>
              <Title order={1} size="h2">
                {t("password.title")}
              </Title>
              <Text size="sm" c="dimmed" mt={4}>
                {t("password.intro")}
              </Text>
            </Box>
            {change.isError && <ErrorNotice error={change.error} />}
            <PasswordInput
              label={t("password.current")}
              autoComplete="current-password"
              value={current}
              onChange={(event) => setCurrent(event.currentTarget.value)}
              required
            />
            <PasswordInput
              label={t("password.new")}
              autoComplete="new-password"
              value={next}
              onChange={(event) => setNext(event.currentTarget.value)}
              error={problem === "tooShort" ? t("password.tooShort") : undefined}
              required
            />
            <PasswordInput
              label={t("password.confirm")}
              autoComplete="new-password"
              value={confirmation}
              onChange={(event) => setConfirmation(event.currentTarget.value)}
              error={problem === "mismatch" ? t("password.mismatch") : undefined}
              required
            />
            <Button type="submit" loading={change.isPending}>
              {t("password.submit")}
            </Button>
            {/* Not now: leave without changing it (the next sign-in asks again). */}
            <Button
              variant="subtle"
              color="gray"
              loading={signOut.isPending}
              onClick={() =>
                signOut.mutate(undefined, { onSettled: () => navigate("/entrar", { replace: true }) })
              }
            >
              {t("shell.signOut")}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
