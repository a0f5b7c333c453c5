/**
 * Outreach (issue 6): contact lists, contacts with consent, their import from CSV/XLSX, data-protection (ARCO)
 * requests, the export of one person's data and retention. Personal data: «contacts.read» and «contacts.write»
 * (technical secretariat), and every read of a list's contacts by a person is logged (docs/decisions/022).
 */

import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { applyRetention } from "../../domain/outreach/apply-retention.ts";
import { recordBounce } from "../../domain/outreach/bounces.ts";
import { previewCampaign, sendCampaignTest, ZCampaignTest } from "../../domain/outreach/campaign-preview.ts";
import {
  campaignProgress,
  cancelCampaign,
  createCampaign,
  getCampaign,
  listCampaigns,
  scheduleCampaign,
  startCampaign,
  unscheduleCampaign,
  updateCampaign,
  ZCampaignCreate,
  ZCampaignQuery,
  ZCampaignSchedule,
  ZCampaignUpdate,
} from "../../domain/outreach/campaigns.ts";
import {
  addConsent,
  changeContactStatus,
  createContact,
  getContact,
  listContacts,
  rectifyContact,
} from "../../domain/outreach/contacts.ts";
import {
  createDataProtectionRequest,
  listDataProtectionRequests,
  resolveDataProtectionRequest,
} from "../../domain/outreach/data-protection-requests.ts";
import { exportPersonData } from "../../domain/outreach/export-person.ts";
import { importContacts, ZContactImportResult } from "../../domain/outreach/import-contacts.ts";
import {
  createOutreachList,
  getOutreachList,
  listContactListReads,
  listOutreachLists,
  removeOutreachList,
  updateOutreachList,
} from "../../domain/outreach/lists.ts";
import {
  ZConsentInput,
  ZContactCreate,
  ZContactFilters,
  ZContactRectify,
  ZContactStatusChange,
  ZDataProtectionRequestCreate,
  ZDataProtectionRequestResolve,
  ZListCreate,
  ZListUpdate,
} from "../../domain/outreach/outreach.schema.ts";
import { todayInMexicoCity } from "../../domain/shared/calendar.ts";
import { ZPagination } from "../../domain/shared/primitives.ts";
import { ZProblem } from "../problem.ts";
import { LIMITS } from "../security.ts";
import { acceptRawUploads, uploadedBytes } from "../uploads.ts";
import type { RouteDependencies } from "./index.ts";

const lists = ["Listas de contactos"];
const requests = ["Derechos ARCO"];
const campaignTags = ["Campañas"];
const ZIdParams = z.object({ id: z.string().max(100) });

