/**
 * Printable documents (A4, the layout of an official Vietnamese report) and the same documents as
 * PDF: a frozen review, a live ranking, a unit's report, a plan's progress. Each `…/print` answers
 * the HTML page; `…/print.pdf` renders that very page (same service call, the caller's own rights)
 * in Chromium. No Chromium on the server: 503 with a message.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Lang } from '../../../../i18n/index.js';
import {
  type PrintDocument,
  planDocument,
  rankingDocument,
  reportDocument,
  reviewDocument,
} from '../../../../services/print/documents.js';
import { officialHtml } from '../../../../services/print/official.js';
import { htmlToPdf } from '../../../../services/print/pdf.js';
import { download } from '../../../openapi.js';
import { actorOf } from '../../../plugins/auth.js';
import { langOf } from '../../helpers.js';
import {
  codeParams,
  idParams,
  langQuery,
  planPrintQuery,
  rankingPrintQuery,
  reportPrintQuery,
} from './schema.js';

type Render = (request: FastifyRequest, lang: Lang) => Promise<PrintDocument>;

interface PrintRoute {
  url: string;
  /** operationId of the HTML page; the PDF's adds `Pdf`. */
  id: string;
  summary: string;
  params?: z.ZodType;
  querystring: z.ZodType;
  render: Render;
  filename: (request: FastifyRequest) => string;
}

/** `/api/x/print?a=1` → `/api/x/print.pdf?a=1` (the link in the page's toolbar). */
function pdfHref(request: FastifyRequest): string {
  const [path, query] = request.url.split('?');
  return `${path}.pdf${query ? `?${query}` : ''}`;
}

async function sendHtml(request: FastifyRequest, reply: FastifyReply, route: PrintRoute) {
  const lang = (request.query as { lang?: Lang }).lang ?? langOf(request);
  const doc = await route.render(request, lang);
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(officialHtml({ ...doc, toolbar: { pdfHref: pdfHref(request) } }));
}

async function sendPdf(request: FastifyRequest, reply: FastifyReply, route: PrintRoute) {
  const lang = (request.query as { lang?: Lang }).lang ?? langOf(request);
  const doc = await route.render(request, lang);
  const pdf = await htmlToPdf(officialHtml(doc));
  const filename = route.filename(request).replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .header('content-type', 'application/pdf')
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${filename}.pdf"`)
    .send(pdf);
}

export default async function print(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const query = <T>(request: FastifyRequest) => request.query as T;

  const routes: PrintRoute[] = [
    {
      url: '/reviews/:id/print',
      id: 'printReview',
      summary: 'A frozen review (sơ kết / tổng kết)',
      params: idParams,
      querystring: langQuery,
      render: (request, lang) => reviewDocument(db, actorOf(request), Number(params(request).id), lang),
      filename: (request) => `review-${params(request).id}`,
    },
    {
      url: '/scorecards/:code/ranking/print',
      id: 'printRanking',
      summary: 'The ranking of a scorecard as it stands (same query as GET …/ranking)',
      params: codeParams,
      querystring: rankingPrintQuery,
      render: (request, lang) =>
        rankingDocument(
          db,
          actorOf(request),
          params(request).code,
          query<z.infer<typeof rankingPrintQuery>>(request),
          lang,
        ),
      filename: (request) => `ranking-${params(request).code}-${query<{ period: string }>(request).period}`,
    },
    {
      url: '/forms/:code/entry/print',
      id: 'printReport',
      summary: "A unit's report for a form and period",
      params: codeParams,
      querystring: reportPrintQuery,
      render: (request, lang) =>
        reportDocument(
          db,
          actorOf(request),
          params(request).code,
          query<z.infer<typeof reportPrintQuery>>(request),
          lang,
        ),
      filename: (request) => {
        const q = query<{ orgUnit: string; period: string }>(request);
        return `report-${params(request).code}-${q.orgUnit}-${q.period}`;
      },
    },
    {
      url: '/plans/:code/print',
      id: 'printPlanProgress',
      summary: "A plan's progress: its targets by status and by indicator",
      params: codeParams,
      querystring: planPrintQuery,
      render: (request, lang) =>
        planDocument(db, actorOf(request), params(request).code, query<{ asOf?: string }>(request), lang),
      filename: (request) => `plan-${params(request).code}`,
    },
  ];

  for (const route of routes) {
    const schema = { tags: ['print'], params: route.params, querystring: route.querystring };
    r.get(
      route.url,
      {
        schema: {
          ...schema,
          operationId: route.id,
          summary: `${route.summary}: printable A4 HTML page`,
          response: { 200: download('The page', 'text/html') },
        },
      },
      (request, reply) => sendHtml(request, reply, route),
    );
    r.get(
      `${route.url}.pdf`,
      {
        schema: {
          ...schema,
          operationId: `${route.id}Pdf`,
          summary: `${route.summary}: PDF (A4)`,
          response: { 200: download('The document', 'application/pdf') },
          description:
            'The print page rendered in Chromium with the caller’s rights. 503 pdf_unavailable when the server has no Chromium, pdf_busy when the queue is full, pdf_timeout when it took too long.',
        },
      },
      (request, reply) => sendPdf(request, reply, route),
    );
  }
}
