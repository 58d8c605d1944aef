/** One error handler: every failure becomes the contract's error shape; bad input never a 5xx. */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { translateDetails, translateParams } from '../../i18n/errors.js';
import { type Lang, type MessageKey, t } from '../../i18n/index.js';
import { langOf } from '../routes/helpers.js';

export function sendError(
  reply: FastifyReply,
  lang: Lang,
  status: number,
  code: string,
  key: MessageKey,
  params: Record<string, unknown> = {},
  details: unknown[] = [],
) {
  // serialized as it is: a route's response schema (e.g. 403 → import result) must not turn an error into a 500
  return reply
    .status(status)
    .type('application/json; charset=utf-8')
    .serializer(JSON.stringify)
    .send({ error: { code, message: t(lang, key, translateParams(lang, params)), details } });
}

/** The router's own refusals (a path part above maxParamLength: 414, a malformed address: 400), in our shape. */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const lang = langOf(request);
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return sendError(reply, lang, 414, 'url_too_long', 'error.url_too_long', { max: MAX_PARAM_LENGTH });
  if (err.code === 'FST_ERR_BAD_URL') return sendError(reply, lang, 400, 'bad_url', 'error.bad_url');
  return sendError(
    reply,
    lang,
    err.statusCode && err.statusCode < 500 ? err.statusCode : 400,
    'bad_request',
    'error.bad_request',
  );
}

/** Fastify's default maxParamLength. */
const MAX_PARAM_LENGTH = 100;

/**
 * What Node's HTTP parser refuses before any route runs (headers too large: 431, an unreadable request: 400,
 * a client too slow: 408): the contract's error shape, in Vietnamese (no header can be trusted to say the
 * language), written straight to the socket as Fastify's default does.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, key] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? ([431, 'headers_too_large', 'error.headers_too_large'] as const)
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ([408, 'timeout', 'error.bad_request_raw'] as const)
        : ([400, 'bad_request', 'error.bad_request_raw'] as const);
  if (!socket.writable) {
    socket.destroy(err);
    return;
  }
  const body = JSON.stringify({ error: { code, message: t('vi', key), details: [] } });
  socket.write(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  socket.destroy(err);
}

export function registerErrorHandling(app: FastifyInstance, opts: { spa: boolean }) {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const lang = langOf(request);
    if (err instanceof AppError) {
      return sendError(
        reply,
        lang,
        err.status,
        err.code,
        err.messageKey,
        err.params,
        translateDetails(lang, err.details),
      );
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        field:
          [
            v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
            (v.params as { issue?: { path?: unknown[] } })?.issue?.path?.join('.'),
          ]
            .filter(Boolean)
            .join('.') || String(err.validationContext ?? ''),
        message: v.message,
      }));
      return sendError(
        reply,
        lang,
        400,
        'validation',
        'error.validation',
        { count: details.length },
        details,
      );
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply, lang, 413, 'body_too_large', 'error.body_too_large', {
        limit: `${Math.round((request.routeOptions.bodyLimit ?? 0) / 1048576)} MB`,
      });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendError(reply, lang, 415, 'unsupported_media_type', 'error.unsupported_media', {
        type: request.headers['content-type'] ?? '',
      });
    }
    if (
      err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      err instanceof SyntaxError
    ) {
      return sendError(reply, lang, 400, 'invalid_json', 'error.invalid_json', { reason: err.message });
    }
    const pgCode = (err as { code?: string }).code;
    if (pgCode === 'chiso_cancelled' || (pgCode === '57014' && request.workScope?.signal.aborted)) {
      // the client has gone: nobody reads this answer
      return sendError(reply, lang, 503, 'cancelled', 'error.internal');
    }
    if (pgCode === '57014' && /statement timeout/.test(err.message)) {
      const ms = request.workScope?.statementTimeoutMs ?? 0;
      reply.header('retry-after', '5');
      return sendError(reply, lang, 503, 'query_timeout', 'error.query_timeout' as MessageKey, {
        seconds: Math.round(ms / 100) / 10 || '?',
      });
    }
    if (err.statusCode === 429) {
      return sendError(reply, lang, 429, 'too_many_requests', 'error.too_many', { after: err.message });
    }
    if (err.code === 'FST_STATIC_FORBIDDEN_PATH' || err.statusCode === 404) {
      // a file path the static server refuses (dot segments, `//`, an alias spelling) is answered as any
      // missing address, so it tells nothing of the files behind it
      return notFoundAnswer(request, reply, lang);
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // a framework's or plugin's own refusal: chiso's code for the status, never the framework's name
      const status = err.statusCode;
      const [code, key] = STATUS_ERRORS[status] ?? [statusCode(status), 'error.bad_request'];
      return sendError(reply, lang, status, code, key, {}, [{ message: err.message }]);
    }
    request.log.error({ err }, 'unhandled error');
    return sendError(reply, lang, 500, 'internal', 'error.internal');
  });

  app.setNotFoundHandler((request, reply) => {
    // the web app's own routes (deep links) are answered with its index.html
    if (
      opts.spa &&
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      !request.url.startsWith('/assets/')
    ) {
      return reply.type('text/html').sendFile('index.html');
    }
    return notFoundAnswer(request, reply, langOf(request));
  });
}

/** No such address: 404 `not_found`, naming the method and path. */
function notFoundAnswer(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
  return sendError(reply, lang, 404, 'not_found', 'error.route_not_found', {
    method: request.method,
    url: request.url.split('?')[0],
  });
}

/** chiso's code and message for a 4xx a framework or plugin raised with its own code. */
const STATUS_ERRORS: Partial<Record<number, readonly [string, MessageKey]>> = {
  400: ['bad_request', 'error.bad_request'],
  401: ['unauthorized', 'error.unauthorized'],
  403: ['forbidden', 'error.forbidden'],
  413: ['body_too_large', 'error.bad_request'],
  415: ['unsupported_media_type', 'error.bad_request'],
};

/** Any other status by its HTTP name: 405 → `method_not_allowed`, 416 → `range_not_satisfiable`. */
export const statusCode = (status: number): string =>
  (STATUS_CODES[status] ?? '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '_')
    .replace(/^_|_$/g, '') || 'bad_request';
