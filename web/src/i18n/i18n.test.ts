import { describe, expect, it } from "vitest";
import { en } from "./en.ts";
import { esMX } from "./es-MX.ts";
import { translate } from "./i18n.ts";

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogues", () => {
  it("have the same keys in Spanish and English", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(esMX).sort());
  });

  it("use the same placeholders in both languages, and no message is empty", () => {
    for (const key of Object.keys(esMX) as (keyof typeof esMX)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(esMX[key]));
      expect(esMX[key].trim(), key).not.toBe("");
      expect(en[key].trim(), key).not.toBe("");
    }
  });

  it("fills parameters and leaves unknown ones visible", () => {
    expect(translate("es-MX", "sessions.total", { count: 3 })).toBe("3 sesiones");
    expect(translate("en", "sessions.total", { count: 3 })).toBe("3 sessions");
    expect(translate("es-MX", "sessions.total")).toBe("{count} sesiones");
  });
});
