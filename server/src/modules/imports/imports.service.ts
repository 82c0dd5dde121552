import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config.ts';
import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { pgConstraint, pgErrorCode } from '../../lib/pg-error.ts';
import { can } from '../access/index.ts';
import { audit } from '../audit/index.ts';
import { enqueueJob } from '../jobs/index.ts';
import { FileRefused, openSource, sniffFormat, type ReadLimits, type SheetSource } from './readers/index.ts';
import { estimateRows } from './estimate.ts';
import { importEntities, importEntity } from './entities.ts';
import { checkMapping, mapRow, mappingFromHeaders, suggestMapping } from './header-match.ts';
import { renderRowErrors } from './import-messages.ts';
import * as repo from './imports.repository.ts';
import type { ColumnMapping, ImportMode, ImportOptions } from './imports.table.ts';

export interface ImportFiles {
  dir: string;
  limits: ReadLimits & { maxBytes: number };
}

const PREVIEW_ROWS = 20;

/** Where import files live and the limits they are read under, from the configuration. */
export function importFiles(config: Pick<Config, 'filesDir' | 'importLimits'>): ImportFiles {
  const l = config.importLimits;
  return {
    dir: config.filesDir,
    limits: {
      maxBytes: l.maxMb * 1024 * 1024,
      maxRows: l.maxRows,
      maxInflatedBytes: l.maxInflatedMb * 1024 * 1024,
      maxZipEntries: l.maxZipEntries,
    },
  };
}

export function need(ctx: Ctx, action: 'read' | 'create' | 'delete') {
  if (!can(ctx.actor, 'imports', action)) throw forbidden('imports', action);
}

export function filePathOf(files: ImportFiles, rel: string): string {
  return path.join(files.dir, rel);
}

/** Where an upload is stored: per organisation, named by the import id (never by the user's file name). */
export async function uploadTarget(files: ImportFiles, orgId: string, id: string) {
  const rel = path.join('imports', orgId, id);
  await mkdir(path.dirname(path.join(files.dir, rel)), { recursive: true });
  return { rel, abs: path.join(files.dir, rel) };
}

const refused = (e: FileRefused): AppError =>
  new AppError('VALIDATION_FAILED', {}, [{ field: 'file', code: `file_${e.reason}`, params: e.params }]);

async function readHead(abs: string): Promise<Buffer> {
  const fh = await open(abs, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function openFile(
  files: ImportFiles,
  abs: string,
  fileName: string,
  opts: ImportOptions,
): Promise<SheetSource> {
  try {
    return await openSource(abs, fileName, {
      encoding: opts.encoding ?? null,
      delimiter: opts.delimiter ?? null,
      limits: files.limits,
    });
  } catch (e) {
    if (e instanceof FileRefused) throw refused(e);
    throw e;
  }
}

/** Headers and the first rows of a file (read with the given overrides). */
async function sample(files: ImportFiles, abs: string, fileName: string, opts: ImportOptions) {
  const source = await openFile(files, abs, fileName, opts);
  const rows: string[][] = [];
  try {
    for await (const r of source.rows) {
      rows.push(r);
      if (rows.length >= PREVIEW_ROWS) break;
    }
  } catch (e) {
    if (e instanceof FileRefused) throw refused(e);
    throw e;
  } finally {
    await source.close();
  }
  return { source, rows };
}

export interface UploadInput {
  entity: string;
  fileName: string;
  rel: string;
  abs: string;
  bytes: number;
  encoding?: string | null;
  delimiter?: string | null;
}

/** Stores an uploaded file as a draft import and tells what it holds; a refused file is deleted. */
export async function createUpload(ctx: Ctx, files: ImportFiles, id: string, input: UploadInput) {
  try {
    need(ctx, 'create');
    const entity = importEntity(input.entity);
    entity.authorise(ctx, 'create');
    let format;
    try {
      format = sniffFormat(await readHead(input.abs), input.fileName);
    } catch (e) {
      if (e instanceof FileRefused) throw refused(e);
      throw e;
    }
    if (!entity.formats.includes(format))
      throw new AppError('VALIDATION_FAILED', {}, [
        { field: 'file', code: 'file_formatNotForEntity', params: { format, allowed: entity.formats } },
      ]);
    const estimate = await estimateRows(input.abs, format);
    if (estimate !== null && estimate > files.limits.maxRows * 1.05)
      throw refused(new FileRefused('tooManyRows', { limit: files.limits.maxRows }));
    const opts: ImportOptions = { encoding: input.encoding ?? null, delimiter: input.delimiter ?? null };
    const { source } = await sample(files, input.abs, input.fileName, opts);
    const fields = await withTenant(ctx.db, ctx.actor.orgId, (tx) => entity.fields(tx, ctx));
    await withTenant(ctx.db, ctx.actor.orgId, (tx) =>
      repo.insertImport(tx, {
        orgId: ctx.actor.orgId,
        id,
        entity: entity.entity,
        mode: 'create',
        status: 'draft',
        fileName: input.fileName.slice(0, 255),
        fileFormat: format,
        fileBytes: input.bytes,
        filePath: input.rel,
        mapping: suggestMapping(source.headers, fields),
        options: opts,
        total: estimate,
        locale: ctx.locale,
        createdBy: ctx.actor.userId,
        createdAt: ctx.now,
      }),
    );
    return await previewUpload(ctx, files, id, {});
  } catch (e) {
    await rm(input.abs, { force: true });
    throw e;
  }
}

async function draftOf(tx: Db, ctx: Ctx, id: string) {
  const imp = await repo.findImport(tx, ctx.actor.orgId, id, ctx.actor);
  if (!imp || imp.createdBy !== ctx.actor.userId) throw notFound('import');
  if (imp.status !== 'draft')
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'uploadId', code: 'alreadyStarted' }]);
  return imp;
}

