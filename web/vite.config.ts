/** Builds the web interface into web/dist (served by src/http/web-app.ts). */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "/",
  // Vite writes this placeholder as the nonce of the page's style and script elements; the server replaces it
  // with a fresh nonce in every answer (src/http/web-app.ts) and allows styles by it.
  html: { cspNonce: "VINCULA_STYLE_NONCE" },
  oxc: { jsx: { runtime: "automatic" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Every script comes from a file: no inline module preload polyfill.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      // Mantine marks its modules "use client" for React Server Components; a browser bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
    },
  },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
