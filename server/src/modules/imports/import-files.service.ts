import { PassThrough } from 'node:stream';
import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { EXPORT_CONTENT_TYPES, sheetWriter, type ExportFormat } from '../../lib/export-writers.ts';
import { can } from '../access/index.ts';
import { openSource } from './readers/index.ts';
import { importEntity } from './entities.ts';
import { renderRowErrors } from './import-messages.ts';
import * as repo from './imports.repository.ts';
import { filePathOf, type ImportFiles } from './imports.service.ts';

const LABELS = {
  'zh-CN': { row: '行号', error: '错误原因', skipped: '（已跳过）' },
  en: { row: 'Row', error: 'Error', skipped: '(skipped)' },
} as const;

/**
 * The failed (and skipped) rows with their original cells, then the row number and the reasons
 * in the reader's language; streamed, so a report of a million rows stays small in memory.
 */
export async function errorReport(ctx: Ctx, files: ImportFiles, id: string, format: ExportFormat) {
  if (!can(ctx.actor, 'imports', 'read')) throw forbidden('imports', 'read');
  const imp = await withTenant(ctx.db, ctx.actor.orgId, (tx) =>
    repo.findImport(tx, ctx.actor.orgId, id, ctx.actor),
  );
  if (!imp || imp.status === 'draft') throw notFound('import');
  const entity = importEntity(imp.entity);
  const fields = await withTenant(ctx.db, ctx.actor.orgId, (tx) => entity.fields(tx, ctx));
  const source = await openSource(filePathOf(files, imp.filePath), imp.fileName, {
    encoding: imp.options.encoding ?? null,
    delimiter: imp.options.delimiter ?? null,
    limits: files.limits,
  });
  const headers = source.headers;
  await source.close();
  const l = LABELS[ctx.locale];
  const out = new PassThrough();
  const writer = sheetWriter(format, out, [...headers, l.row, l.error], { sheetName: 'errors' });
  void (async () => {
    let after = 0;
    for (;;) {
      const rows = await withTenant(ctx.db, ctx.actor.orgId, (tx) =>
        repo.errorsAfter(tx, ctx.actor.orgId, id, after, 2000),
      );
      if (!rows.length) break;
      after = rows[rows.length - 1]!.rowNo;
      await writer.write(
        rows.map((r) => {
          const cells = headers.map((_, i) => r.cells[i] ?? '');
          const reasons = renderRowErrors(ctx.locale, r.errors, fields).map((e) => e.message);
          return [
            ...cells,
            r.rowNo + 1,
            `${r.kind === 'skipped' ? `${l.skipped} ` : ''}${reasons.join('; ')}`,
          ];
        }),
      );
    }
    await writer.end();
  })().catch((e: unknown) => out.destroy(e as Error));
  const base = imp.fileName.replace(/\.[^.]+$/, '');
  return {
    stream: out,
    contentType: EXPORT_CONTENT_TYPES[format],
    fileName: `${base}-errors.${format}`,
  };
}

/** An empty file with the entity's column headers in the reader's language (required ones marked *). */
export async function templateFile(ctx: Ctx, entityName: string, format: ExportFormat) {
  if (!can(ctx.actor, 'imports', 'create')) throw forbidden('imports', 'create');
  const entity = importEntity(entityName);
  const fields = await withTenant(ctx.db, ctx.actor.orgId, (tx) => entity.fields(tx, ctx));
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => out.on('end', r));
  const writer = sheetWriter(
    format,
    out,
    fields.map((f) => `${f.label[ctx.locale]}${f.required ? '*' : ''}`),
    { sheetName: entity.label[ctx.locale] },
  );
  await writer.end();
  await done;
  return {
    body: Buffer.concat(chunks),
    contentType: EXPORT_CONTENT_TYPES[format],
    fileName: `${entity.entity}-template.${format}`,
  };
}
