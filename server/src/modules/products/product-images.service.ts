import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Ctx } from '../../plugins/context.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { audit } from '../audit/index.ts';
import * as repo from './products.repository.ts';
import { ENTITY, requireProducts } from './products.service.ts';
import { IMAGES_PER_PRODUCT, imageFileName, sniffImage } from './product-images.ts';

// Images live in the shared attachments table (record type 'products') and directory; the
// interactions module does not export its attachment service, so this is a small image-only twin.

function fileOf(dir: string, key: string): string {
  const full = path.resolve(dir, key);
  if (!full.startsWith(path.resolve(dir) + path.sep)) throw new AppError('BAD_REQUEST');
  return full;
}

export async function uploadImage(
  ctx: Ctx,
  dir: string,
  productId: string,
  upload: { fileName: string; bytes: Buffer },
) {
  requireProducts(ctx, 'update');
  const type = sniffImage(upload.bytes.subarray(0, 16));
  const id = newId();
  const key = path.join(ctx.actor.orgId, 'products', id);
  const target = fileOf(dir, key);
  let written = false;
  try {
    return await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
      if (!(await repo.findProduct(tx, ctx.actor.orgId, productId))) throw notFound('product');
      if (!type) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { fileName: upload.fileName });
      if ((await repo.listImages(tx, ctx.actor.orgId, productId)).length >= IMAGES_PER_PRODUCT)
        throw new AppError('VALIDATION_FAILED', {}, [
          { field: 'file', code: 'maxItems', params: { limit: IMAGES_PER_PRODUCT } },
        ]);
      const fileName = imageFileName(upload.fileName, type);
      const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
      await repo.insertImage(tx, {
        id,
        orgId: ctx.actor.orgId,
        recordType: repo.IMAGE_RECORD_TYPE,
        recordId: productId,
        fileName,
        contentType: type,
        size: upload.bytes.length,
        sha256,
        storageKey: key,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        createdBy: ctx.actor.userId,
        updatedBy: ctx.actor.userId,
      });
      await audit(tx, ctx, ENTITY, productId, 'attach', [
        { field: 'images', old: null, new: { id, fileName, size: upload.bytes.length, sha256 } },
      ]);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, upload.bytes, { flag: 'wx' });
      written = true;
      return { id, fileName, contentType: type, size: upload.bytes.length, createdAt: ctx.now };
    });
  } catch (err) {
    if (written) await fs.rm(target, { force: true });
    throw err;
  }
}

export async function openImage(ctx: Ctx, dir: string, productId: string, imageId: string) {
  requireProducts(ctx, 'read');
  const file = await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findProduct(tx, ctx.actor.orgId, productId))) throw notFound('product');
    const f = await repo.findImage(tx, ctx.actor.orgId, productId, imageId);
    if (!f) throw notFound('attachment');
    return f;
  });
  try {
    return { file, bytes: await fs.readFile(fileOf(dir, file.storageKey)) };
  } catch {
    throw notFound('attachment');
  }
}

export async function deleteImage(ctx: Ctx, dir: string, productId: string, imageId: string) {
  requireProducts(ctx, 'update');
  const file = await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findProduct(tx, ctx.actor.orgId, productId))) throw notFound('product');
    const f = await repo.findImage(tx, ctx.actor.orgId, productId, imageId);
    if (!f) throw notFound('attachment');
    await repo.deleteImage(tx, ctx.actor.orgId, imageId);
    await audit(tx, ctx, ENTITY, productId, 'detach', [
      { field: 'images', old: { id: f.id, fileName: f.fileName, sha256: f.sha256 }, new: null },
    ]);
    return f;
  });
  await fs.rm(fileOf(dir, file.storageKey), { force: true });
}
