import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, ErrorSchema, IdParams, ListOf } from '../../lib/schemas.ts';
import { EXPORT_CONTENT_TYPES } from '../../lib/export-writers.ts';
import {
  AgeingOut,
  AgeingQuery,
  InvoiceCreate,
  InvoiceListQuery,
  InvoiceOut,
  InvoicePatch,
  PaymentCreate,
  PaymentListQuery,
  PaymentOut,
  ReceivablesSummaryOut,
  StatementOut,
  StatementQuery,
} from './receivables.schema.ts';
import * as invoices from './invoices.service.ts';
import * as payments from './payments.service.ts';
import * as reports from './receivables-reports.service.ts';

const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

export async function receivablesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['receivables'];

  r.get(
    '/api/v1/invoices',
    {
      schema: {
        tags,
        description:
          "Invoices of the customers in the caller's data scope; overdue=true: open and past due (local date).",
        querystring: InvoiceListQuery,
        response: { 200: ListOf(InvoiceOut), ...errorResponses },
      },
    },
    async (req) => invoices.listInvoices(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/invoices',
    {
      schema: {
        tags,
        description:
          "An invoice for a customer, or from an order (amount: what is left to invoice on it unless given; due date: issue date + the order's credit days). Number INV-YYYY-000001.",
        body: InvoiceCreate,
        response: { 201: InvoiceOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await invoices.createInvoice(ctxOf(req), req.body)),
  );
  r.get(
    '/api/v1/invoices/:id',
    { schema: { tags, params: IdParams, response: { 200: InvoiceOut, ...errorResponses } } },
    async (req) => invoices.getInvoice(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/invoices/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: InvoicePatch,
        response: { 200: InvoiceOut, ...errorResponses },
      },
    },
    async (req) => invoices.updateInvoice(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/invoices/:id',
    {
      schema: {
        tags,
        description: 'Voids the invoice (409 INVOICE_HAS_PAYMENTS while payments are allocated to it).',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await invoices.voidInvoice(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/payments',
    {
      schema: {
        tags,
        querystring: PaymentListQuery,
        response: { 200: ListOf(PaymentOut), ...errorResponses },
      },
    },
    async (req) => payments.listPayments(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/payments',
    {
      schema: {
        tags,
        description:
          'A payment and its allocations to invoices, all or nothing. 409 ALLOCATION_EXCEEDS_INVOICE, 400 ALLOCATION_EXCEEDS_PAYMENT, 400 CURRENCY_MISMATCH.',
        body: PaymentCreate,
        response: { 201: PaymentOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await payments.createPayment(ctxOf(req), req.body)),
  );
  r.get(
    '/api/v1/payments/:id',
    { schema: { tags, params: IdParams, response: { 200: PaymentOut, ...errorResponses } } },
    async (req) => payments.getPayment(ctxOf(req), req.params.id),
  );
  r.delete(
    '/api/v1/payments/:id',
    {
      schema: {
        tags,
        description: 'Deletes the payment and reverses its allocations.',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await payments.deletePayment(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/customers/:id/statement',
    {
      schema: {
        tags,
        description:
          'Statement of account for [from, to] per currency: opening balance, invoices (debits) and payments (credits) with a running balance, closing balance. format=xlsx|pdf downloads it.',
        params: IdParams,
        querystring: StatementQuery,
        response: { 200: Type.Union([StatementOut, Binary]), ...errorResponses, 503: ErrorSchema },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const s = await reports.customerStatement(ctx, req.params.id, req.query);
      const format = req.query.format;
      if (format !== 'xlsx' && format !== 'pdf') return s;
      const file = await reports.statementFile(ctx, s, format);
      reply.header('content-disposition', `attachment; filename="statement-${s.from}-${s.to}.${format}"`);
      return reply.type(format === 'pdf' ? 'application/pdf' : EXPORT_CONTENT_TYPES.xlsx).send(file);
    },
  );
  r.get(
    '/api/v1/customers/:id/receivables',
    {
      schema: {
        tags,
        description:
          "The customer's receivables per currency and days-to-pay (amount-weighted, local dates).",
        params: IdParams,
        response: { 200: ReceivablesSummaryOut, ...errorResponses },
      },
    },
    async (req) => reports.customerReceivables(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/receivables/ageing',
    {
      schema: {
        tags,
        description:
          "Open amounts by days overdue on the local date asOf (default today in the organisation's time zone): current, 1–30, 31–60, 61–90, 90+, per currency; customers with the most overdue first. format=xlsx: every customer.",
        querystring: AgeingQuery,
        response: { 200: Type.Union([AgeingOut, Binary]), ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const a = await reports.ageing(ctx, req.query);
      if (req.query.format !== 'xlsx') return a;
      const file = await reports.ageingFile(ctx, a);
      reply.header('content-disposition', `attachment; filename="ageing-${a.asOf}.xlsx"`);
      return reply.type(EXPORT_CONTENT_TYPES.xlsx).send(file);
    },
  );
}
