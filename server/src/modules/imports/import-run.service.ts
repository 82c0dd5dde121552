import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { withTenant } from '../../db/tenant.ts';
import type { FieldError } from '../../lib/errors.ts';
import type { Locale } from '../../i18n/messages.ts';
import type { Actor } from '../access/index.ts';
import { loadActor } from '../auth/index.ts';
import { audit } from '../audit/index.ts';
import type { JobContext } from '../jobs/index.ts';
import { FileRefused, openSource } from './readers/index.ts';
import { importEntity } from './entities.ts';
import { mapRow } from './header-match.ts';
import type { RowOutcome } from './import-entity.ts';
import * as repo from './imports.repository.ts';
import type { ImportCounts } from './imports.table.ts';
import { filePathOf, type ImportFiles } from './imports.service.ts';

/**
 * Rows per transaction adapt to keep each commit near targetMs: big enough for set-based writes,
 * short enough that the import's lock and (on PGlite, one connection) the database are free often.
 */
export const BATCH = { first: 500, min: 100, max: 2000, targetMs: 300 };
/** Batches after which the tables' statistics are refreshed: while they grow fastest relative to their size. */
const ANALYZE_AFTER = new Set([1, 3, 10, 30, 100, 300]);
/** Attempts of an import job (imports.service.ts enqueues with it). */
export const MAX_ATTEMPTS = 5;

const ZERO: ImportCounts = { created: 0, updated: 0, skipped: 0, failed: 0 };

async function jobCtx(db: Db, orgId: string, userId: string | null, apiKey: unknown): Promise<Ctx | null> {
  if (!userId) return null;
  const who = await loadActor(db, orgId, userId, (apiKey as Actor['apiKey']) ?? null);
  if (!who) return null;
  return {
    db,
    actor: who.actor,
    locale: (who.locale === 'en' ? 'en' : 'zh-CN') as Locale,
    ip: 'job',
    now: new Date(),
  };
}

async function fail(db: Db, orgId: string, id: string, error: string) {
  await withTenant(db, orgId, (tx) =>
    repo.updateImport(tx, orgId, id, { status: 'failed', error, finishedAt: new Date() }),
  );
}

export interface RunHooks {
  /** Called after every committed batch (the CLI's progress bar). */
  onBatch?: (processed: number, total: number | null, counts: ImportCounts) => void | Promise<void>;
  /** Called once the import is created, with its id and estimated rows (the command line). */
  onStart?: (id: string, total: number | null) => void;
  /** A fixed batch size instead of the adaptive one. */
  batchRows?: number;
  /** Stop after this many batches (tests simulating a crash). */
  stopAfterBatches?: number;
  /** The API key the import was started with: its scopes keep narrowing the creator's role. */
  apiKey?: Actor['apiKey'];
}

/**
 * Reads the file from the row after the last committed batch and writes batches of rows, each
 * in one transaction with its records, errors, batch marker and counts: a crash loses at most
 * the batch in flight, and a re-run resumes after the last marker without duplicates.
 */
