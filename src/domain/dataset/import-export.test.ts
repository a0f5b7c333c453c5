import { and, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { smallDataset } from "../../../tests/support/dataset-fixture.ts";
import { uniqueKey } from "../../../tests/support/factories.ts";
import { renderMarkdown } from "../../documents/render-markdown.ts";
import { resolveDocument } from "../../documents/report-document.ts";
import { type Db, queryRows } from "../../platform/db/open.ts";
import {
  activities,
  campaignSends,
  campaigns,
  commissions,
  outreachLists,
} from "../../platform/db/schema.ts";
import { createContact } from "../outreach/contacts.ts";
import { collectReportFacts } from "../reports/collect-report-facts.ts";
import { composeReport } from "../reports/compose-report.ts";
import { DEFAULT_REPORT_TEMPLATE } from "../reports/report-template.ts";
import { AppError, describeDetail } from "../shared/errors.ts";
import type { DatasetInput } from "./dataset.schema.ts";
import { exportDataset } from "./export-dataset.ts";
import { importDataset } from "./import-dataset.ts";

/** Row counts of every table: "the database exactly as it was" at the granularity that matters. */
async function snapshot(db: Db): Promise<Record<string, number>> {
  const tables = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like '%migrations%' order by 1`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table_name)}`,
    );
    counts[table_name] = Number(row?.n);
  }
  return counts;
}

/** The small dataset with a list and two campaigns: one sent twice, worded for the report, one plain. */
function withCampaigns(suffix: string): DatasetInput {
  const dataset = smallDataset(suffix);
  dataset.outreachLists = [
    {
      key: "voto-chilango",
      name: "Voto Chilango",
      purpose: "Informar a la ciudadanía residente en el extranjero sobre sus derechos político-electorales.",
      retentionMonths: 36,
      privacyNoticeVersion: "2020-12",
      campaigns: [
        {
          key: "correo-taller",
          subject: "Taller de credencialización y registro",
          bodyMarkdown: "Hola, {nombre}:\n\nTe invitamos al **taller** (datos de prueba).",
          reportTitle: 'Envío de invitación a "Taller de credencialización y registro".',
          action: "2021-1A",
          counterparts: [`uacm-${suffix}`],
          recipients: 11873,
          sends: [
            { on: "2021-01-06", delivered: 11873, failed: 12 },
            { on: "2021-01-08", delivered: 11840, failed: 9 },
          ],
        },
        {
          subject: "Fecha límite para registrarte",
          bodyMarkdown: "Quedan pocos días (datos de prueba).",
          action: "2021-1A",
          sends: [{ on: "2021-03-10", delivered: 11790 }],
        },
      ],
    },
  ];
  return dataset;
}

