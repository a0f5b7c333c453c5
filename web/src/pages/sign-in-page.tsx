/** Sign-in: username and password; the API's Spanish `detail` when it refuses. */
import {
  Anchor,
  Box,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { useMe, useSignIn } from "../auth/auth.ts";
import { useT } from "../i18n/i18n.ts";
import { ErrorNotice } from "../layout/error-notice.tsx";
import { PageLoader } from "../layout/page-loader.tsx";

export default function SignInPage() {
  const t = useT();
  const me = useMe();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [isIncomplete, setIncomplete] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? "/";

  if (me.isPending) return <PageLoader />;
  if (me.data && !signIn.isPending)
    return <Navigate to={me.data.mustChangePassword ? "/cambiar-contrasena" : from} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setIncomplete(true);
      return;
    }
    setIncomplete(false);
    signIn.mutate(
      { username: username.trim(), password },
      {
        onSuccess: (signedIn) =>
          navigate(signedIn.mustChangePassword ? "/cambiar-contrasena" : from, { replace: true }),
      },
    );
  };

  return (
    <Center mih="100vh" p="md" component="main">
      <Box w="100%" maw={420}>
        <Stack gap="lg">
          <Box ta="center">
            <Text c="institutional.7" fw={700} fz={32} lh={1.1}>
              {t("app.name")}
            </Text>
            <Text c="dimmed" size="sm">
              {t("app.tagline")}
            </Text>
          </Box>
          <Paper shadow="sm" p="xl">
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                <div>
                  <Title order={1} size="h2">
                    {t("signIn.title")}
                  </Title>
                  <Text size="sm" c="dimmed" mt={4}>
                    {t("signIn.intro")}
                  </Text>
                </div>
                {signIn.isError && <ErrorNotice error={signIn.error} />}
                {isIncomplete && (
                  <Text c="red.8" size="sm" role="alert">
                    {t("signIn.required")}
                  </Text>
                )}
                <TextInput
                  label={t("signIn.username")}
                  name="username"
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  value={username}
                  onChange={(event) => setUsername(event.currentTarget.value)}
                  required
                  data-autofocus
                />
                <PasswordInput
                  label={t("signIn.password")}
                  name="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                  required
                />
                <Button type="submit" fullWidth loading={signIn.isPending}>
                  {signIn.isPending ? t("signIn.submitting") : t("signIn.submit")}
                </Button>
              </Stack>
            </form>
          </Paper>
          <Anchor component={Link} to="/publico" ta="center" size="sm">
            {t("signIn.publicLink")}
          </Anchor>
        </Stack>
      </Box>
    </Center>
  );
}
