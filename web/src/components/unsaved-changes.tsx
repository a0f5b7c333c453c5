/**
 * Unsaved changes are not lost on navigation: while `when` is true, following a link inside the app asks first
 * (react-router's blocker), and closing or reloading the tab gets the browser's own warning (beforeunload).
 */
import { Button, Group, Modal, Text } from "@mantine/core";
import { useEffect } from "react";
import { useBlocker } from "react-router";
import { useT } from "../i18n/i18n.ts";

export function UnsavedChangesGuard({ when }: { when: boolean }) {
  const t = useT();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => when && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!when) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [when]);
  return (
    <Modal
      opened={blocker.state === "blocked"}
      onClose={() => blocker.reset?.()}
      title={t("unsaved.title")}
      centered
      // Locking the scroll injects a <style> without the page's nonce, which the policy blocks (decision 015).
      lockScroll={false}
    >
      <Text size="sm">{t("unsaved.body")}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={() => blocker.reset?.()}>
          {t("unsaved.stay")}
        </Button>
        <Button color="red" onClick={() => blocker.proceed?.()}>
          {t("unsaved.leave")}
        </Button>
      </Group>
    </Modal>
  );
}
