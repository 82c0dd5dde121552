import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Ctx } from '../../plugins/context.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { audit } from '../audit/index.ts';
import * as repo from './interactions.repository.ts';
import { classifyUpload, cleanFileName } from './attachment-rules.ts';
import { ENTITY, requireInteractions, visibleInteraction } from './interactions.service.ts';

export interface Upload {
  fileName: string;
  declaredType: string;
  bytes: Buffer;
}

/** Resolves a stored key inside the attachments directory; a key never escapes it. */
function fileOf(dir: string, key: string): string {
  const full = path.resolve(dir, key);
  if (!full.startsWith(path.resolve(dir) + path.sep)) throw new AppError('BAD_REQUEST');
  return full;
}

/**
 * Stores a file on an interaction the caller can see. The bytes are checked before anything
 * is written; the file is written inside the transaction that inserts its row and removed
 * again if that transaction does not commit, so a failure leaves neither.
 */
export async function uploadAttachment(ctx: Ctx, dir: string, interactionId: string, upload: Upload) {
  requireInteractions(ctx, 'create');
  const fileName = cleanFileName(upload.fileName);
  const verdict = classifyUpload(fileName, upload.declaredType, upload.bytes.subarray(0, 4096));
  const id = newId();
  const key = path.join(ctx.actor.orgId, String(ctx.now.getUTCFullYear()), id);
  const target = fileOf(dir, key);
  let written = false;
  try {
    return await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
      await visibleInteraction(tx, ctx, interactionId);
      if (!verdict.ok) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { fileName });
      const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
      const row = {
        id,
        orgId: ctx.actor.orgId,
        recordType: ENTITY,
        recordId: interactionId,
        fileName,
        contentType: verdict.contentType,
        size: upload.bytes.length,
        sha256,
        storageKey: key,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        createdBy: ctx.actor.userId,
        updatedBy: ctx.actor.userId,
      };
      await repo.insertAttachment(tx, row);
      await audit(tx, ctx, ENTITY, interactionId, 'attach', [
        { field: 'attachments', old: null, new: { id, fileName, size: row.size, sha256 } },
      ]);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, upload.bytes, { flag: 'wx' });
      written = true;
      return {
        id,
        fileName,
        contentType: row.contentType,
        size: row.size,
        sha256,
        createdAt: ctx.now,
        createdBy: ctx.actor.userId,
      };
    });
  } catch (err) {
    if (written) await fs.rm(target, { force: true });
    throw err;
  }
}

/** An attachment whose interaction the caller can see, or 404. */
async function visibleAttachment(ctx: Ctx, id: string) {
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const file = await repo.findAttachment(tx, ctx.actor.orgId, id);
    if (!file || !(await repo.findInteraction(tx, ctx.actor, file.recordId))) throw notFound('attachment');
    return file;
  });
}

export async function openAttachment(ctx: Ctx, dir: string, id: string) {
  requireInteractions(ctx, 'read');
  const file = await visibleAttachment(ctx, id);
  const full = fileOf(dir, file.storageKey);
  try {
    return { file, bytes: await fs.readFile(full) };
  } catch {
    throw notFound('attachment');
  }
}

export async function deleteAttachment(ctx: Ctx, dir: string, id: string) {
  requireInteractions(ctx, 'update');
  const file = await visibleAttachment(ctx, id);
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await repo.deleteAttachment(tx, ctx.actor.orgId, id);
    await audit(tx, ctx, ENTITY, file.recordId, 'detach', [
      { field: 'attachments', old: { id, fileName: file.fileName, sha256: file.sha256 }, new: null },
    ]);
  });
  await fs.rm(fileOf(dir, file.storageKey), { force: true });
}
