import { describe, expect, it } from "vitest";
import { countInWords, feminineOrdinal, joinSpanish, ofInstitution, quarterName } from "./spanish.ts";

describe("Spanish words from numbers", () => {
  it("writes counts in words up to ninety-nine, and figures beyond", () => {
    expect([0, 1, 3, 10, 16, 21, 22, 28, 30, 44, 82, 99].map((n) => countInWords(n))).toEqual([
      "cero",
      "uno",
      "tres",
      "diez",
      "dieciséis",
      "veintiuno",
      "veintidós",
      "veintiocho",
      "treinta",
      "cuarenta y cuatro",
      "ochenta y dos",
      "noventa y nueve",
    ]);
    expect(countInWords(1, { feminine: true })).toBe("una");
    expect(countInWords(21, { feminine: true })).toBe("veintiuna");
    expect(countInWords(41, { feminine: true })).toBe("cuarenta y una");
    expect(countInWords(120)).toBe("120");
  });

  it("names sessions and quarters", () => {
    expect(feminineOrdinal(3)).toBe("tercera");
    expect(feminineOrdinal(12)).toBe("décima segunda");
    expect(quarterName(1, 2021)).toBe("primer trimestre de 2021");
  });

  it("puts «de» and the right article before an institution's name", () => {
    expect(ofInstitution("Secretaría Ejecutiva")).toBe("de la Secretaría Ejecutiva");
    expect(ofInstitution("Unidad Técnica Especializada de Fiscalización")).toBe(
      "de la Unidad Técnica Especializada de Fiscalización",
    );
    expect(ofInstitution("Contraloría Interna")).toBe("de la Contraloría Interna");
    expect(ofInstitution("Dirección Ejecutiva de Asociaciones Políticas")).toBe(
      "de la Dirección Ejecutiva de Asociaciones Políticas",
    );
    expect(ofInstitution("Órgano Interno de Control")).toBe("del Órgano Interno de Control");
    expect(ofInstitution("Consejo General")).toBe("del Consejo General");
    expect(ofInstitution("Sistema de Vinculación")).toBe("del Sistema de Vinculación");
    expect(ofInstitution("Direcciones Distritales")).toBe("de las Direcciones Distritales");
    expect(ofInstitution("Consejos Distritales")).toBe("de los Consejos Distritales");
    expect(ofInstitution("La Casa de la Cultura")).toBe("de La Casa de la Cultura");
  });

  it("joins with «y», or «e» before an /i/ sound", () => {
    expect(joinSpanish(["primera", "segunda", "tercera"])).toBe("primera, segunda y tercera");
    expect(joinSpanish(["Coyoacán", "Iztapalapa"])).toBe("Coyoacán e Iztapalapa");
    expect(joinSpanish(["Roma", "hierro"])).toBe("Roma y hierro");
  });
});

describe("dates in documents", () => {
  it("writes one or several days with computed weekdays, month and year once", async () => {
    const { formatSpanishDateList, formatSpanishLongDate } = await import("./calendar.ts");
    expect(formatSpanishLongDate("2021-01-21")).toBe("jueves 21 de enero de 2021");
    expect(formatSpanishLongDate("2021-02-26")).toBe("viernes 26 de febrero de 2021");
    expect(formatSpanishDateList(["2021-01-08", "2021-01-06"], { padDay: true })).toBe(
      "miércoles 06 y viernes 08 de enero de 2021",
    );
    expect(formatSpanishDateList(["2021-02-01", "2021-03-04"])).toBe(
      "lunes 1 de febrero y jueves 4 de marzo de 2021",
    );
    expect(formatSpanishDateList(["2020-12-22", "2021-01-21", "2021-01-22"])).toBe(
      "martes 22 de diciembre de 2020, jueves 21 y viernes 22 de enero de 2021",
    );
  });
});
