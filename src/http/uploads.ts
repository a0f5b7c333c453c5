/**
 * Routes whose body is a file as it is (an attachment, a workbook, a CSV): one way to accept the raw bytes in a
 * plugin scope, and one error handler that answers a body too large (413 `attachment_too_large`) or of another
 * type (415) in the terms of the route.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { tooLarge } from "../domain/attachments/upload-attachment.ts";
import { problem, problemFromAppError } from "./problem.ts";

export type UploadErrorHandler = (
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) => unknown;

/**
 * Makes `scope` take bodies of these content types as a Buffer of at most `maxBytes`, and returns the error
 * handler its upload routes declare; `expected` says what to send, e.g. «el libro XLSX tal cual, con
 * Content-Type: application/octet-stream».
 */
export function acceptRawUploads(
  scope: FastifyInstance,
  options: { types: string[]; maxBytes: number; expected: string },
): UploadErrorHandler {
  for (const type of options.types)
    scope.addContentTypeParser(
      type,
      { parseAs: "buffer", bodyLimit: options.maxBytes },
      (_request, body, done) => done(null, body),
    );
  return (error, _request, reply) => {
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      const body = problemFromAppError(tooLarge(options.maxBytes));
      return reply.status(body.status).type("application/problem+json").send(body);
    }
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE" || error.statusCode === 415)
      return reply
        .status(415)
        .type("application/problem+json")
        .send(problem(415, "unsupported_media_type", `Envíe ${options.expected}.`));
    throw error;
  };
}

/** The raw body as bytes (empty when there was none). */
export function uploadedBytes(body: unknown): Uint8Array {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
