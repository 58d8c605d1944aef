/**
 * The OpenAPI document: what every route must declare, the one error shape, and the transform that
 * turns a route's zod schemas into the document (docs/ARCHITECTURE.md "Documenting a route").
 *
 * A route under /api declares in its `schema`: `operationId` (camelCase, unique), `summary`, and a
 * 2xx `response` (zod; a download uses `download(...)`). A body the handler reads itself (CSV,
 * .xlsx, multipart) is declared with `accepts: {contentType: zodSchema}` — documentation only, the
 * handler keeps reading it. `checkRouteDocs` refuses, at registration (so at start and in every
 * test), a route that lacks one of them; `openApiTransform` adds the error shape to every operation.
 */

import { isDeepStrictEqual } from 'node:util';
import type { SwaggerTransform } from '@fastify/swagger';
import type { RouteOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

declare module 'fastify' {
  interface FastifySchema {
    /** Bodies the handler reads itself, by content type (documentation only: nothing is validated with them). */
    accepts?: Record<string, z.ZodType>;
  }
}

/** The one error shape of the API (`server/plugins/errors.ts` sends it). */
export const apiError = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine code: validation, forbidden, not_found…' }),
      message: z
        .string()
        .meta({ description: "In the request's language (Accept-Language: vi default, en)" }),
      details: z
        .array(z.record(z.string(), z.unknown()))
        .meta({ description: 'Per field or row: {field, message} or {row, field, rule, message}' }),
    }),
  })
  .meta({ description: 'An error: `{"error":{"code","message","details"}}`' });

export const API_ERROR_REF = '#/components/schemas/ApiError';

/** The component schemas the document starts with (routes refer to them by `$ref`). */
export function sharedComponents() {
  const { $schema: _drop, ...json } = z.toJSONSchema(apiError, { target: 'openapi-3.0' }) as Record<
    string,
    unknown
  >;
  return { ApiError: json };
}

/** Bytes of a file (a download or an upload) in the document. */
export const binary = z.string().meta({ format: 'binary' });

/** A 2xx answer that is a file of one of these content types (sent with `sendFile`). */
export function download(description: string, ...contentTypes: string[]) {
  return {
    description,
    content: Object.fromEntries(contentTypes.map((type) => [type, { schema: binary }])),
  };
}

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A multipart upload of one file field named `file`. */
export const multipartFile = z.object({ file: binary });

type Docs = {
  operationId?: string;
  summary?: string;
  hide?: boolean;
  response?: Record<string, unknown>;
};

const OPERATION_ID = /^[a-z][A-Za-z0-9]*$/;

/**
 * An onRoute hook (one per app): every documented route under /api declares a unique camelCase
 * operationId, a summary and a 2xx response. Throws, naming the route and what it lacks.
 */
export function routeDocsChecker() {
  const seen = new Map<string, string>();
  return (route: RouteOptions) => {
    const methods = [route.method].flat().filter((m) => m !== 'HEAD');
    if (!route.url.startsWith('/api/') || methods.length === 0) return;
    const schema = route.schema as Docs | undefined;
    if (schema?.hide) return;
    const where = `${methods.join(',')} ${route.url}`;
    const missing: string[] = [];
    const id = schema?.operationId;
    if (!id || !OPERATION_ID.test(id)) missing.push('operationId (camelCase)');
    else if (seen.has(id)) missing.push(`a unique operationId (${id} is also ${seen.get(id)})`);
    else seen.set(id, where);
    if (!schema?.summary) missing.push('summary');
    if (!Object.keys(schema?.response ?? {}).some((code) => /^2/.test(code))) missing.push('a 2xx response');
    if (missing.length > 0)
      throw new Error(
        `${where}: the route's schema needs ${missing.join(', ')} (docs/ARCHITECTURE.md, "Documenting a route")`,
      );
  };
}

type Json = Record<string, unknown>;

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: API_ERROR_REF } } },
});

