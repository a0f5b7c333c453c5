/** Entry point: the Mantine theme (with the page's style nonce), the query cache, the language and the routes. */
import "@mantine/core/styles.css";
import "@mantine/charts/styles.css";
import "@mantine/dates/styles.css";
import "./global.css";
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { ApiError } from "./api/client.ts";
import { router } from "./app.tsx";
import { I18nContext, initialLanguage, type Language, storeLanguage, translate } from "./i18n/i18n.ts";
import { cssVariablesResolver, theme } from "./theme.ts";

/** The nonce the server put in this answer (Vite's `<meta property="csp-nonce">`); Mantine's styles carry it. */
const styleNonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce;
/**
 * The same nonce for the <style> that Mantine's Modal and Drawer add to lock the page's scroll (react-remove-scroll
 * takes it from `__webpack_nonce__`, through get-nonce); without it the CSP refuses that style.
 */
(globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = styleNonce;

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; a network failure might.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

function Root() {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const i18n = useMemo(
    () => ({
      language,
      t: (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
        translate(language, key, params),
      setLanguage: (next: Language) => {
        storeLanguage(next);
        setLanguage(next);
      },
    }),
    [language],
  );
  document.documentElement.lang = language;
  return (
    <I18nContext.Provider value={i18n}>
      <MantineProvider
        theme={theme}
        cssVariablesResolver={cssVariablesResolver}
        defaultColorScheme="light"
        getStyleNonce={() => styleNonce ?? ""}
      >
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </I18nContext.Provider>
  );
}

const container = document.getElementById("root");
if (container)
  createRoot(container).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