export async function registerOutreachRoutes(app: FastifyInstance, deps: RouteDependencies): Promise<void> {
  const { context, outreach } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/outreach-lists",
    {
      config: { permission: "contacts.read" },
      schema: {
        tags: lists,
        summary: "Listas de contactos",
        description: "Las listas de las comisiones del usuario, con cuántos contactos tiene cada una.",
        querystring: z.object({ commissionId: z.string().max(100).optional() }),
      },
    },
    async (request) => listOutreachLists(context(request), request.query.commissionId),
  );
  api.post(
    "/outreach-lists",
    {
      config: { permission: "contacts.write" },
      schema: { tags: lists, summary: "Crea una lista", body: ZListCreate },
    },
    async (request, reply) =>
      reply.status(201).send(await createOutreachList(context(request), request.body)),
  );
  api.post(
    "/campaigns",
    {
      config: { permission: "contacts.write" },
      schema: { tags: campaignTags, summary: "Crea una campaña en borrador", body: ZCampaignCreate },
    },
    async (request, reply) => reply.status(201).send(await createCampaign(context(request), request.body)),
  );
  api.get(
    "/campaigns/:id",
    {
      config: { permission: "contacts.read" },
      schema: { tags: campaignTags, summary: "Una campaña", params: ZIdParams },
    },
    async (request) => getCampaign(context(request), request.params.id),
  );
  api.get(
    "/campaigns/:id/progress",
    {
      config: { permission: "contacts.read" },
      schema: {
        tags: campaignTags,
        summary: "Avance del envío",
        description: "Cuántas entregas hay en cada estado (pendiente, enviándose, enviada, fallida…).",
        params: ZIdParams,
      },
    },
    async (request) => campaignProgress(context(request), request.params.id),
  );
  api.patch(
    "/campaigns/:id",
    {
      config: { permission: "contacts.write" },
      schema: {
        tags: campaignTags,
        summary: "Modifica una campaña en borrador",
        params: ZIdParams,
        body: ZCampaignUpdate,
      },
    },
    async (request) => updateCampaign(context(request), request.params.id, request.body),
  );
  api.post(
    "/campaigns/:id/start",
    {
      config: { permission: "contacts.write" },
      schema: {
        tags: campaignTags,
        summary: "Inicia un envío",
        description:
          "Inicia el primer envío de una campaña en borrador o programada, o uno nuevo (recordatorio) de una " +
          "enviada: la campaña pasa a «sending» con una entrega pendiente por contacto suscrito. Si el servidor " +
          "tiene correo configurado (GET /outreach/mail) la envía él mismo; si no, `vincula campaign send --id …`.",
        params: ZIdParams,
      },
    },
    async (request) => {
      const { campaign, send, deliveries } = await startCampaign(context(request), request.params.id);
      outreach?.wake();
      return { ...campaign, send, deliveries };
    },
  );
  api.get(
    "/outreach-lists/:id/campaigns",
    {
      config: { permission: "contacts.read" },
      schema: {
        tags: campaignTags,
        summary: "Campañas de una lista",
        description: "De la más reciente a la más antigua; sin datos personales.",
        params: ZIdParams,
        querystring: ZCampaignQuery,
      },
    },
    async (request) => listCampaigns(context(request), request.params.id, request.query),
  );
  api.post(
    "/campaigns/:id/schedule",
    {
      config: { permission: "contacts.write" },
      schema: {
        tags: campaignTags,
        summary: "Programa el envío",
        description: "El servidor la inicia a esa hora (si tiene correo configurado).",
        params: ZIdParams,
        body: ZCampaignSchedule,
      },
    },
    async (request) => {
      const campaign = await scheduleCampaign(context(request), request.params.id, request.body);
      outreach?.wake();
      return campaign;
    },
  );
  api.delete(
    "/campaigns/:id/schedule",
    {
      config: { permission: "contacts.write" },
      schema: { tags: campaignTags, summary: "Quita la programación (vuelve a borrador)", params: ZIdParams },
    },
    async (request) => unscheduleCampaign(context(request), request.params.id),
  );
  api.post(
    "/campaigns/:id/cancel",
    {
      config: { permission: "contacts.write" },
      schema: {
        tags: campaignTags,
        summary: "Cancela la campaña",
        description:
          "Una campaña en borrador o programada no se envía; una que se está enviando se detiene: lo ya " +
          "entregado queda registrado (y en su actividad), lo pendiente se marca como cancelado.",
        params: ZIdParams,
      },
    },
    async (request) => cancelCampaign(context(request), request.params.id),
  );
  api.get(
    "/campaigns/:id/preview",
    {
      config: { permission: "contacts.read" },
      schema: {
        tags: campaignTags,
        summary: "Vista previa del mensaje",
        description:
          "El mensaje tal como lo recibiría un contacto de ejemplo («María Ejemplo»): asunto, HTML y texto.",
        params: ZIdParams,
      },
    },
    async (request) => previewCampaign(context(request), request.params.id, outreach?.settings),
  );
  api.post(
    "/campaigns/:id/test",
    {
      config: { permission: "contacts.write" },
      schema: {
        tags: campaignTags,
        summary: "Envía una prueba",
        description:
          "Envía el mensaje (asunto con «[Prueba]») a hasta cinco direcciones, no a la lista. 503 " +
          "`mail_not_configured` si el servidor no tiene correo configurado.",
        params: ZIdParams,
        body: ZCampaignTest,
      },
    },
    async (request) => sendCampaignTest(context(request), request.params.id, request.body, outreach),
  );
  api.get(
    "/outreach/mail",
    {
      config: { permission: "contacts.read" },
      schema: {
        tags: campaignTags,
        summary: "¿Envía correo este servidor?",
        description:
          "`configured: true` si el servidor envía las campañas él mismo (y las pruebas); si no, se envían con " +
          "`vincula campaign send --id …`.",
      },
    },
    async () => ({ configured: outreach !== undefined }),
  );

  api.get(
    "/outreach-lists/:id",
    {
      config: { permission: "contacts.read" },
      schema: { tags: lists, summary: "Una lista", params: ZIdParams },
    },
    async (request) => getOutreachList(context(request), request.params.id),
  );
  api.patch(
    "/outreach-lists/:id",
    {
      config: { permission: "contacts.write" },
      schema: {
        tags: lists,
        summary: "Modifica una lista",
        params: ZIdParams,
        body: ZListUpdate,
      },
    },
    async (request) => updateOutreachList(context(request), request.params.id, request.body),
  );
  api.delete(
    "/outreach-lists/:id",
    {
      config: { permission: "contacts.write" },
      schema: {
        tags: lists,
        summary: "Elimina una lista con sus contactos, consentimientos y campañas",
        params: ZIdParams,
      },
    },
    async (request, reply) => {
      await removeOutreachList(context(request), request.params.id);
      return reply.status(204).send();
    },
  );

  api.get(
    "/outreach-lists/:id/contacts",
    {
      config: { permission: "contacts.read" },
      schema: {
        tags: lists,
        summary: "Contactos de una lista",
        description:
          "Filtra por estado, país, etiqueta o texto (nombre o correo). Cada consulta queda registrada con quién " +
          "la hizo, cuándo y con qué filtros.",
        params: ZIdParams,
        querystring: ZContactFilters,
      },
    },
    async (request) => listContacts(context(request), request.params.id, request.query),
  );
  api.get(
    "/outreach-lists/:id/reads",
    {
      config: { permission: "contacts.read" },
      schema: {
        tags: lists,
        summary: "Quién consultó los contactos de la lista y cuándo",
        description: "El registro de consultas de datos personales, de la más reciente a la más antigua.",
        params: ZIdParams,
        querystring: ZPagination,
      },
    },
    async (request) => listContactListReads(context(request), request.params.id, request.query),
  );
  api.post(
    "/outreach-lists/:id/contacts",
    {
      config: { permission: "contacts.write" },
      schema: {
        tags: lists,
        summary: "Agrega un contacto con su consentimiento",
        params: ZIdParams,
        body: ZContactCreate,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createContact(context(request), request.params.id, request.body)),
  );
  api.get(
    "/contacts/:id",
    {
      config: { permission: "contacts.read" },
      schema: {
        tags: lists,
        summary: "Un contacto con sus consentimientos",
        params: ZIdParams,
      },
    },
    async (request) => getContact(context(request), request.params.id),
  );
  api.patch(
    "/contacts/:id",
    {
      config: { permission: "contacts.write" },
      schema: {
        tags: lists,
        summary: "Rectifica los datos de un contacto",
        params: ZIdParams,
        body: ZContactRectify,
      },
    },
    async (request) => rectifyContact(context(request), request.params.id, request.body),
  );
  api.post(
    "/contacts/:id/status",
    {
      config: { permission: "contacts.write" },
      schema: {
        tags: lists,
        summary: "Cambia el estado de un contacto (suscrito, dado de baja, rebotado, bloqueado)",
        params: ZIdParams,
        body: ZContactStatusChange,
      },
    },
    async (request) => changeContactStatus(context(request), request.params.id, request.body),
  );
  api.post(
    "/contacts/:id/consents",
    {
      config: { permission: "contacts.write" },
      schema: {
        tags: lists,
        summary: "Registra un consentimiento del contacto",
        params: ZIdParams,
        body: ZConsentInput,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addConsent(context(request), request.params.id, request.body)),
  );

  api.get(
    "/data-protection-requests",
    {
      config: { permission: "contacts.read" },
      schema: {
        tags: requests,
        summary: "Solicitudes de acceso, rectificación, cancelación y oposición",
        description: "Las pendientes primero, por fecha límite.",
        querystring: z.object({
          commissionId: z.string().max(100).optional(),
          pending: z.enum(["true", "false"]).optional(),
        }),
      },
    },
    async (request) =>
      listDataProtectionRequests(context(request), {
        commissionId: request.query.commissionId,
        isPending: request.query.pending === "true",
      }),
  );
  api.post(
    "/data-protection-requests",
    {
      config: { permission: "contacts.write" },
      schema: {
        tags: requests,
        summary: "Registra una solicitud ARCO",
        description: "La fecha límite es el vigésimo día hábil después de la recepción (docs/decisions/022).",
        body: ZDataProtectionRequestCreate,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createDataProtectionRequest(context(request), request.body)),
  );
  api.post(
    "/data-protection-requests/:id/resolution",
    {
      config: { permission: "contacts.write" },
      schema: {
        tags: requests,
        summary: "Resuelve una solicitud ARCO",
        params: ZIdParams,
        body: ZDataProtectionRequestResolve,
      },
    },
    async (request) => resolveDataProtectionRequest(context(request), request.params.id, request.body),
  );
  api.get(
    "/personal-data",
    {
      config: { permission: "contacts.read" },
      schema: {
        tags: requests,
        summary: "Exporta los datos de una persona (JSON)",
        description:
          "Cada registro de contacto con ese correo en las listas que el usuario puede consultar, con sus " +
          "consentimientos y envíos, y las solicitudes ARCO hechas con ese correo. La consulta queda registrada.",
        querystring: z.object({ email: z.string().max(320) }),
      },
    },
    async (request) => exportPersonData(context(request), request.query.email),
  );
  api.post(
    "/outreach-retention",
    {
      config: { permission: "contacts.write" },
      schema: {
        tags: lists,
        summary: "Aplica la retención a las listas de las comisiones del usuario",
        description:
          "Bloquea los contactos cuyo último consentimiento pasó el periodo de retención de su lista y elimina los " +
          "bloqueados hace más de 90 días.",
      },
    },
    async (request) => applyRetention(context(request), todayInMexicoCity()),
  );

  await registerImportRoute(app, deps);
  await registerBounceRoute(app, deps);
}

/** A bounce (delivery status notification) as it came: the whole message, as text. */
async function registerBounceRoute(app: FastifyInstance, { context }: RouteDependencies) {
  await app.register(async (scope) => {
    for (const type of ["message/rfc822", "text/plain"])
      scope.addContentTypeParser(type, { parseAs: "string" }, (_request, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      "/outreach/bounces",
      {
        config: { permission: "contacts.write" },
        schema: {
          tags: campaignTags,
          summary: "Registra un rebote que llegó después",
          description:
            "El cuerpo es el aviso de rebote completo (RFC 3464 u otro), con Content-Type: message/rfc822 o " +
            "text/plain. Si es un fallo permanente, las entregas cuyos Message-ID cita quedan «bounced» y sus " +
            "contactos también; un retraso (4.x.x, «delayed») no cambia nada.",
          consumes: ["message/rfc822", "text/plain"],
          body: z.string().meta({ type: "string" }),
        },
      },
      async (request) => recordBounce(context(request), request.body),
    );
  });
}

async function registerImportRoute(app: FastifyInstance, { context, maxUploadBytes }: RouteDependencies) {
  await app.register(async (scope) => {
    const uploadErrors = acceptRawUploads(scope, {
      types: ["application/octet-stream", "text/csv"],
      maxBytes: maxUploadBytes,
      expected: "el archivo CSV o XLSX tal cual, con Content-Type: application/octet-stream o text/csv",
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      "/outreach-lists/:id/contacts/import",
      {
        config: { permission: "contacts.write" },
        bodyLimit: maxUploadBytes,
        handlerTimeout: LIMITS.importHandlerTimeoutMs,
        errorHandler: uploadErrors,
        schema: {
          tags: lists,
          summary: "Importa contactos desde CSV o XLSX",
          description:
            "El cuerpo es el archivo. Columnas (encabezados en la primera fila, en cualquier orden): nombre, correo*, " +
            "país, ciudad, idioma, etiquetas, fecha de consentimiento*, fuente del consentimiento*, versión del aviso, " +
            "finalidades (docs/outreach.md). `commit=false` revisa y no guarda; `commit=true` guarda las filas " +
            "válidas en una transacción. Toda fila rechazada (correo mal formado o repetido en el archivo o en la " +
            "lista, sin consentimiento, fecha o país inválidos…) se informa con su número y sus motivos.",
          consumes: ["application/octet-stream", "text/csv"],
          params: ZIdParams,
          querystring: z.object({
            commit: z.enum(["true", "false"]).default("false").describe("true: guardar; false: solo revisar"),
          }),
          body: z.unknown().meta({ type: "string", format: "binary" }),
          response: {
            200: ZContactImportResult,
            201: ZContactImportResult,
            400: ZProblem,
            404: ZProblem,
            409: ZProblem,
            413: ZProblem,
            415: ZProblem,
            422: ZProblem,
          },
        },
      },
      async (request, reply) => {
        const result = await importContacts(context(request), {
          listId: request.params.id,
          bytes: uploadedBytes(request.body),
          commit: request.query.commit === "true",
          today: todayInMexicoCity(),
        });
        return reply.status(result.committed ? 201 : 200).send(result);
      },
    );
  });
}
