import { describe, expect, it } from "vitest";
import {
  elfExecutable,
  minimalDocx,
  minimalPdf,
  minimalXlsx,
  onePixelPng,
  storedZip,
  windowsExecutable,
} from "../../../tests/support/files.ts";
import { detectMediaType, extensionOf, isMarkup, zipEntryNames } from "./detect-media-type.ts";

const typeOf = (bytes: Uint8Array, name?: string) => detectMediaType(bytes, name)?.mediaType;

describe("media type by content", () => {
  it("recognises the accepted types by their bytes", () => {
    expect(typeOf(minimalPdf())).toBe("application/pdf");
    expect(typeOf(onePixelPng())).toBe("image/png");
    expect(typeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]))).toBe("image/jpeg");
    expect(typeOf(minimalDocx())).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(typeOf(minimalXlsx())).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(typeOf(Buffer.from("Nota ejecutiva: sesión del 21 de enero\r\n\tpunto 1", "utf8"))).toBe(
      "text/plain; charset=utf-8",
    );
    expect(typeOf(Buffer.from("clave,nombre\ntecdmx,Tribunal\n"), "organismos.csv")).toBe(
      "text/csv; charset=utf-8",
    );
  });

  it("refuses executables, other archives and binary data", () => {
    expect(typeOf(elfExecutable())).toBeUndefined();
    expect(typeOf(windowsExecutable())).toBeUndefined();
    expect(typeOf(storedZip({ "programa.exe": "MZ" }))).toBeUndefined();
    // An OOXML package that is neither Word nor Excel (PowerPoint).
    expect(
      typeOf(storedZip({ "[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>" })),
    ).toBeUndefined();
    expect(typeOf(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeUndefined();
    expect(typeOf(Buffer.from([0x68, 0x6f, 0x6c, 0x61, 0xc3]))).toBeUndefined(); // truncated UTF-8
    expect(typeOf(Buffer.from("texto\u0000con nulos"))).toBeUndefined();
  });

  it("refuses text that is markup a browser would run: HTML, XML, SVG, script", () => {
    const text = (value: string) => Buffer.from(value, "utf8");
    const hostile = [
      "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
      "\uFEFF  \n<html lang=es><p>convenio</p></html>",
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      '<svg onload="alert(1)"/>',
      "Minuta de la sesión\n\n<ScRiPt src=//example.com/x.js></script>",
      "Anexo\n<iframe src=javascript:alert(1)>",
    ];
    for (const content of hostile) {
      expect(isMarkup(text(content)), content).toBe(true);
      expect(typeOf(text(content), "anexo.txt"), content).toBeUndefined();
      expect(typeOf(text(content)), content).toBeUndefined();
    }
    // Text that mentions markup, or uses angle brackets, is still text.
    for (const content of [
      "a < b y c > d",
      "Se usó la etiqueta <p> en la página",
      "<<Anexo 1>>",
      "# Título\n<br>",
    ])
      expect(typeOf(text(content), "nota.md"), content).toBe("text/markdown; charset=utf-8");
  });

  it("reads the names of a ZIP file from its central directory", () => {
    expect(zipEntryNames(minimalDocx())).toEqual(["[Content_Types].xml", "word/document.xml"]);
    expect(zipEntryNames(Buffer.from("not a zip"))).toBeUndefined();
  });

  it("takes the extension of a name", () => {
    expect(extensionOf("Convenio TECDMX.PDF")).toBe("pdf");
    expect(extensionOf("LEEME")).toBeUndefined();
    expect(extensionOf(".bashrc")).toBeUndefined();
    expect(extensionOf("informe.")).toBeUndefined();
  });
});