export interface PreviewRow {
  rowNo: number;
  cells: string[];
  values: Record<string, string>;
  outcome: 'created' | 'updated' | 'skipped' | 'failed';
  errors: { field: string; message: string }[];
  duplicate: { existingId: string | null; ownerName: string | null; matchedOn: string[] } | null;
}

export interface PreviewInput {
  encoding?: string | null;
  delimiter?: string | null;
  mapping?: ColumnMapping[];
  mode?: ImportMode;
  key?: string | null;
}

/**
 * What the import would do with the first rows: the stored values, each row's errors, and its
 * outcome — found by running the real write in a transaction that is then rolled back.
 */
export async function previewUpload(ctx: Ctx, files: ImportFiles, id: string, input: PreviewInput) {
  need(ctx, 'create');
  const imp = await withTenant(ctx.db, ctx.actor.orgId, (tx) => draftOf(tx, ctx, id));
  const entity = importEntity(imp.entity);
  const opts: ImportOptions = {
    ...imp.options,
    ...(input.encoding !== undefined ? { encoding: input.encoding } : {}),
    ...(input.delimiter !== undefined ? { delimiter: input.delimiter } : {}),
  };
  const abs = filePathOf(files, imp.filePath);
  const { source, rows } = await sample(files, abs, imp.fileName, opts);
  const mode = input.mode ?? 'create';
  const rollback = new Error('preview');
  let result: { mapping: ColumnMapping[]; suggested: ColumnMapping[]; preview: PreviewRow[] } | null = null;
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const fields = await entity.fields(tx, ctx);
    const suggested = suggestMapping(source.headers, fields);
    const mapping =
      input.mapping &&
      !checkMapping(input.mapping, source.headers, fields).some((e) => e.code !== 'requiredNotMapped')
        ? input.mapping
        : suggested;
    const prepared = await entity.prepare(tx, ctx, { tags: [], ownerId: null, mode });
    const validated = rows.map((cells, i) => ({
      rowNo: i + 1,
      cells,
      ...entity.validate(prepared, mapRow(mapping, cells)),
    }));
    const valid = validated.filter((r) => r.value !== null).map((r) => ({ rowNo: r.rowNo, value: r.value }));
    let outcomes: Awaited<ReturnType<typeof entity.write>> = [];
    if (valid.length) {
      try {
        await tx.transaction(async (sp) => {
          outcomes = await entity.write(sp, ctx, prepared, valid, {
            importId: id,
            mode,
            key: input.key ?? null,
          });
          throw rollback;
        });
      } catch (e) {
        if (e !== rollback) throw e;
      }
    }
    const byRow = new Map(outcomes.map((o) => [o.rowNo, o]));
    result = {
      mapping,
      suggested,
      preview: validated.map((r) => {
        const o = byRow.get(r.rowNo);
        const errors: FieldError[] = r.errors.length ? r.errors : o && 'errors' in o ? o.errors : [];
        const dup = errors.find((e) => e.code === 'duplicateOf' || e.code === 'duplicateInFile');
        return {
          rowNo: r.rowNo,
          cells: r.cells,
          values: r.value ? entity.display(prepared, r.value) : {},
          outcome: r.value === null ? 'failed' : (o?.kind ?? 'failed'),
          errors: renderRowErrors(ctx.locale, errors, fields),
          duplicate: dup
            ? {
                existingId: (dup.params?.existingId as string | undefined) ?? null,
                ownerName: (dup.params?.ownerName as string | undefined) ?? null,
                matchedOn: [String(dup.params?.matchedOn ?? dup.field)],
              }
            : null,
        };
      }),
    };
    await repo.updateImport(tx, ctx.actor.orgId, id, { mapping, options: opts });
  });
  const r = result!;
  return {
    uploadId: id,
    entity: imp.entity,
    fileName: imp.fileName,
    format: imp.fileFormat,
    encoding: source.encoding,
    delimiter: source.delimiter,
    headers: source.headers,
    total: imp.total,
    suggested: r.suggested,
    mapping: r.mapping,
    preview: r.preview,
  };
}

