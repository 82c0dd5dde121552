import type { Writable } from 'node:stream';
import Value from 'typebox/value';
import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import type { ExportReader } from '../../lib/export-cells.ts';
import {
  EXPORT_CONTENT_TYPES,
  sheetWriter,
  type ExportEncoding,
  type ExportFormat,
} from '../../lib/export-writers.ts';
import { can } from '../access/index.ts';
import { openContactExport, type ContactListQuery } from '../contacts/index.ts';
import { openCustomerExport, type CustomerListQuery } from '../customers/index.ts';
import { openOpportunityExport, type OpportunityListQuery } from '../opportunities/index.ts';
import { openLeadExport, type LeadListQuery } from '../leads/index.ts';
import { openProductExport, type ProductListQuery } from '../products/index.ts';
import { openPartnerExport, type PartnerListQuery } from '../partners/index.ts';
import { openOrderExport, type OrderListQuery } from '../orders/index.ts';
import { enqueueJob, findJob } from '../jobs/index.ts';
import { LIST_QUERIES, type ExportCreate, type ExportEntity, type ExportOut } from './exports.schema.ts';

export const EXPORT_JOB = 'exports.run';

export interface ExportOptions {
  format: ExportFormat;
  encoding?: ExportEncoding;
  columns?: string[];
}

/** Every entity an export can read: its list's rows under the caller's scope and masking. */
const SOURCES: Record<
  ExportEntity,
  (
    ctx: Ctx,
    query: Record<string, unknown>,
    opts: { columns?: string[]; format: string },
  ) => Promise<ExportReader>
> = {
  customers: (ctx, q, opts) => openCustomerExport(ctx, q as CustomerListQuery, opts),
  contacts: (ctx, q, opts) => openContactExport(ctx, q as ContactListQuery, opts),
  opportunities: (ctx, q, opts) => openOpportunityExport(ctx, q as OpportunityListQuery, opts),
  leads: (ctx, q, opts) => openLeadExport(ctx, q as LeadListQuery, opts),
  products: (ctx, q, opts) => openProductExport(ctx, q as ProductListQuery, opts),
  partners: (ctx, q, opts) => openPartnerExport(ctx, q as PartnerListQuery, opts),
  orders: (ctx, q, opts) => openOrderExport(ctx, q as OrderListQuery, opts),
};

export function requireExport(ctx: Ctx, entity: ExportEntity): void {
  if (!can(ctx.actor, entity, 'export')) throw forbidden(entity, 'export');
}

/** "name,phones,cf.budget" → ["name", "phones", "cf.budget"]; empty → every column. */
export function parseColumns(raw: string | undefined): string[] | undefined {
  const list = raw
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list?.length ? list : undefined;
}

export function exportFileName(entity: string, format: ExportFormat, at: Date): string {
  return `${entity}-${at.toISOString().slice(0, 10)}.${format}`;
}

export function contentType(format: ExportFormat, encoding: ExportEncoding = 'utf-8'): string {
  return format === 'csv' ? `${EXPORT_CONTENT_TYPES.csv}; charset=${encoding}` : EXPORT_CONTENT_TYPES.xlsx;
}

/** Checks the permission, the filters and the columns, counts the rows and audits: before any byte is sent. */
export function openExport(
  ctx: Ctx,
  entity: ExportEntity,
  query: Record<string, unknown>,
  opts: ExportOptions,
): Promise<ExportReader> {
  requireExport(ctx, entity);
  return SOURCES[entity](ctx, query, { columns: opts.columns, format: opts.format });
}

/**
 * Writes the reader's rows to `out` chunk by chunk, waiting whenever `out` is full, so memory stays
 * flat whatever the row count. Stops when `out` is closed early (the client went away) or `stop` says so.
 */
export async function writeExport(
  reader: ExportReader,
  out: Writable,
  opts: ExportOptions,
  hooks: { progress?: (processed: number) => Promise<void>; stop?: () => Promise<boolean> } = {},
): Promise<number> {
  const writer = sheetWriter(opts.format, out, reader.headers, {
    encoding: opts.encoding,
    sheetName: reader.entity,
  });
  let processed = 0;
  let chunks = 0;
  for (let rows = await reader.next(); rows; rows = await reader.next()) {
    if (out.destroyed) throw new Error('export destination closed');
    await writer.write(rows);
    processed += rows.length;
    await hooks.progress?.(processed);
    if (hooks.stop && ++chunks % 10 === 0 && (await hooks.stop())) throw new Error('export cancelled');
  }
  await writer.end();
  return processed;
}

