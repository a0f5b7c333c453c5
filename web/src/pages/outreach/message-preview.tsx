/**
 * The campaign's message as the server renders it for an example contact (GET /campaigns/:id/preview): the HTML
 * part drawn inside a shadow root, and the plain-text part as it is. The page's content-security policy refuses
 * inline `style` attributes (and a srcdoc frame inherits that policy), while a mail's HTML is all inline styles;
 * so each tag's style attribute is renamed, the HTML is parsed with DOMParser (which runs nothing), each style is
 * set through the element's CSSOM (which the policy allows), and only the body's elements are shown, links
 * opening in a new tab.
 * Decision 027 says why this and not a client-side Markdown renderer.
 */
import { Box, Paper, ScrollArea, SegmentedControl, Stack, Text } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { useT } from "../../i18n/i18n.ts";
import type { CampaignPreview } from "./data.ts";

const DROPPED = "script, style, link, meta, iframe, object, embed, form, base";

const STYLE_ATTRIBUTE = "data-preview-style";

/**
 * Each tag's `style="…"` renamed before the browser parses anything: even DOMParser's inert document applies the
 * page's policy to style attributes (and reports each one). Only inside tags: the server escapes every quote
 * and angle bracket of the text, so a tag in the string is a tag the server wrote.
 */
const renameStyles = (html: string) =>
  html.replace(/<[a-zA-Z][^>]*>/g, (tag) => tag.replace(/(\s)style=/gi, `$1${STYLE_ATTRIBUTE}=`));

/** The body of `html` as nodes ready for the page: styles set through CSSOM, active elements dropped. */
export function previewNodes(html: string, target: Document): Node[] {
  const parsed = new DOMParser().parseFromString(renameStyles(html), "text/html");
  for (const element of parsed.querySelectorAll(DROPPED)) element.remove();
  for (const element of parsed.body.querySelectorAll("*"))
    for (const attribute of [...element.attributes])
      if (attribute.name.toLowerCase().startsWith("on")) element.removeAttribute(attribute.name);
  for (const link of parsed.body.querySelectorAll("a[href]")) {
    link.setAttribute("target", "_blank");
    link.setAttribute("rel", "noopener noreferrer");
  }
  const copy = (node: Node): Node => {
    const imported = target.importNode(node, false);
    if (imported instanceof HTMLElement) {
      const css = imported.getAttribute(STYLE_ATTRIBUTE);
      if (css) {
        imported.removeAttribute(STYLE_ATTRIBUTE);
        imported.style.cssText = css;
      }
    }
    for (const child of node.childNodes) imported.appendChild(copy(child));
    return imported;
  };
  const wrapper = target.createElement("div");
  wrapper.style.cssText = parsed.body.getAttribute(STYLE_ATTRIBUTE) ?? "";
  for (const child of parsed.body.childNodes) wrapper.appendChild(copy(child));
  return [wrapper];
}

function HtmlPart({ html, label }: { html: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const root = element.shadowRoot ?? element.attachShadow({ mode: "open" });
    root.replaceChildren(...previewNodes(html, document));
  }, [html]);
  return (
    <ScrollArea.Autosize mah={640} type="auto">
      <Box ref={host} bg="white" role="document" aria-label={label} data-testid="campaign-preview-html" />
    </ScrollArea.Autosize>
  );
}

export function MessagePreview({ preview }: { preview: CampaignPreview }) {
  const t = useT();
  const [part, setPart] = useState<"html" | "text">("html");
  return (
    <Stack gap="sm">
      <Text size="sm">
        <Text span fw={600}>
          {t("outreach.preview.from")}
        </Text>{" "}
        {preview.from}
      </Text>
      <Text size="sm">
        <Text span fw={600}>
          {t("outreach.preview.subject")}
        </Text>{" "}
        <span data-testid="campaign-preview-subject">{preview.subject}</span>
      </Text>
      <SegmentedControl
        value={part}
        onChange={(value) => setPart(value as "html" | "text")}
        data={[
          { value: "html", label: t("outreach.preview.html") },
          { value: "text", label: t("outreach.preview.text") },
        ]}
        aria-label={t("outreach.preview.part")}
        w="fit-content"
      />
      <Paper withBorder p={0} style={{ overflow: "hidden" }}>
        {part === "html" ? (
          <HtmlPart html={preview.html} label={t("outreach.preview.html")} />
        ) : (
          <ScrollArea.Autosize mah={640} type="auto">
            <Box
              component="pre"
              p="md"
              m={0}
              fz="sm"
              style={{ whiteSpace: "pre-wrap" }}
              data-testid="campaign-preview-text"
            >
              {preview.text}
            </Box>
          </ScrollArea.Autosize>
        )}
      </Paper>
    </Stack>
  );
}
