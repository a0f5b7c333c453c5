/** Agenda, attendance and minutes of a session (the session itself is a plain resource: /sessions). */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { addAgendaItem } from "../../domain/sessions/add-agenda-item.ts";
import { approveMinutes, withdrawMinutesApproval } from "../../domain/sessions/approve-minutes.ts";
import { getAgendaItem, listAgendaItems } from "../../domain/sessions/list-agenda-items.ts";
import { listSessionAttendance } from "../../domain/sessions/list-attendance.ts";
import { recordAttendance } from "../../domain/sessions/record-attendance.ts";
import { removeAgendaItem } from "../../domain/sessions/remove-agenda-item.ts";
import { reorderAgenda } from "../../domain/sessions/reorder-agenda.ts";
import {
  ZAgendaItem,
  ZAgendaItemCreate,
  ZAgendaItemUpdate,
  ZAgendaOrder,
  ZAttendance,
  ZAttendanceList,
  ZMinutesApproval,
  ZSession,
} from "../../domain/sessions/sessions.schema.ts";
import { updateAgendaItem } from "../../domain/sessions/update-agenda-item.ts";
import { ZProblem } from "../problem.ts";
import type { RouteDependencies } from "./index.ts";

const ZSessionParams = z.object({ id: z.string().max(100) });
const ZItemParams = ZSessionParams.extend({ itemId: z.string().max(100) });
const errors = { 400: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const tags = ["Sesiones"];

export function registerSessionRoutes(app: FastifyInstance, { context }: RouteDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/sessions/:id/agenda-items",
    {
      config: { permission: "sessions.read" },
      schema: {
        tags,
        summary: "Orden del día de la sesión",
        params: ZSessionParams,
        response: { 200: z.object({ items: z.array(ZAgendaItem) }), ...errors },
      },
    },
    async (request) => ({ items: await listAgendaItems(context(request), request.params.id) }),
  );
  api.get(
    "/agenda-items/:id",
    {
      config: { permission: "sessions.read" },
      schema: {
        tags,
        summary: "Consulta un punto del orden del día",
        description: "Con la sesión a la que pertenece (`sessionId`).",
        params: ZSessionParams,
        response: { 200: ZAgendaItem, ...errors },
      },
    },
    async (request) => getAgendaItem(context(request), request.params.id),
  );
  api.post(
    "/sessions/:id/agenda-items",
    {
      config: { permission: "records.write" },
      schema: {
        tags,
        summary: "Agrega un punto al orden del día",
        description: "Sin `position`, al final; con ella, los puntos siguientes bajan un lugar.",
        params: ZSessionParams,
        body: ZAgendaItemCreate,
        response: { 201: ZAgendaItem, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addAgendaItem(context(request), request.params.id, request.body)),
  );
  api.patch(
    "/sessions/:id/agenda-items/:itemId",
    {
      config: { permission: "records.write" },
      schema: {
        tags,
        summary: "Modifica un punto del orden del día",
        params: ZItemParams,
        body: ZAgendaItemUpdate,
        response: { 200: ZAgendaItem, ...errors },
      },
    },
    async (request) =>
      updateAgendaItem(context(request), request.params.id, request.params.itemId, request.body),
  );
  api.delete(
    "/sessions/:id/agenda-items/:itemId",
    {
      config: { permission: "records.write" },
      schema: {
        tags,
        summary: "Quita un punto del orden del día",
        description:
          "Los puntos siguientes suben un lugar. No se puede quitar un punto en el que se adoptó un acuerdo.",
        params: ZItemParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeAgendaItem(context(request), request.params.id, request.params.itemId);
      return reply.status(204).send(null);
    },
  );
  api.put(
    "/sessions/:id/agenda-order",
    {
      config: { permission: "records.write" },
      schema: {
        tags,
        summary: "Reordena el orden del día",
        description: "Recibe todos los puntos, cada uno una vez, en el orden nuevo.",
        params: ZSessionParams,
        body: ZAgendaOrder,
        response: { 200: z.object({ items: z.array(ZAgendaItem) }), ...errors },
      },
    },
    async (request) => ({ items: await reorderAgenda(context(request), request.params.id, request.body) }),
  );

  api.get(
    "/sessions/:id/attendance",
    {
      config: { permission: "sessions.read" },
      schema: {
        tags,
        summary: "Lista de asistencia de la sesión",
        params: ZSessionParams,
        response: { 200: z.object({ entries: z.array(ZAttendance) }), ...errors },
      },
    },
    async (request) => ({ entries: await listSessionAttendance(context(request), request.params.id) }),
  );
  api.put(
    "/sessions/:id/attendance",
    {
      config: { permission: "records.write" },
      schema: {
        tags,
        summary: "Registra la lista de asistencia completa",
        description:
          "Sustituye la lista guardada. Integrantes y secretaría técnica requieren personId; representaciones de " +
          "partido, partyId; personas invitadas, areaId y personId.",
        params: ZSessionParams,
        body: ZAttendanceList,
        response: { 200: z.object({ entries: z.array(ZAttendance) }), ...errors },
      },
    },
    async (request) => ({
      entries: await recordAttendance(context(request), request.params.id, request.body),
    }),
  );

  api.put(
    "/sessions/:id/minutes-approval",
    {
      config: { permission: "records.write" },
      schema: {
        tags,
        summary: "Vincula la minuta con el acuerdo que la aprobó",
        description:
          "El acuerdo debe ser de la misma comisión y de una sesión posterior (o posterior el mismo día).",
        params: ZSessionParams,
        body: ZMinutesApproval,
        response: { 200: ZSession, ...errors },
      },
    },
    async (request) => approveMinutes(context(request), request.params.id, request.body),
  );
  api.delete(
    "/sessions/:id/minutes-approval",
    {
      config: { permission: "records.write" },
      schema: {
        tags,
        summary: "Quita el vínculo entre la minuta y el acuerdo que la aprobó",
        params: ZSessionParams,
        response: { 200: ZSession, ...errors },
      },
    },
    async (request) => withdrawMinutesApproval(context(request), request.params.id),
  );
}