/**
 * jsonSchemaTransform (zod → JSON schema) plus: `accepts` becomes the request body's content types
 * (beside the validated JSON `body`), every operation gets the error shape for 4XX and 5XX (unless
 * it declares its own for a status), and a 204 has no content.
 */
export const openApiTransform: SwaggerTransform = (document) => {
  const schema = document.schema as (Docs & { accepts?: Record<string, z.ZodType> }) | undefined;
  if (!schema || schema.hide) return jsonSchemaTransform(document);
  const { accepts, ...rest } = schema;
  const out = jsonSchemaTransform({ ...document, schema: rest } as Parameters<SwaggerTransform>[0]);
  const result = out.schema as Json;
  if (accepts) {
    const content: Json = {};
    if (result.body) content['application/json'] = { schema: result.body };
    for (const [type, zod] of Object.entries(accepts)) {
      const converted = jsonSchemaTransform({
        ...document,
        schema: { body: zod },
      } as Parameters<SwaggerTransform>[0]).schema as Json;
      content[type] = { schema: converted.body };
    }
    result.body = { content };
  }
  const response = (result.response ?? {}) as Json;
  if (response['204']) response['204'] = { type: 'null', description: 'Done; no content' };
  response['4XX'] ??= errorResponse(
    'Refused: bad input (400), no login (401), no right (403), not found (404), conflict (409), too large (413), unsupported type (415), unprocessable (422), too many requests (429)',
  );
  response['5XX'] ??= errorResponse('Server error');
  result.response = response;
  return { ...out, schema: tidy(result) as typeof out.schema };
};

/**
 * What zod's OpenAPI 3.0 output leaves for a linter: an `anyOf` of one schema (merged into its
 * parent) or of none (dropped), repeated branches, and `nullable` beside an `anyOf` with no `type` (moved onto each branch, so null stays valid).
 */
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (value === null || typeof value !== 'object') return value;
  const out: Json = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tidy(v)]));
  // branches that came out alike (e.g. a date or a date-time: both plain strings) are one branch
  const anyOf = (out.anyOf as Json[] | undefined)?.filter(
    (branch, i, all) => all.findIndex((other) => JSON.stringify(other) === JSON.stringify(branch)) === i,
  );
  if (anyOf) out.anyOf = anyOf;
  if (anyOf?.length === 0) delete out.anyOf; // every branch was unrepresentable: any value
  if (anyOf?.length === 1) {
    delete out.anyOf;
    return { ...anyOf[0], ...out };
  }
  if (anyOf && out.nullable === true && out.type === undefined) {
    delete out.nullable;
    out.anyOf = anyOf.map((branch) => (branch.type === undefined ? branch : { ...branch, nullable: true }));
  }
  return out;
}

/** A CSV body or file as text. */
export const csvText = z.string().meta({ description: 'CSV, UTF-8 (a BOM is allowed), header row first' });

/** `{ok: true}`: done, nothing else to say. */
export const okShape = z.object({ ok: z.boolean().meta({ description: 'Always true' }) });

/** A code with its Vietnamese and English names (pillars, fields…). */
export const namedCode = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });

/** A stored time: a timestamp column (sent as an ISO date-time) or a date already as text. */
export const storedTime = z.union([z.date(), z.string()]);

/**
 * For tests (`buildApp(…, { strictResponses: true })`): the zod serializer, refusing an answer its
 * schema would change — a field the schema lacks would otherwise be dropped without a word, and the
 * document would never learn of it.
 */
export const strictSerializerCompiler: typeof serializerCompiler = (route) => {
  const serialize = serializerCompiler(route);
  return (data) => {
    const out = serialize(data);
    const sent = JSON.parse(out);
    const given = JSON.parse(JSON.stringify(data));
    if (!isDeepStrictEqual(sent, given))
      throw new Error(
        `${route.method} ${route.url}: the response schema (${route.httpStatus}) drops or changes fields: ${JSON.stringify(given).slice(0, 300)}`,
      );
    return out;
  };
};
