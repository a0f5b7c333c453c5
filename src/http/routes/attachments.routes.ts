/**
 * Files: upload as a raw body (application/octet-stream, name in `?filename=`), metadata, and content with its
 * type, a download name and the sha256 as ETag. The raw-body parser lives in its own scope, so no other route
 * accepts octet-stream bodies, and its size limit is the configured maximum upload size.
 */

import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZAttachment } from "../../domain/attachments/attachments.schema.ts";
import { ACCEPTED_MEDIA_TYPES } from "../../domain/attachments/detect-media-type.ts";
import { getAttachment, readAttachmentBytes } from "../../domain/attachments/read-attachment.ts";
import { uploadAttachment } from "../../domain/attachments/upload-attachment.ts";
import { ZProblem } from "../problem.ts";
import { acceptRawUploads } from "../uploads.ts";
import type { RouteDependencies } from "./index.ts";

const tags = ["Archivos"];
const ZIdParams = z.object({ id: z.string().max(100) });
const ZUploadQuery = z.object({
  filename: z.string().max(1000).describe("Nombre original del archivo, con su extensión"),
});
const ZBinary = z.unknown().meta({ type: "string", format: "binary" });

/** `attachment; filename="informe_2021.pdf"; filename*=UTF-8''informe%202021.pdf` (RFC 6266). */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export async function registerAttachmentRoutes(
  app: FastifyInstance,
  { context, files, maxUploadBytes }: RouteDependencies,
): Promise<void> {
  await app.register(async (scope) => {
    const uploadErrors = acceptRawUploads(scope, {
      types: ["application/octet-stream"],
      maxBytes: maxUploadBytes,
      expected: "el contenido del archivo tal cual, con Content-Type: application/octet-stream",
    });
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.post(
      "/attachments",
      {
        config: { permission: "records.write" },
        bodyLimit: maxUploadBytes,
        errorHandler: uploadErrors,
        schema: {
          tags,
          summary: "Sube un archivo",
          description:
            "El cuerpo es el contenido del archivo (application/octet-stream). El tipo se determina por el " +
            "contenido, no por el nombre ni por Content-Type: se admiten PDF, PNG, JPEG, DOCX, XLSX y texto plano UTF-8 " +
            "(no HTML, XML ni SVG, aunque se llamen .txt), y la extensión " +
            "del nombre debe corresponder al contenido (415 `attachment_type_not_allowed`). Más grande que el " +
            "máximo configurado: 413 `attachment_too_large`.",
          consumes: ["application/octet-stream"],
          querystring: ZUploadQuery,
          body: ZBinary,
          response: { 201: ZAttachment, 400: ZProblem, 413: ZProblem, 415: ZProblem },
        },
      },
      async (request, reply) => {
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const attachment = await uploadAttachment(
          context(request),
          { files, maxUploadBytes },
          { bytes, filename: request.query.filename },
        );
        return reply.status(201).send(attachment);
      },
    );

    api.get(
      "/attachments/:id",
      {
        config: { permission: "records.read" },
        schema: {
          tags,
          summary: "Datos de un archivo",
          params: ZIdParams,
          response: { 200: ZAttachment, 404: ZProblem },
        },
      },
      async (request) => getAttachment(context(request), request.params.id),
    );

    api.get(
      "/attachments/:id/content",
      {
        config: { permission: "records.read" },
        schema: {
          tags,
          summary: "Contenido de un archivo",
          description:
            "Con su tipo, el nombre original para descargar y la huella SHA-256 como ETag (If-None-Match → 304).",
          params: ZIdParams,
          produces: ACCEPTED_MEDIA_TYPES,
          response: { 200: ZBinary, 304: z.null(), 404: ZProblem },
        },
      },
      async (request, reply) => {
        const attachment = await getAttachment(context(request), request.params.id);
        const etag = `"${attachment.sha256}"`;
        reply
          .header("ETag", etag)
          .header("Cache-Control", "private, no-cache")
          .header("X-Content-Type-Options", "nosniff");
        const ifNoneMatch = request.headers["if-none-match"];
        if (ifNoneMatch?.split(",").some((tag) => tag.trim() === etag || tag.trim() === "*"))
          return reply.status(304).send(null);
        const bytes = await readAttachmentBytes(context(request), files, attachment);
        return reply
          .type(attachment.mediaType)
          .header("Content-Disposition", contentDisposition(attachment.filename))
          .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      },
    );
  });
}
