/** A tiny typed message catalogue: `t("sessions.total", { count: 3 })`. */
import { createContext, useContext } from "react";
import { en } from "./en.ts";
import { esMX, type MessageKey } from "./es-MX.ts";

export type { MessageKey };
export type Language = "es-MX" | "en";
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const CATALOGUES: Record<Language, Record<MessageKey, string>> = { "es-MX": esMX, en };
export const LANGUAGES: Language[] = ["es-MX", "en"];

/** The message of `key` in `language`, with each `{name}` replaced by its parameter. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const message = CATALOGUES[language][key];
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

const STORAGE_KEY = "vincula.language";

/** Spanish unless the person chose English on this browser (or the address says `?lang=en`). */
export function initialLanguage(): Language {
  const asked = new URLSearchParams(window.location.search).get("lang");
  const stored = asked ?? window.localStorage.getItem(STORAGE_KEY);
  return stored === "en" ? "en" : "es-MX";
}

export function storeLanguage(language: Language): void {
  window.localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
}

export type I18n = { language: Language; t: Translate; setLanguage(language: Language): void };

export const I18nContext = createContext<I18n>({
  language: "es-MX",
  t: (key, params) => translate("es-MX", key, params),
  setLanguage: () => {},
});

export const useI18n = (): I18n => useContext(I18nContext);
export const useT = (): Translate => useContext(I18nContext).t;
