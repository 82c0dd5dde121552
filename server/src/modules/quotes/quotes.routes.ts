import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { closePdfBrowser } from '../../lib/pdf.ts';
import { ErrorSchema, errorResponses, HistorySchema, IdParams, ListOf, Nullable } from '../../lib/schemas.ts';
import {
  AcceptOut,
  PrintQuery,
  QuoteCreate,
  QuoteListQuery,
  QuoteOut,
  QuotePatch,
  QuotePreviewIn,
  QuotePreviewOut,
  QuoteSettings,
  RejectBody,
  StepBody,
} from './quotes.schema.ts';
import * as svc from './quotes.service.ts';
import * as flow from './quote-flow.service.ts';
import { getQuoteSettings, putQuoteSettings } from './quote-settings.service.ts';
import { quoteHtml, quotePdf } from './quote-print.service.ts';

export async function quotesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['quotes'];
  const one = { 200: QuoteOut, ...errorResponses };
  // The PDF renderer's browser goes with the server.
  app.addHook('onClose', async () => closePdfBrowser());

  r.get(
    '/api/v1/quotes',
    {
      schema: {
        tags,
        querystring: QuoteListQuery,
        response: { 200: ListOf(QuoteOut), ...errorResponses },
      },
    },
    async (req) => svc.listQuotes(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/quotes',
    { schema: { tags, body: QuoteCreate, response: { 201: QuoteOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await svc.createQuote(ctxOf(req), req.body)),
  );
  r.post(
    '/api/v1/quotes/preview',
    {
      schema: {
        tags,
        description: 'Totals of unsaved lines, priced and computed as saving would; nothing is written.',
        body: QuotePreviewIn,
        response: { 200: QuotePreviewOut, ...errorResponses },
      },
    },
    async (req) => svc.previewQuote(ctxOf(req), req.body),
  );
  r.get(
    '/api/v1/quotes/settings',
    { schema: { tags, response: { 200: QuoteSettings, ...errorResponses } } },
    async (req) => getQuoteSettings(ctxOf(req)),
  );
  r.put(
    '/api/v1/quotes/settings',
    {
      schema: {
        tags,
        description:
          'Discount authority per role (roleKey → max line discount %); a larger discount needs approval. Administrators.',
        body: QuoteSettings,
        response: { 200: QuoteSettings, ...errorResponses },
      },
    },
    async (req) => putQuoteSettings(ctxOf(req), req.body),
  );
  r.get('/api/v1/quotes/:id', { schema: { tags, params: IdParams, response: one } }, async (req) =>
    svc.getQuote(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/quotes/:id',
    { schema: { tags, params: IdParams, body: QuotePatch, response: one } },
    async (req) => svc.updateQuote(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/quotes/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await svc.deleteQuote(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post('/api/v1/quotes/:id/restore', { schema: { tags, params: IdParams, response: one } }, async (req) =>
    svc.restoreQuote(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/quotes/:id/history',
    { schema: { tags, params: IdParams, response: { 200: HistorySchema, ...errorResponses } } },
    async (req) => svc.quoteHistory(ctxOf(req), req.params.id),
  );
  const stepRoute = (name: 'submit' | 'approve' | 'send', fn: typeof flow.sendQuote) =>
    r.post(
      `/api/v1/quotes/:id/${name}`,
      { schema: { tags, params: IdParams, body: Nullable(StepBody), response: one } },
      async (req) => fn(ctxOf(req), req.params.id, req.body ?? {}),
    );
  stepRoute('submit', flow.submitQuote);
  stepRoute('approve', flow.approveQuote);
  stepRoute('send', flow.sendQuote);
  r.post(
    '/api/v1/quotes/:id/reject',
    { schema: { tags, params: IdParams, body: RejectBody, response: one } },
    async (req) => flow.rejectQuote(ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/quotes/:id/accept',
    {
      schema: {
        tags,
        description:
          'The customer accepted: creates the order from the quote (source "quote") in one transaction.',
        params: IdParams,
        body: Nullable(StepBody),
        response: { 200: AcceptOut, ...errorResponses },
      },
    },
    async (req) => flow.acceptQuote(ctxOf(req), req.params.id, req.body ?? {}),
  );
  r.get(
    '/api/v1/quotes/:id/print',
    {
      schema: {
        tags,
        description: 'The printable quote (HTML with the letterhead), in Accept-Language or ?lang.',
        params: IdParams,
        querystring: PrintQuery,
        response: { 200: Type.String(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { html } = await quoteHtml(ctxOf(req), req.params.id, req.query.lang);
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
  r.get(
    '/api/v1/quotes/:id/pdf',
    {
      schema: {
        tags,
        description: 'The printable quote as PDF; 503 PDF_UNAVAILABLE when the server has no Chromium.',
        params: IdParams,
        querystring: PrintQuery,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }),
          ...errorResponses,
          503: ErrorSchema,
        },
      },
    },
    async (req, reply) => {
      const { pdf, number } = await quotePdf(ctxOf(req), req.params.id, req.query.lang);
      reply.header('content-disposition', `attachment; filename="${number}.pdf"`);
      return reply.type('application/pdf').send(pdf);
    },
  );
}
