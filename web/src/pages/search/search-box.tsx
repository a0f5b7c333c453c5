/**
 * The header's search box: Enter goes to /buscar?q=…; «/» anywhere outside a field focuses it. Shown only to
 * roles that may read the records (GET /search needs «records.read»).
 */
import { TextInput } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import { useT } from "../../i18n/i18n.ts";

export function SearchBox() {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  // On the results page the box shows what was searched.
  const current = location.pathname === "/buscar" ? (params.get("q") ?? "") : "";
  useEffect(() => setQuery(current), [current]);
  useHotkeys([["/", () => input.current?.focus()]]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = query.trim();
    if (q) void navigate(`/buscar?q=${encodeURIComponent(q)}`);
  };
  return (
    <search aria-label={t("search.box")}>
      <form onSubmit={submit}>
        <TextInput
          ref={input}
          type="search"
          aria-label={t("search.box")}
          placeholder={t("search.boxPlaceholder")}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          w={{ base: 180, md: 280 }}
          size="sm"
          aria-keyshortcuts="/"
        />
      </form>
    </search>
  );
}