export interface StartInput {
  mode: ImportMode;
  key?: string | null;
  mapping?: ColumnMapping[];
  encoding?: string | null;
  delimiter?: string | null;
  tags?: string[];
  ownerId?: string | null;
  defaults?: ImportOptions['defaults'];
  /** false: the caller runs it in its own process (the command line) instead of the job queue. */
  enqueue?: boolean;
}

/** Queues a draft import: the mapping is checked against the file's headers and the entity's fields. */
export async function startImport(ctx: Ctx, files: ImportFiles, id: string, input: StartInput) {
  need(ctx, 'create');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const imp = await draftOf(tx, ctx, id);
    const entity = importEntity(imp.entity);
    entity.authorise(ctx, input.mode);
    const errors: FieldError[] = [];
    if (input.mode === 'upsert') {
      if (!input.key) errors.push({ field: 'key', code: 'required' });
      else if (!entity.keys.some((k) => k.key === input.key))
        errors.push({ field: 'key', code: 'enum', params: { allowed: entity.keys.map((k) => k.key) } });
    }
    const opts: ImportOptions = {
      ...imp.options,
      ...(input.encoding !== undefined ? { encoding: input.encoding } : {}),
      ...(input.delimiter !== undefined ? { delimiter: input.delimiter } : {}),
      key: input.mode === 'upsert' ? (input.key ?? null) : null,
      tags: (input.tags ?? []).map((t) => t.trim()).filter(Boolean),
      ownerId: input.ownerId ?? null,
      ...(input.defaults ? { defaults: input.defaults } : {}),
    };
    const { source } = await sample(files, filePathOf(files, imp.filePath), imp.fileName, opts);
    const fields = await entity.fields(tx, ctx);
    const mapping = input.mapping ?? imp.mapping;
    errors.push(...checkMapping(mapping, source.headers, fields).map((e) => withLabel(e, ctx)));
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    const jobId =
      input.enqueue === false
        ? null
        : await enqueueJob(tx, {
            name: 'imports.run',
            orgId: ctx.actor.orgId,
            payload: { importId: id, apiKey: ctx.actor.apiKey ?? null },
            createdBy: ctx.actor.userId,
            maxAttempts: 5,
          });
    await repo.updateImport(tx, ctx.actor.orgId, id, {
      status: 'queued',
      mode: input.mode,
      mapping,
      options: opts,
      jobId,
      locale: ctx.locale,
    });
    return { id };
  });
}

