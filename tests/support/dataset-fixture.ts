/** A small, complete, valid dataset (a fictional commission) for import/export tests; keys made unique per call. */
import type { DatasetInput } from "../../src/domain/dataset/dataset.schema.ts";

export function smallDataset(suffix: string): DatasetInput {
  const k = (key: string) => `${key}-${suffix}`;
  return {
    format: "vincula-dataset",
    version: 1,
    institution: { key: "iecm", name: "Instituto Electoral de la Ciudad de México", acronym: "IECM" },
    activityKinds: [
      { key: k("talk"), name: "Plática en universidad" },
      { key: k("note"), name: "Nota ejecutiva" },
    ],
    agreementTypes: [{ key: k("specific"), name: "Específico" }],
    areas: [
      {
        key: k("utvoe"),
        name: "Unidad Técnica de Vinculación con Organismos Externos",
        acronym: "UTVOE",
        kind: "technical_unit",
      },
      {
        key: k("deeccc"),
        name: "Dirección Ejecutiva de Educación Cívica y Construcción de Ciudadanía",
        kind: "executive_direction",
      },
    ],
    organisations: [
      {
        key: k("ine"),
        name: "Instituto Nacional Electoral",
        acronym: "INE",
        kind: "electoral_body",
        sector: "public",
      },
      { key: k("ine-cg"), name: "Consejo General del INE", kind: "electoral_body_organ", parent: k("ine") },
      {
        key: k("uacm"),
        name: "Universidad Autónoma de la Ciudad de México",
        acronym: "UACM",
        kind: "university",
        sector: "academic",
      },
    ],
    parties: [{ key: k("pan"), name: "Partido Acción Nacional", acronym: "PAN" }],
    people: [
      {
        key: k("chair"),
        name: "Ana Pérez Ruiz",
        aliases: ["Ana Pérez Ruíz"],
        honorific: "consejera electoral",
      },
      { key: k("member-1"), name: "Luis Gómez Soto" },
      { key: k("member-2"), name: "Marta Díaz León" },
      { key: k("secretary"), name: "Sofía Cruz Vega", honorific: "maestra" },
    ],
    commission: {
      key: k("cx"),
      name: "Comisión de Prueba",
      acronym: "CX",
      kind: "permanent",
      technicalArea: k("utvoe"),
      numbering: { resolution: "{acronym}/{seq:3}/{yy}", pertinenceOpinion: "IECM/UTVOE/OP/{seq:2}/{yyyy}" },
    },
    memberships: [
      {
        person: k("chair"),
        role: "chair",
        votingRight: true,
        from: "2020-10-09",
        designatedBy: "IECM-ACU-CG-075-2020",
      },
      { person: k("member-1"), role: "member", votingRight: true, from: "2020-10-09" },
      { person: k("member-2"), role: "member", votingRight: true, from: "2020-10-09" },
      { person: k("secretary"), role: "technical_secretary", votingRight: false },
      { role: "party_representative", votingRight: false, onBehalfOf: k("pan") },
    ],
    programmes: [
      {
        year: 2021,
        title: "Programa Anual de Trabajo 2021",
        approvedBy: "CX/040/20",
        ratifiedBy: "CX/002/21",
        lines: [
          {
            number: 1,
            title: "Seguimiento a la vinculación con el Instituto Nacional Electoral",
            actions: [
              {
                letter: "A",
                title: "El seguimiento puntual a las sesiones del Consejo",
                quarters: [1, 2, 3, 4],
                areas: [k("utvoe")],
              },
              {
                letter: "B",
                title: "Pláticas en universidades",
                quarters: [3],
                justifications: [{ quarter: 1, text: "Programadas para el tercer trimestre de 2021." }],
              },
            ],
          },
        ],
      },
    ],
    sessions: [
      {
        key: "2021-ord-1",
        kind: "ordinary",
        number: 1,
        date: "2021-01-21",
        modality: "remote",
        agenda: [
          { kind: "agenda_approval", title: "Aprobación del orden del día" },
          { kind: "resolution", title: "Ratificación del Programa Anual de Trabajo 2021" },
          { kind: "report", title: "Informe sobre convenios", series: "agreements-report" },
        ],
        attendance: [
          { category: "member", person: k("chair"), present: true },
          { category: "member", person: k("member-1"), present: true },
          { category: "member", person: k("member-2"), present: false },
          { category: "technical_secretary", person: k("secretary"), present: true },
          { category: "party_representative", party: k("pan"), present: true },
          {
            category: "invited_official",
            area: k("deeccc"),
            present: true,
            capacity: "Encargado del despacho",
          },
        ],
        minutesApprovedBy: "CX/004/21",
      },
      {
        key: "2021-ord-2",
        kind: "ordinary",
        number: 2,
        date: "2021-02-25",
        modality: "remote",
        agenda: [
          { kind: "agenda_approval", title: "Aprobación del orden del día" },
          { kind: "minutes_approval", title: "Aprobación de la minuta de la primera sesión" },
        ],
        attendance: [
          { category: "member", person: k("chair"), present: true },
          { category: "member", person: k("member-1"), present: true },
          { category: "member", person: k("member-2"), present: true },
        ],
      },
    ],
    resolutions: [
      {
        number: "CX/001/21",
        session: "2021-ord-1",
        agendaItem: 1,
        title: "Aprobación del orden del día",
        votes: [{ person: k("chair"), vote: "yes" }],
      },
      {
        number: "CX/002/21",
        session: "2021-ord-1",
        agendaItem: 2,
        title: "Ratificación del Programa Anual de Trabajo 2021",
      },
      { number: "CX/003/21", session: "2021-ord-2", agendaItem: 1, title: "Aprobación del orden del día" },
      {
        number: "CX/004/21",
        session: "2021-ord-2",
        agendaItem: 2,
        title: "Aprobación de la minuta de la primera sesión",
      },
    ],
    agreements: [
      {
        key: "tecdmx-2021",
        title: "Convenio de Colaboración con el Tribunal Electoral de la Ciudad de México",
        type: k("specific"),
        counterparts: [k("uacm")],
        object: "Establecer las bases de apoyo y colaboración.",
        areas: [k("utvoe")],
        management: "direct",
        stage: "in_force",
        stages: [{ stage: "signed", date: "2021-03-08" }],
        signedOn: "2021-03-08",
        indefinite: true,
        ceremony: { date: "2021-03-08", description: "Firma a distancia" },
      },
    ],
    pertinenceOpinions: [
      {
        number: "IECM/UTVOE/OP/01/2021",
        agreement: "tecdmx-2021",
        subject: "Proyecto de convenio con el TECDMX",
        outcome: "favourable",
        areas: [k("utvoe")],
      },
    ],
    agreementProgress: [
      { agreement: "tecdmx-2021", session: "2021-ord-2", area: k("utvoe"), text: "Avance reportado" },
    ],
    activities: [
      {
        key: "note-1",
        kind: k("note"),
        action: "2021-1A",
        title: "Nota ejecutiva de la sesión del Consejo General del INE",
        dates: ["2021-01-15"],
        followedBody: k("ine-cg"),
      },
      {
        key: "talk-1",
        kind: k("talk"),
        action: "2021-1A",
        title: "Plática de vinculación en la UACM",
        dates: ["2021-02-10", "2021-03-17"],
        counterparts: [k("uacm")],
        participants: [{ person: k("secretary"), role: "ponente" }],
        quantity: 40,
      },
    ],
  };
}
