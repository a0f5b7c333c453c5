/** What a page shows while its data or its code arrives. */
import { Center, Loader } from "@mantine/core";
import { useT } from "../i18n/i18n.ts";

export function PageLoader() {
  const t = useT();
  return (
    <Center mih={240}>
      <Loader aria-label={t("app.loading")} />
    </Center>
  );
}