function withLabel(
  e: { field: string; code: string; params?: Record<string, unknown> },
  ctx: Ctx,
): FieldError {
  const name = e.params?.name as { 'zh-CN': string; en: string } | string | undefined;
  return {
    field: e.field,
    code: e.code,
    params: { ...e.params, name: typeof name === 'object' ? name[ctx.locale] : name },
  };
}

/** api.md's one-step import: the mapping as { header: field } over the automatic one. */
export async function importInOneStep(
  ctx: Ctx,
  files: ImportFiles,
  id: string,
  upload: UploadInput,
  input: StartInput & { mappingByHeader?: Record<string, string | null> },
) {
  const analysis = await createUpload(ctx, files, id, upload);
  let mapping = analysis.mapping;
  if (input.mappingByHeader) {
    const pairs = Object.entries(input.mappingByHeader).map(([header, field]) => ({ header, field }));
    const fields = await withTenant(ctx.db, ctx.actor.orgId, (tx) =>
      importEntity(upload.entity).fields(tx, ctx),
    );
    const r = mappingFromHeaders(analysis.headers, pairs, fields);
    if (r.unknownFields.length)
      throw new AppError('VALIDATION_FAILED', {}, [
        { field: 'mapping', code: 'unknownImportField', params: { name: r.unknownFields.join(', ') } },
      ]);
    mapping = r.mapping;
  }
  return startImport(ctx, files, id, { ...input, mapping });
}

export function summary(imp: NonNullable<Awaited<ReturnType<typeof repo.findImport>>>, now: Date) {
  const running = imp.status === 'running' && imp.startedAt;
  const seconds = running ? (now.getTime() - imp.startedAt!.getTime()) / 1000 : null;
  const rate = seconds && seconds > 0.5 && imp.processed > 0 ? imp.processed / seconds : null;
  const eta = rate && imp.total ? Math.max(0, (imp.total - imp.processed) / rate) : null;
  return {
    id: imp.id,
    entity: imp.entity,
    fileName: imp.fileName,
    format: imp.fileFormat,
    mode: imp.mode,
    key: imp.options.key ?? null,
    status: imp.status as Exclude<typeof imp.status, 'draft'>,
    progress: {
      processed: imp.processed,
      total: imp.status === 'done' ? imp.processed : (imp.total ?? null),
    },
    counts: imp.counts,
    rowsPerSecond: rate === null ? null : Math.round(rate),
    etaSeconds: eta === null ? null : Math.round(eta),
    error: imp.error,
    undoConflicts: imp.undoConflicts ?? null,
    createdBy: imp.createdBy,
    createdByName: imp.createdByName,
    createdAt: imp.createdAt,
    startedAt: imp.startedAt,
    finishedAt: imp.finishedAt,
    undoneAt: imp.undoneAt,
  };
}

export async function getImport(ctx: Ctx, id: string) {
  need(ctx, 'read');
  const imp = await withTenant(ctx.db, ctx.actor.orgId, (tx) =>
    repo.findImport(tx, ctx.actor.orgId, id, ctx.actor),
  );
  if (!imp || imp.status === 'draft') throw notFound('import');
  return summary(imp, ctx.now);
}

export async function listImports(ctx: Ctx, q: { cursor?: string; limit?: number; entity?: string }) {
  need(ctx, 'read');
  const limit = q.limit ?? 20;
  let cursor: { at: Date; id: string } | undefined;
  if (q.cursor) {
    const [at, cid] = Buffer.from(q.cursor, 'base64url').toString('utf8').split('|');
    const date = new Date(at ?? '');
    if (!cid || Number.isNaN(date.getTime()))
      throw new AppError('VALIDATION_FAILED', {}, [{ field: 'cursor', code: 'invalid' }]);
    cursor = { at: date, id: cid };
  }
  const rows = await withTenant(ctx.db, ctx.actor.orgId, (tx) =>
    repo.listImports(tx, ctx.actor, { entity: q.entity, cursor, limit }),
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => summary(r, ctx.now)),
    nextCursor:
      rows.length > limit && last
        ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url')
        : null,
  };
}

