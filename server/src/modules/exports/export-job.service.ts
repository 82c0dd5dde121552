import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../../plugins/context.ts';
import { loadActor } from '../auth/index.ts';
import type { JobHandler } from '../jobs/index.ts';
import { exportFileName, openExport, writeExport, type ExportPayload } from './exports.service.ts';

/** Finished export files are kept this long, then the cleanup job deletes them. */
export const EXPORT_TTL_MS = 24 * 3600_000;

export const exportsDir = (filesDir: string) => path.join(filesDir, 'exports');

/**
 * `exports.run`: writes the file as the job's creator — their role and data scope as they are now
 * (a user disabled since is refused) — to `<filesDir>/exports/<orgId>/<id>.<ext>`, reporting
 * progress (rows written of the total). The file appears under its name only once complete.
 */
export function exportJob(filesDir: string): JobHandler {
  return async (job) => {
    const p = job.payload as unknown as ExportPayload;
    if (!job.orgId || !job.createdBy) throw new Error('an export job needs its organisation and creator');
    const loaded = await loadActor(job.db, job.orgId, job.createdBy, p.apiKey ?? null);
    if (!loaded) throw new Error('the user who asked for this export is no longer active');
    const ctx: Ctx = { db: job.db, actor: loaded.actor, locale: p.locale, ip: p.ip, now: new Date() };
    const opts = { format: p.format, encoding: p.encoding, columns: p.columns ?? undefined };
    const reader = await openExport(ctx, p.entity, p.query, opts);
    await job.progress(0, reader.total);
    const dir = path.join(exportsDir(filesDir), job.orgId);
    await fs.promises.mkdir(dir, { recursive: true });
    const file = path.join(dir, `${job.id}.${p.format}`);
    const part = `${file}.part`;
    const out = fs.createWriteStream(part);
    try {
      const rows = await writeExport(reader, out, opts, {
        // The total was counted before the first row; rows added meanwhile may pass it.
        progress: (n) => job.progress(n, Math.max(n, reader.total)),
        stop: job.cancelled,
      });
      await fs.promises.rename(part, file);
      await job.progress(rows, rows);
      const { size } = await fs.promises.stat(file);
      return { fileName: exportFileName(p.entity, p.format, ctx.now), rows, bytes: size };
    } catch (e) {
      out.destroy();
      await fs.promises.rm(part, { force: true });
      throw e;
    }
  };
}

/** `exports.cleanup`: deletes export files older than a day (`now` in the payload: as of then). */
export function exportCleanupJob(filesDir: string): JobHandler {
  return async (job) => {
    const now = typeof job.payload.now === 'string' ? new Date(job.payload.now) : new Date();
    const root = exportsDir(filesDir);
    let removed = 0;
    const orgs = await fs.promises.readdir(root).catch(() => [] as string[]);
    for (const org of orgs) {
      const dir = path.join(root, org);
      for (const name of await fs.promises.readdir(dir).catch(() => [] as string[])) {
        const file = path.join(dir, name);
        const stat = await fs.promises.stat(file).catch(() => null);
        if (stat?.isFile() && now.getTime() - stat.mtimeMs > EXPORT_TTL_MS) {
          await fs.promises.rm(file, { force: true });
          removed++;
        }
      }
    }
    return { removed };
  };
}