/** TypeBox errors of a job's list query → field errors named `query.<parameter>`. */
function queryErrors(entity: ExportEntity, query: Record<string, unknown>): FieldError[] {
  const out: FieldError[] = [];
  for (const e of Value.Errors(LIST_QUERIES[entity], query)) {
    const name = e.instancePath.split('/').filter(Boolean).join('.');
    const field = name ? `query.${name}` : 'query';
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'additionalProperties')
      for (const extra of (p.additionalProperties as string[] | undefined) ?? [])
        out.push({ field: `query.${extra}`, code: 'unknownField' });
    else if (e.keyword === 'boolean') continue;
    else if (e.keyword === 'enum') out.push({ field, code: 'enum', params: { allowed: p.allowedValues } });
    else if (['minLength', 'maxLength', 'minimum', 'maximum'].includes(e.keyword))
      out.push({ field, code: e.keyword, params: { limit: p.limit } });
    else if (e.keyword === 'type') out.push({ field, code: 'type', params: { type: p.type } });
    else if (e.keyword === 'format') out.push({ field, code: 'format', params: { format: p.format } });
    else out.push({ field, code: 'invalid' });
  }
  return out;
}

/** The list query of a job, converted like a query string is (strings to numbers and booleans) and checked. */
export function checkedQuery(
  entity: ExportEntity,
  raw: Record<string, unknown> = {},
): Record<string, unknown> {
  // Everything travels as text, as in the list's query string; then the list's schema converts it.
  const text = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]));
  const query = Value.Convert(LIST_QUERIES[entity], text) as Record<string, unknown>;
  const errors = queryErrors(entity, query);
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
  return query;
}

export interface ExportPayload {
  entity: ExportEntity;
  format: ExportFormat;
  encoding: ExportEncoding;
  columns: string[] | null;
  query: Record<string, unknown>;
  locale: Ctx['locale'];
  ip: string;
  apiKey: Ctx['actor']['apiKey'];
}

/** `POST /exports`: checks what can be checked now, then queues the job that writes the file. */
export async function startExport(ctx: Ctx, body: ExportCreate): Promise<{ id: string }> {
  const entity = body.entity as ExportEntity;
  requireExport(ctx, entity);
  const query = checkedQuery(entity, body.query);
  const payload: ExportPayload = {
    entity,
    format: body.format as ExportFormat,
    encoding: (body.encoding as ExportEncoding | undefined) ?? 'utf-8',
    columns: body.columns?.length ? body.columns : null,
    query,
    locale: ctx.locale,
    ip: ctx.ip,
    apiKey: ctx.actor.apiKey,
  };
  const id = await withTenant(ctx.db, ctx.actor.orgId, (tx) =>
    enqueueJob(tx, {
      name: EXPORT_JOB,
      orgId: ctx.actor.orgId,
      createdBy: ctx.actor.userId,
      payload: payload as unknown as Record<string, unknown>,
      maxAttempts: 1,
    }),
  );
  return { id };
}

/** The caller's own export job; anyone else's (or another kind of job) is not found. */
async function ownExport(ctx: Ctx, id: string) {
  const job = await withTenant(ctx.db, ctx.actor.orgId, (tx) => findJob(tx, ctx.actor.orgId, id));
  if (!job || job.name !== EXPORT_JOB || job.createdBy !== ctx.actor.userId) throw notFound('export');
  return { job, payload: job.payload as unknown as ExportPayload };
}

export async function getExport(ctx: Ctx, id: string): Promise<ExportOut> {
  const { job, payload } = await ownExport(ctx, id);
  const result = (job.result ?? null) as { fileName?: string } | null;
  return {
    id: job.id,
    entity: payload.entity,
    format: payload.format,
    status: job.status,
    progress: { processed: job.progress.processed, total: job.progress.total },
    fileName: job.status === 'done' ? (result?.fileName ?? null) : null,
    error: job.status === 'failed' ? job.error : null,
  };
}

/** Where a finished export lies: `<filesDir>/exports/<orgId>/<id>.<ext>`, and the name to download it as. */
export async function exportFile(ctx: Ctx, id: string) {
  const { job, payload } = await ownExport(ctx, id);
  // The file leaves only while its creator may still export what it holds.
  requireExport(ctx, payload.entity);
  if (job.status !== 'done') throw new AppError('EXPORT_NOT_READY', { status: job.status });
  const result = (job.result ?? {}) as { fileName?: string };
  return {
    relative: [ctx.actor.orgId, `${job.id}.${payload.format}`],
    fileName: result.fileName ?? `${payload.entity}.${payload.format}`,
    contentType: contentType(payload.format, payload.encoding),
  };
}