/** Undo runs as a job; only a finished import can be undone, once. */
export async function undoImport(ctx: Ctx, id: string) {
  need(ctx, 'delete');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const imp = await repo.findImport(tx, ctx.actor.orgId, id, ctx.actor);
    if (!imp || imp.status === 'draft') throw notFound('import');
    if (imp.status !== 'done' && imp.status !== 'failed')
      throw new AppError('IMPORT_NOT_UNDOABLE', { status: imp.status });
    await importEntity(imp.entity).authorise(ctx, 'create');
    const jobId = await enqueueJob(tx, {
      name: 'imports.undo',
      orgId: ctx.actor.orgId,
      payload: { importId: id, apiKey: ctx.actor.apiKey ?? null },
      createdBy: ctx.actor.userId,
      maxAttempts: 5,
    });
    await repo.updateImport(tx, ctx.actor.orgId, id, { status: 'undoing', jobId });
    await audit(tx, ctx, 'imports', id, 'undo');
    return { id };
  });
}

export async function listEntities(ctx: Ctx) {
  need(ctx, 'create');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => ({
    items: await Promise.all(
      importEntities()
        .filter((e) => {
          try {
            e.authorise(ctx, 'create');
            return true;
          } catch {
            return false;
          }
        })
        .map(async (e) => ({
          entity: e.entity,
          label: e.label[ctx.locale],
          formats: [...e.formats],
          keys: e.keys.map((k) => ({ key: k.key, label: k.label[ctx.locale] })),
          fields: (await e.fields(tx, ctx)).map((f) => ({
            key: f.key,
            label: f.label[ctx.locale],
            required: f.required,
            type: f.type,
          })),
        })),
    ),
  }));
}

export async function entityFields(ctx: Ctx, entityName: string) {
  need(ctx, 'create');
  const entity = importEntity(entityName);
  return withTenant(ctx.db, ctx.actor.orgId, (tx) => entity.fields(tx, ctx));
}

/** Saved mappings. */
export async function listTemplates(ctx: Ctx, entity?: string) {
  need(ctx, 'create');
  const rows = await withTenant(ctx.db, ctx.actor.orgId, (tx) =>
    repo.listTemplates(tx, ctx.actor.orgId, entity),
  );
  return { items: rows.map(({ orgId: _o, createdBy: _c, ...r }) => r) };
}

export async function createTemplate(
  ctx: Ctx,
  input: { entity: string; name: string; mapping: { header: string; field: string | null }[] },
) {
  need(ctx, 'create');
  const entity = importEntity(input.entity);
  const name = input.name.trim();
  if (!name) throw new AppError('VALIDATION_FAILED', {}, [{ field: 'name', code: 'required' }]);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const known = new Set((await entity.fields(tx, ctx)).map((f) => f.key));
    const bad = input.mapping.findIndex((m) => m.field !== null && !known.has(m.field));
    if (bad !== -1)
      throw new AppError('VALIDATION_FAILED', {}, [
        {
          field: `mapping[${bad}].field`,
          code: 'unknownImportField',
          params: { name: input.mapping[bad]!.field },
        },
      ]);
    try {
      const {
        orgId: _o,
        createdBy: _c,
        ...row
      } = await repo.insertTemplate(tx, {
        orgId: ctx.actor.orgId,
        id: newId(),
        entity: entity.entity,
        name,
        mapping: input.mapping,
        createdBy: ctx.actor.userId,
        createdAt: ctx.now,
      });
      await audit(tx, ctx, 'importTemplates', row.id, 'create');
      return row;
    } catch (e) {
      if (pgErrorCode(e) === '23505' && pgConstraint(e) === 'import_templates_name_idx')
        throw new AppError('VALIDATION_FAILED', {}, [{ field: 'name', code: 'taken' }]);
      throw e;
    }
  });
}

export async function deleteTemplate(ctx: Ctx, id: string) {
  need(ctx, 'create');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.deleteTemplate(tx, ctx.actor.orgId, id))) throw notFound('importTemplate');
    await audit(tx, ctx, 'importTemplates', id, 'delete');
  });
}
