import { beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { ensureInstitution, uniqueKey } from "../../../tests/support/factories.ts";
import { AppError } from "../shared/errors.ts";
import { areaResource, organisationResource } from "./catalogs.resources.ts";

describeEachEngine("catalogue records", (t) => {
  beforeAll(async () => {
    await ensureInstitution(t.context);
  });

  it("creates, reads, updates, lists and deletes an organisation", async () => {
    const key = uniqueKey("tecdmx");
    const created = await organisationResource.create(t.context, {
      key,
      name: "Tribunal Electoral de la Ciudad de México",
      acronym: "TECDMX",
      kind: "court",
      sector: "public",
      aliases: ["Tribunal Electoral CDMX"],
    });
    expect(created).toMatchObject({ key, acronym: "TECDMX", aliases: ["Tribunal Electoral CDMX"] });
    const updated = await organisationResource.update(t.context, created.id, { acronym: "TECM" });
    expect(updated.acronym).toBe("TECM");
    const page = await organisationResource.list(t.context, { name: "tribunal electoral", limit: 10 });
    expect(page.items.map((o) => o.id)).toContain(created.id);
    await organisationResource.remove(t.context, created.id);
    await expect(organisationResource.get(t.context, created.id)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("rejects invalid input with Spanish details and stores nothing", async () => {
    const before = await areaResource.list(t.context, { limit: 500 });
    const error = await areaResource.create(t.context, { key: "Con Acentos á", name: "" }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("validation_failed");
    expect(error.details.map((d: { path: string }) => d.path).sort()).toEqual(["key", "name"]);
    expect(error.details[0].message).toMatch(/[a-zá-ú]/);
    const after = await areaResource.list(t.context, { limit: 500 });
    expect(after.total).toBe(before.total);
  });

  it("refuses a duplicate key with a conflict code", async () => {
    const key = uniqueKey("utvoe");
    await areaResource.create(t.context, {
      key,
      name: "Unidad Técnica de Vinculación con Organismos Externos",
    });
    await expect(areaResource.create(t.context, { key, name: "Otra" })).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("finds records accent-insensitively through their search column", async () => {
    const key = uniqueKey("deeccc");
    await areaResource.create(t.context, {
      key,
      name: "Dirección Ejecutiva de Educación Cívica y Construcción de Ciudadanía",
      kind: "executive_direction",
    });
    const page = await areaResource.list(t.context, { q: "educacion civica" });
    expect(page.items.map((a) => a.key)).toContain(key);
  });
});

describeEachEngine("catalogue updates", (t) => {
  it("change only the fields that were sent (defaults do not overwrite stored values)", async () => {
    await ensureInstitution(t.context);
    const area = await areaResource.create(t.context, {
      key: uniqueKey("utgdh"),
      name: "Unidad Técnica de Género y Derechos Humanos",
      kind: "technical_unit",
      aliases: ["Unidad Técnica de Derechos Humanos y Género"],
    });
    const updated = await areaResource.update(t.context, area.id, { acronym: "UTGDH" });
    expect(updated).toMatchObject({
      acronym: "UTGDH",
      kind: "technical_unit",
      aliases: ["Unidad Técnica de Derechos Humanos y Género"],
    });
  });
});
