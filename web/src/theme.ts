/** The institutional look: one sober primary colour (a deep wine), neutral greys, clear type, even spacing. */
import { type CSSVariablesResolver, createTheme, type MantineColorsTuple } from "@mantine/core";

/** Wine red, from light tint (0) to the darkest shade (9); shade 7 is the brand colour (#6b1d4f). */
const institutional: MantineColorsTuple = [
  "#fbeff6",
  "#f0dbe7",
  "#e0b3cd",
  "#cf88b1",
  "#c16499",
  "#a8447f",
  "#8a2f67",
  "#6b1d4f",
  "#571540",
  "#430d31",
];

export const theme = createTheme({
  primaryColor: "institutional",
  primaryShade: 7,
  colors: { institutional },
  fontFamily:
    '"Source Sans 3", "Segoe UI", "Noto Sans", "Liberation Sans", "Helvetica Neue", Arial, system-ui, sans-serif',
  headings: {
    fontFamily:
      '"Source Sans 3", "Segoe UI", "Noto Sans", "Liberation Sans", "Helvetica Neue", Arial, system-ui, sans-serif',
    fontWeight: "650",
    sizes: {
      h1: { fontSize: "1.75rem", lineHeight: "1.25" },
      h2: { fontSize: "1.25rem", lineHeight: "1.3" },
      h3: { fontSize: "1.05rem", lineHeight: "1.35" },
    },
  },
  defaultRadius: "sm",
  cursorType: "pointer",
  components: {
    Paper: { defaultProps: { withBorder: true, radius: "sm", p: "lg" } },
    Table: { defaultProps: { verticalSpacing: "sm", horizontalSpacing: "md" } },
    // Mantine's scroll lock (react-remove-scroll) injects a <style> element without the page's nonce, which the
    // content security policy refuses (decision 016): modals leave the page's scroll alone.
    Modal: { defaultProps: { lockScroll: false } },
  },
});

/** Secondary text one shade darker than Mantine's (gray 7): WCAG AA contrast (4.5:1) on white and on gray 0. */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: { "--mantine-color-dimmed": resolved.colors.gray[7] },
  dark: {},
});