describeEachEngine("dataset import and export", (t) => {
  it("imports a whole commission and exports the same records back (import → export → import is identical)", async () => {
    const suffix = uniqueKey("rt");
    const original = smallDataset(suffix);
    // The commission's own report template travels with its records.
    original.reportTemplate = {
      ...DEFAULT_REPORT_TEMPLATE,
      parts: {
        "1A": [
          {
            intro: "Se elaboraron {countWordsFem} notas ejecutivas:",
            presentation: {
              kind: "activities",
              kinds: [`note-${suffix}`],
              followedBodies: [`ine-cg-${suffix}`],
              hasRowNumbers: true,
              groupByFollowedBody: false,
              columns: [{ header: "Fecha", value: "date" }],
            },
          },
        ],
      },
    };
    const summary = await importDataset(t.context, original);
    expect(summary.counts).toMatchObject({ sessions: 2, resolutions: 4, activities: 2, attendance: 9 });

    const first = await exportDataset(t.context, `cx-${suffix}`);
    expect(first.resolutions.map((r) => r.number)).toEqual([
      "CX/001/21",
      "CX/002/21",
      "CX/003/21",
      "CX/004/21",
    ]);
    expect(first.sessions[0]?.minutesApprovedBy).toBe("CX/004/21");
    expect(first.reportTemplate).toEqual(original.reportTemplate);
    expect(first.activities.find((a) => a.key === "talk-1")?.dates).toEqual(["2021-02-10", "2021-03-17"]);

    await importDataset(t.context, first, { replace: true });
    const second = await exportDataset(t.context, `cx-${suffix}`);
    expect(second).toEqual(first);
  });

  it("rejects an impossible date, an unknown person and a duplicate number together, and writes nothing", async () => {
    const suffix = uniqueKey("bad");
    const dataset = smallDataset(suffix) as ReturnType<typeof smallDataset> & Record<string, never>;
    dataset.sessions![1]!.date = "2021-02-29";
    dataset.sessions![0]!.attendance![1]!.person = "nadie-conocido";
    dataset.resolutions![3]!.number = "CX/003/21";
    // Text PostgreSQL cannot store would fail half-way: refused up front, with its place.
    dataset.resolutions![2]!.title = "Acuerdo\u0000 con un carácter nulo";
    dataset.reportTemplate = {
      ...DEFAULT_REPORT_TEMPLATE,
      parts: {
        "1A": [
          {
            presentation: {
              kind: "activities",
              kinds: ["nota-inexistente"],
              hasRowNumbers: true,
              groupByFollowedBody: false,
              columns: [{ header: "Fecha", value: "date" }],
            },
          },
        ],
      },
    };
    const before = await snapshot(t.context.db);

    const error = (await importDataset(t.context, dataset).catch((e) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("dataset_invalid");
    const lines = error.details.map(describeDetail);
    expect(lines).toContainEqual(
      expect.stringMatching(/^sessions\[1\]\.date: «2021-02-29» no es una fecha válida/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^sessions\[0\]\.attendance\[1\]\.person: «nadie-conocido» persona desconocida/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^resolutions\[3\]\.number: «CX\/003\/21» número de acuerdo repetido/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^resolutions\[2\]\.title: .*carácter nulo \(U\+0000\)/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^reportTemplate\.parts\.1A\[0\]\.presentation\.kinds\[0\]: «nota-inexistente» clase de actividad desconocida/,
      ),
    );
    expect(await snapshot(t.context.db)).toEqual(before);
  });

  it("checks historical numbers against the commission's pattern and the session's year", async () => {
    const dataset = smallDataset(uniqueKey("num"));
    dataset.resolutions![0]!.number = "CX-001-21";
    dataset.resolutions![1]!.number = "CX/002/20";
    const error = (await importDataset(t.context, dataset).catch((e) => e)) as AppError;
    const lines = error.details.map(describeDetail);
    expect(lines).toContainEqual(
      expect.stringContaining("resolutions[0].number: «CX-001-21» no sigue el patrón"),
    );
    expect(lines).toContainEqual(
      expect.stringContaining("resolutions[1].number: «CX/002/20» el año del número no coincide"),
    );
  });

  it("validates without writing on a dry run, and refuses to overwrite an existing commission", async () => {
    const dataset = smallDataset(uniqueKey("dry"));
    const before = await snapshot(t.context.db);
    const summary = await importDataset(t.context, dataset, { dryRun: true });
    expect(summary.dryRun).toBe(true);
    expect(await snapshot(t.context.db)).toEqual(before);
    await importDataset(t.context, dataset);
    await expect(importDataset(t.context, dataset)).rejects.toMatchObject({ code: "commission_exists" });
  });

  it("continues numbering after imported historical numbers", async () => {
    const suffix = uniqueKey("seq");
    await importDataset(t.context, smallDataset(suffix));
    const [counter] = await queryRows<{ last_seq: number }>(
      t.context.db,
      sql`select last_seq from numbering_counters n join commissions c on n.scope = 'resolution:' || c.id where c.key = ${`cx-${suffix}`} and n.year = 2021`,
    );
    expect(Number(counter?.last_seq)).toBe(4);
  });
  it("imports lists and campaigns without contacts, derives their activities, and exports them once (no duplicates)", async () => {
    const suffix = uniqueKey("camp");
    const summary = await importDataset(t.context, withCampaigns(suffix));
    expect(summary.counts).toMatchObject({ activities: 2, outreachLists: 1, campaigns: 2 });
    const commission = await t.context.db.query.commissions.findFirst({
      where: eq(commissions.key, `cx-${suffix}`),
    });
    const commissionId = commission?.id as string;
    const rows = await t.context.db
      .select({ subject: campaigns.subject, status: campaigns.status, activityId: campaigns.activityId })
      .from(campaigns)
      .innerJoin(outreachLists, eq(outreachLists.id, campaigns.listId))
      .where(eq(outreachLists.commissionId, commissionId));
    expect(rows.map((row) => row.status)).toEqual(["sent", "sent"]);
    const sends = await t.context.db
      .select({ sentOn: campaignSends.sentOn, finishedAt: campaignSends.finishedAt })
      .from(campaignSends)
      .innerJoin(campaigns, eq(campaigns.id, campaignSends.campaignId))
      .innerJoin(outreachLists, eq(outreachLists.id, campaigns.listId))
      .where(eq(outreachLists.commissionId, commissionId));
    expect(sends.map((send) => send.sentOn).sort()).toEqual(["2021-01-06", "2021-01-08", "2021-03-10"]);
    expect(sends.every((send) => send.finishedAt !== null)).toBe(true);

    // The activity of the campaign sent twice: derived, under the key the dataset gave it.
    const [derived] = await t.context.db
      .select()
      .from(activities)
      .where(and(eq(activities.commissionId, commissionId), eq(activities.key, "correo-taller")));
    expect(derived).toMatchObject({
      title: 'Envío de invitación a "Taller de credencialización y registro".',
      audience: "Voto Chilango",
      quantity: 11873,
      startDate: "2021-01-06",
      endDate: "2021-01-08",
    });
    expect(rows.map((row) => row.activityId)).toContain(derived?.id);

    // The report lists both in the action's part, dated on their sends, worded by the campaign.
    const facts = await collectReportFacts(t.context, { commissionId, period: "2021-Q1" });
    const document = composeReport(facts);
    resolveDocument(document);
    const markdown = renderMarkdown(document);
    expect(markdown).toMatch(
      /Miércoles 06 y viernes 08 de enero de 2021 \| Envío de invitación a "Taller de credencialización y registro"\./,
    );
    expect(markdown).toMatch(
      /Miércoles 10 de marzo de 2021 \| Envío del correo "Fecha límite para registrarte"\./,
    );

    const first = await exportDataset(t.context, `cx-${suffix}`);
    expect(first.activities.map((a) => a.key).sort()).toEqual(["note-1", "talk-1"]);
    const [list] = first.outreachLists;
    expect(list).not.toHaveProperty("contacts");
    expect(list?.campaigns[0]).toEqual({
      key: "correo-taller",
      subject: "Taller de credencialización y registro",
      bodyMarkdown: "Hola, {nombre}:\n\nTe invitamos al **taller** (datos de prueba).",
      reportTitle: 'Envío de invitación a "Taller de credencialización y registro".',
      action: "2021-1A",
      counterparts: [`uacm-${suffix}`],
      recipients: 11873,
      sends: [
        { on: "2021-01-06", delivered: 11873, failed: 12 },
        { on: "2021-01-08", delivered: 11840, failed: 9 },
      ],
    });
    // A campaign imported without a key gets the sender's key, which the export then carries.
    expect(list?.campaigns[1]).toMatchObject({ recipients: 11790, sends: [{ on: "2021-03-10", failed: 0 }] });
    expect(list?.campaigns[1]?.key).toMatch(/^campana-/);

    await importDataset(t.context, first, { replace: true });
    const second = await exportDataset(t.context, `cx-${suffix}`);
    expect(second).toEqual(first);
    const [count] = await queryRows<{ n: number }>(
      t.context.db,
      sql`select count(*)::int as n from activities a join commissions c on c.id = a.commission_id where c.key = ${`cx-${suffix}`}`,
    );
    expect(Number(count?.n)).toBe(4);
  });

  it("refuses to replace a commission whose lists hold contacts, which a dataset cannot bring back", async () => {
    const suffix = uniqueKey("keep");
    const dataset = withCampaigns(suffix);
    await importDataset(t.context, dataset);
    const [list] = await t.context.db
      .select({ id: outreachLists.id })
      .from(outreachLists)
      .innerJoin(commissions, eq(commissions.id, outreachLists.commissionId))
      .where(eq(commissions.key, `cx-${suffix}`));
    await createContact(t.context, list?.id as string, {
      email: "persona@example.org",
      consent: { givenOn: "2020-05-01", source: "formulario web" },
    });
    const before = await snapshot(t.context.db);
    const error = (await importDataset(t.context, dataset, { replace: true }).catch((e) => e)) as AppError;
    expect(error).toMatchObject({ code: "in_use" });
    expect(error.message).toContain("1 contacto");
    expect(await snapshot(t.context.db)).toEqual(before);
  });

  it("rejects a bad campaign with the path of each problem, and writes nothing", async () => {
    const suffix = uniqueKey("badcamp");
    const dataset = withCampaigns(suffix);
    const [taller, plain] = dataset.outreachLists?.[0]?.campaigns ?? [];
    Object.assign(taller ?? {}, { action: "2021-9Z", key: "talk-1", counterparts: ["nadie"] });
    Object.assign(plain ?? {}, {
      subject: "Dos\nlíneas",
      kind: "clase-inexistente",
      sends: [
        { on: "2021-03-10", delivered: 1 },
        { on: "2021-02-30", delivered: 1 },
        { on: "2021-03-01", delivered: 1 },
      ],
    });
    dataset.outreachLists?.push({
      ...(dataset.outreachLists[0] as object),
      key: "vacia",
      campaigns: [
        {
          subject: "A nadie",
          bodyMarkdown: "x",
          counterparts: [`uacm-${suffix}`],
          sends: [{ on: "2021-03-01", delivered: 0, failed: 3 }],
        },
      ],
    } as never);
    dataset.outreachLists?.push({
      ...(dataset.outreachLists[0] as object),
      campaigns: [{ subject: "Sin envíos", bodyMarkdown: "x", sends: [] }],
    } as never);
    const before = await snapshot(t.context.db);
    const error = (await importDataset(t.context, dataset).catch((e) => e)) as AppError;
    expect(error.code).toBe("dataset_invalid");
    const lines = error.details.map(describeDetail);
    const c = "outreachLists[0].campaigns";
    for (const expected of [
      `${c}[0].action: «2021-9Z» acción programada desconocida en los programas del archivo`,
      `${c}[0].key: «talk-1» clave repetida: ya la usa una actividad del archivo`,
      `${c}[0].counterparts[0]: «nadie» organización desconocida`,
      `${c}[1].subject: «Dos\nlíneas» El asunto no puede tener saltos de línea`,
      `${c}[1].kind: «clase-inexistente» clase de actividad desconocida`,
      `${c}[1].sends[1].on: «2021-02-30» no es una fecha válida`,
      `${c}[1].sends[2].on: «2021-03-01» los envíos van del primero al último`,
      "outreachLists[1].campaigns[0].counterparts: una campaña cuyos envíos no entregaron ningún mensaje",
      "outreachLists[2].key: «voto-chilango» clave repetida en el archivo",
      "outreachLists[2].campaigns[0].sends: una campaña necesita al menos un envío terminado",
    ]) {
      expect(lines).toContainEqual(expect.stringContaining(expected));
    }
    expect(await snapshot(t.context.db)).toEqual(before);
  });
});