export async function runImport(
  db: Db,
  files: ImportFiles,
  orgId: string,
  importId: string,
  hooks: RunHooks = {},
) {
  const imp = await withTenant(db, orgId, (tx) => repo.findImport(tx, orgId, importId, null));
  if (!imp || !['queued', 'running', 'failed'].includes(imp.status)) return { skipped: true };
  const ctx = await jobCtx(db, orgId, imp.createdBy, hooks.apiKey ?? null);
  if (!ctx) {
    await fail(db, orgId, importId, 'creatorInactive');
    return { failed: 'creatorInactive' };
  }
  const entity = importEntity(imp.entity);
  try {
    entity.authorise(ctx, imp.mode);
  } catch {
    await fail(db, orgId, importId, 'forbidden');
    return { failed: 'forbidden' };
  }
  const last = await withTenant(db, orgId, (tx) => repo.lastBatch(tx, orgId, importId));
  let batchNo = last?.batchNo ?? 0;
  const resumeAfter = last?.rowsTo ?? 0;
  let counts: ImportCounts = last?.counts ?? { ...ZERO };
  await withTenant(db, orgId, (tx) =>
    repo.updateImport(tx, orgId, importId, {
      status: 'running',
      startedAt: imp.startedAt ?? new Date(),
      error: null,
    }),
  );
  const prepared = await withTenant(db, orgId, (tx) =>
    entity.prepare(tx, ctx, {
      tags: imp.options.tags ?? [],
      ownerId: imp.options.ownerId ?? null,
      mode: imp.mode,
      defaults: imp.options.defaults,
    }),
  );
  let source;
  try {
    source = await openSource(filePathOf(files, imp.filePath), imp.fileName, {
      encoding: imp.options.encoding ?? null,
      delimiter: imp.options.delimiter ?? null,
      limits: files.limits,
    });
  } catch (e) {
    if (e instanceof FileRefused) {
      await fail(db, orgId, importId, `file_${e.reason}`);
      return { failed: e.reason };
    }
    throw e;
  }

  let rowNo = 0;
  let batch: { rowNo: number; cells: string[] }[] = [];
  /** Validation is pure CPU: it runs for the next batch while the database writes the previous one. */
  const validateBatch = async (rows: { rowNo: number; cells: string[] }[]) => {
    const errors: repo.BatchError[] = [];
    const valid: { rowNo: number; value: unknown }[] = [];
    for (const [i, r] of rows.entries()) {
      // The import shares the server's event loop: let requests in every few hundred rows.
      if (i % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
      const v = entity.validate(prepared, mapRow(imp.mapping, r.cells));
      if (v.value === null)
        errors.push({ rowNo: r.rowNo, kind: 'failed', cells: r.cells, errors: plain(v.errors) });
      else valid.push({ rowNo: r.rowNo, value: v.value });
    }
    return { rows, errors, valid };
  };
  const commitBatch = async ({ rows, errors, valid }: Awaited<ReturnType<typeof validateBatch>>) => {
    const started = Date.now();
    const cells = new Map(rows.map((r) => [r.rowNo, r.cells]));
    const batchCtx = { ...ctx, now: new Date() };
    await withTenant(db, orgId, async (tx) => {
      let outcomes: RowOutcome[];
      try {
        outcomes = await tx.transaction((sp) =>
          entity.write(sp, batchCtx, prepared, valid, {
            importId,
            mode: imp.mode,
            key: imp.options.key ?? null,
          }),
        );
      } catch {
        // One bad row must not sink the batch: write row by row, each in its own savepoint.
        outcomes = [];
        for (const row of valid) {
          try {
            outcomes.push(
              ...(await tx.transaction((sp) =>
                entity.write(sp, batchCtx, prepared, [row], {
                  importId,
                  mode: imp.mode,
                  key: imp.options.key ?? null,
                }),
              )),
            );
          } catch (e) {
            outcomes.push({
              rowNo: row.rowNo,
              kind: 'failed',
              errors: [
                {
                  field: 'row',
                  code: 'saveFailed',
                  params: { reason: e instanceof Error ? e.message.slice(0, 200) : '' },
                },
              ],
            });
          }
        }
      }
      const records: repo.BatchRecord[] = [];
      const next = { ...counts, failed: counts.failed + errors.length };
      for (const o of outcomes) {
        if (o.kind === 'created' || o.kind === 'updated') {
          next[o.kind]++;
          records.push({
            recordId: o.id,
            action: o.kind,
            before: o.kind === 'updated' ? o.before : null,
            versionAfter: o.version,
          });
        } else {
          next[o.kind]++;
          errors.push({
            rowNo: o.rowNo,
            kind: o.kind,
            cells: cells.get(o.rowNo) ?? [],
            errors: plain(o.errors),
          });
        }
      }
      // A record several rows touched keeps its first action ('created' wins) and its last version.
      const byId = new Map<string, repo.BatchRecord>();
      for (const r of records) {
        const prev = byId.get(r.recordId);
        byId.set(r.recordId, prev ? { ...prev, versionAfter: r.versionAfter } : r);
      }
      await repo.saveBatch(
        tx,
        orgId,
        importId,
        { batchNo: batchNo + 1, rowsTo: rows[rows.length - 1]!.rowNo, counts: next, at: batchCtx.now },
        [...byId.values()],
        errors,
      );
      counts = next;
    });
    batchNo++;
    if (!hooks.batchRows) {
      const ms = Date.now() - started;
      if (ms < BATCH.targetMs / 2) batchRows = Math.min(BATCH.max, batchRows * 2);
      else if (ms > BATCH.targetMs * 2) batchRows = Math.max(BATCH.min, Math.floor(batchRows / 2));
    }
    if (ANALYZE_AFTER.has(batchNo))
      await repo.analyzeTables(db, [
        'import_records (import_id)',
        'import_errors (import_id)',
        ...entity.tables,
      ]);
    await hooks.onBatch?.(rows[rows.length - 1]!.rowNo, imp.total, counts);
  };

  let inFlight: Promise<void> | null = null;
  let batchRows = hooks.batchRows ?? BATCH.first;
  /** Validates the gathered rows, waits for the batch before to commit, then starts this one's. */
  const submit = async () => {
    if (!batch.length) return;
    const validated = await validateBatch(batch);
    batch = [];
    if (inFlight) await inFlight;
    inFlight = commitBatch(validated);
    // Awaited before the next batch starts (or at the end); this only keeps Node from calling it unhandled meanwhile.
    inFlight.catch(() => undefined);
  };

  try {
    for await (const cells of source.rows) {
      rowNo++;
      if (rowNo <= resumeAfter) continue;
      batch.push({ rowNo, cells });
      if (batch.length >= batchRows) {
        await submit();
        if (hooks.stopAfterBatches && batchNo + 1 >= hooks.stopAfterBatches) {
          await inFlight;
          return { stopped: true, counts };
        }
      }
    }
    await submit();
    await inFlight;
  } catch (e) {
    await (inFlight as Promise<void> | null)?.catch(() => undefined);
    if (e instanceof FileRefused) {
      await fail(db, orgId, importId, `file_${e.reason}`);
      return { failed: e.reason };
    }
    throw e;
  } finally {
    await source.close();
  }

  await withTenant(db, orgId, async (tx) => {
    await entity.finish?.(tx, ctx, importId);
    await repo.updateImport(tx, orgId, importId, {
      status: 'done',
      total: rowNo,
      processed: rowNo,
      finishedAt: new Date(),
    });
    await audit(tx, { ...ctx, now: new Date() }, 'imports', importId, 'import', [
      { field: 'counts', old: null, new: counts },
    ]);
  });
  return { counts };
}

/** FieldError params can hold anything; the stored copy is plain JSON. */
function plain(errors: FieldError[]): repo.BatchError['errors'] {
  return errors.map((e) => ({ field: e.field, code: e.code, ...(e.params ? { params: e.params } : {}) }));
}

const UNDO_CHUNK = 1000;

/** Reverts an import chunk by chunk; each chunk's records leave the import's list as they are undone. */
export async function runUndo(db: Db, orgId: string, importId: string) {
  const imp = await withTenant(db, orgId, (tx) => repo.findImport(tx, orgId, importId, null));
  if (!imp || imp.status !== 'undoing') return { skipped: true };
  const ctx = await jobCtx(db, orgId, imp.createdBy, null);
  if (!ctx) return { failed: 'creatorInactive' };
  const entity = importEntity(imp.entity);
  let after: string | null = null;
  let undone = 0;
  const conflicts: { id: string; name: string }[] = [];
  for (;;) {
    const done = await withTenant(db, orgId, async (tx) => {
      const records = await repo.recordsAfter(tx, orgId, importId, after, UNDO_CHUNK);
      if (!records.length) return true;
      after = records[records.length - 1]!.recordId;
      const r = await entity.undo(tx, { ...ctx, now: new Date() }, records);
      undone += r.undone;
      conflicts.push(...r.conflicts);
      const kept = new Set(r.conflicts.map((c) => c.id));
      await repo.deleteRecords(
        tx,
        orgId,
        importId,
        records.map((x) => x.recordId).filter((id) => !kept.has(id)),
      );
      return records.length < UNDO_CHUNK;
    });
    if (done) break;
  }
  await withTenant(db, orgId, async (tx) => {
    await repo.updateImport(tx, orgId, importId, {
      status: 'undone',
      undoneAt: new Date(),
      undoneBy: imp.createdBy,
      undoConflicts: conflicts.slice(0, 1000),
    });
    await audit(tx, { ...ctx, now: new Date() }, 'imports', importId, 'undone', [
      { field: 'undone', old: null, new: undone },
      { field: 'conflicts', old: null, new: conflicts.length },
    ]);
  });
  return { undone, conflicts: conflicts.length };
}

/** Job handlers: the import and its undo, resumable after a crash (the queue re-runs an expired lease). */
export function importJobHandlers(files: ImportFiles) {
  return {
    'imports.run': async (job: JobContext) => {
      const importId = String(job.payload.importId);
      const orgId = job.orgId;
      if (!orgId) return { skipped: true };
      try {
        return await runImport(job.db, files, orgId, importId, {
          apiKey: (job.payload.apiKey as Actor['apiKey']) ?? null,
          onBatch: (processed, total) => job.progress(processed, total),
        });
      } catch (e) {
        // The queue retries (resuming after the last batch); after the last attempt the import has failed.
        if (job.attempt >= MAX_ATTEMPTS)
          await fail(job.db, orgId, importId, e instanceof Error ? e.message.slice(0, 500) : 'error');
        throw e;
      }
    },
    'imports.undo': async (job: JobContext) => {
      const importId = String(job.payload.importId);
      if (!job.orgId) return { skipped: true };
      return runUndo(job.db, job.orgId, importId);
    },
  };
}
